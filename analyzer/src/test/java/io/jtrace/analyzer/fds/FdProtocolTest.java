package io.jtrace.analyzer.fds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.http.H2ConnectionTest;
import io.jtrace.analyzer.trace.TestEvents;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Syscall;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fds view's protocol label on hand-made calls: h2 by the client's preface (first, after a server's SETTINGS,
 * or after an h2c upgrade), grpc when the first request's content-type says so. Header blocks from Netty's encoder.
 */
class FdProtocolTest {
    private static final int PID = 100;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] SETTINGS = H2ConnectionTest.frame(4, 0, 0, new byte[] {0, 3, 0, 0, 0, 100, 0, 4, 0, 1, 0, 0});

    private final TraceState state = new TraceState(Header.getDefaultInstance());
    private final FdTable table = new FdTable(state);
    private final DefaultHttp2HeadersEncoder hpack = new DefaultHttp2HeadersEncoder();
    private long now = 1_000_000;

    @Test
    void aServerWhoseSettingsGoOutBeforeThePrefaceArrivesIsH2OrGrpc() throws Exception {
        // grpc-java's Netty server writes its SETTINGS as soon as it accepts; the client's preface comes after
        accept(7);
        accept(8);
        write(7, SETTINGS);
        read(7, H2ConnectionTest.concat(PREFACE, SETTINGS, request(1, "application/grpc")));
        write(8, SETTINGS);
        read(8, H2ConnectionTest.concat(PREFACE, SETTINGS, H2ConnectionTest.frame(1, 0x4, 1, block(new DefaultHttp2HeadersEncoder(), "text/plain"))));
        assertEquals("grpc", protocol(7));
        assertEquals("h2", protocol(8), "HTTP/2 that is not gRPC");
    }

    @Test
    void aClientWithPriorKnowledgeIsGrpcByItsFirstRequest() throws Exception {
        accept(7);
        write(7, H2ConnectionTest.concat(PREFACE, SETTINGS));
        read(7, SETTINGS);
        write(7, request(1, "application/grpc+proto"));
        assertEquals("grpc", protocol(7));
    }

    @Test
    void aPrefaceOverTwoCallsIsReadOnFromWhereTheFirstEnded() throws Exception {
        accept(8);
        write(8, "PRI * ".getBytes(StandardCharsets.ISO_8859_1));
        write(8, H2ConnectionTest.concat(java.util.Arrays.copyOfRange(PREFACE, 6, PREFACE.length), SETTINGS,
                request(1, "application/grpc")));
        assertEquals("grpc", protocol(8));
    }

    @Test
    void aRequestHeaderBlockCutByTheSnapLengthIsNotGuessedTheNextDecides() throws Exception {
        accept(7);
        byte[] first = request(1, "application/grpc");
        writeCut(7, H2ConnectionTest.concat(PREFACE, SETTINGS, first), PREFACE.length + SETTINGS.length + 12);
        assertEquals("h2", protocol(7));
        // a block of literals only (Netty's encoder would index; a fresh one stands on its own)
        write(7, H2ConnectionTest.frame(1, 4, 3, block(new DefaultHttp2HeadersEncoder(), "application/grpc")));
        assertEquals("grpc", protocol(7));
    }

    @Test
    void anUpgradedConnectionIsGrpcByItsFirstRequestAfterThePreface() throws Exception {
        accept(7);
        write(7, "GET / HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        read(7, "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("http", protocol(7));
        write(7, H2ConnectionTest.concat(PREFACE, SETTINGS, request(3, "application/grpc")));
        assertEquals("grpc", protocol(7));
    }

    @Test
    void aConnectionOlderThanTheRecordingIsH2ByItsFrames() throws Exception {
        // attached mid-connection (GrpcJavaTest, -p): no preface, frames from the first call on
        write(7, H2ConnectionTest.concat(request(9, "application/grpc"), H2ConnectionTest.frame(0, 0, 9, new byte[] {0, 0, 0, 0, 2, 8, 1})));
        assertEquals("h2", protocol(7), "HPACK state unknown: not said grpc");
        write(8, "\u0000\u0001binary of another kind, not frames".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("other", protocol(8));
        accept(9);
        write(9, H2ConnectionTest.concat(request(1, "application/grpc"), H2ConnectionTest.frame(0, 0, 1, new byte[] {0, 0, 0, 0, 2, 8, 1})));
        assertEquals("other", protocol(9), "a connection seen from its start is HTTP/2 by its preface");
    }

    private void accept(int fd) {
        emit("accept4", syscall(fd, 3, 0, 0, 0x80000));
    }

    private String protocol(int fd) {
        return table.rows().stream().filter(r -> r.fd == fd).findFirst().orElseThrow().protocol();
    }

    /** A request's HEADERS frame, its block from the one encoder of the test's connection. */
    private byte[] request(int stream, String contentType) throws Exception {
        return H2ConnectionTest.frame(1, 0x4, stream, block(hpack, contentType));
    }

    private static byte[] block(DefaultHttp2HeadersEncoder encoder, String contentType) throws Exception {
        Http2Headers h = new DefaultHttp2Headers().method("POST").path("/helloworld.Greeter/SayHello")
                .scheme("http").authority("127.0.0.1:50051").add("content-type", contentType).add("te", "trailers");
        ByteBuf b = Unpooled.buffer();
        encoder.encodeHeaders(1, h, b);
        return ByteBufUtil.getBytes(b);
    }

    private void write(int fd, byte[] b) {
        writeCut(fd, b, b.length);
    }

    private void writeCut(int fd, byte[] b, int captured) {
        emit("write", syscall(b.length, fd, 0x1000, b.length).addBuffers(Buffer.newBuilder().setArg(1)
                .setLength(b.length).setData(ByteString.copyFrom(b, 0, captured))));
    }

    private void read(int fd, byte[] b) {
        emit("read", syscall(b.length, fd, 0x2000, 65536).addBuffers(Buffer.newBuilder().setArg(1).setAtExit(true)
                .setLength(b.length).setData(ByteString.copyFrom(b))));
    }

    private static Syscall.Builder syscall(long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setPid(PID).setTid(PID).setRet(ret).setDurationNs(10);
        for (long a : args) {
            s.addArgs(a);
        }
        return s;
    }

    private void emit(String name, Syscall.Builder s) {
        var e = TestEvents.syscall(name, s.build(), now);
        now += 1000;
        table.accept(e);
        state.apply(e);
    }
}
