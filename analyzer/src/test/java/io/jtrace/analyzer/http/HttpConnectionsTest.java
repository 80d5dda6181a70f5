package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.TestEvents;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The connection layer on hand-made syscall records: generations, sides, streams, gaps, pairing, order. */
class HttpConnectionsTest {
    private static final int PID = 100;
    private static final String GET = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final TraceState state = new TraceState(Header.getDefaultInstance());
    private final List<Exchange> out = new ArrayList<>();
    private final HttpConnections conns = new HttpConnections(state, 1 << 16, out::add);
    private long now = 1_000_000;

    @Test
    void clientOnAConnectedSocketPairsItsRequestWithTheResponse() throws IOException {
        call("socket", 0, 7, 10, 1, 0);
        call("connect", 0, 0, 7);
        long sent = now;
        write(7, GET);
        long readEntry = now;
        read(7, OK, 5_000);
        end();
        assertEquals(1, out.size());
        Exchange x = out.get(0);
        assertEquals(Exchange.Side.CLIENT, x.side());
        assertEquals("GET", x.request().method());
        assertEquals(200, x.response().status());
        assertEquals("h", x.host());
        assertEquals(readEntry + 5_000 - sent, x.latencyNs(), "a read's bytes count from its return");
        assertEquals(PID + "/7/1", x.connection());
    }

    @Test
    void aConnectionOlderThanTheRecordingGetsItsSideFromTheData() throws IOException {
        read(5, "POST /in HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 0);
        write(5, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        read(6, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 0);   // a response whose request we missed
        end();
        assertEquals(2, out.size());
        Exchange server = out.get(0);
        assertEquals(Exchange.Side.SERVER, server.side());
        assertEquals("/in", server.request().target());
        assertEquals(3, server.request().bodyLength());
        assertEquals(201, server.response().status());
        Exchange orphan = out.get(1);
        assertEquals(Exchange.Side.CLIENT, orphan.side());
        assertNull(orphan.request());
        assertEquals(404, orphan.response().status());
        assertEquals(-1, orphan.latencyNs());
    }

    @Test
    void aCloseRecordedAfterTheFdWasReusedDoesNotEndTheNewConnection() throws IOException {
        write(7, GET);   // an old connection on fd 7: its request is never answered
        long closeEntry = now;
        now += 10;
        // another thread's socket() returned 7 before the close's record was written, though the close entered first
        call("socket", 100, 7, 10, 1, 0);
        callAt("close", closeEntry, 0, 0, 7);
        call("connect", 0, 0, 7);
        write(7, GET);
        read(7, OK, 10);
        end();
        assertEquals(2, out.size(), out.toString());
        assertEquals(PID + "/7/1", out.get(0).connection());
        assertNull(out.get(0).response(), "the old connection's request had no answer");
        assertEquals(PID + "/7/2", out.get(1).connection());
        assertEquals(200, out.get(1).response().status(), "the new connection survived the late close");
    }

    @Test
    void aCloseEndsTheConnectionAndAReusedNumberStartsAFreshStream() throws IOException {
        write(7, "GET /1 HTTP/1.1\r\n\r\n");
        read(7, "HTTP/1.0 200 OK\r\n\r\nuntil close", 0);
        call("close", 0, 0, 7);
        call("accept4", 0, 7, 3, 0, 0, 0);
        read(7, "GET /2 HTTP/1.1\r\n\r\n", 0);
        write(7, "HTTP/1.1 204 No Content\r\n\r\n");
        end();
        assertEquals(2, out.size());
        assertEquals(Set.of(HttpMessage.Flag.ENDED_BY_CLOSE), out.get(0).response().flags());
        assertEquals(11, out.get(0).response().bodyLength());
        assertEquals(Exchange.Side.SERVER, out.get(1).side());
        assertEquals("/2", out.get(1).request().target());
    }

    @Test
    void aSnapLengthCutIsAGapOfKnownLength() throws IOException {
        String body = "x".repeat(1000);
        writeCut(7, "POST /big HTTP/1.1\r\nContent-Length: 1000\r\n\r\n" + body, 100);
        write(7, GET);
        read(7, OK + OK, 0);
        end();
        assertEquals(2, out.size());
        HttpMessage big = out.get(0).request();
        assertEquals(1000, big.bodyLength());
        assertTrue(big.has(HttpMessage.Flag.TRUNCATED));
        assertEquals("/a", out.get(1).request().target(), "the next request starts cleanly after the gap");
        assertEquals(200, out.get(1).response().status());
    }

    @Test
    void lostRecordsEndTheMessageInProgressAndParsingResumes() throws IOException {
        write(7, GET);
        read(7, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", 0);
        Event loss = TestEvents.of(Record.newBuilder().setLoss(Loss.newBuilder().setTid(PID).setRecords(3)).build(),
                now++);
        conns.accept(loss);
        state.apply(loss);
        write(7, "GET /b HTTP/1.1\r\n\r\n");
        read(7, "tail of the lost body" + OK, 0);
        end();
        assertEquals(2, out.size(), out.toString());
        assertEquals(Set.of(HttpMessage.Flag.TRUNCATED, HttpMessage.Flag.INCOMPLETE), out.get(0).response().flags());
        assertEquals("/b", out.get(1).request().target());
        assertEquals(2, out.get(1).response().bodyLength());
    }

    @Test
    void pipelinedRequestsPairFirstInFirstOut() throws IOException {
        write(7, "GET /1 HTTP/1.1\r\n\r\nHEAD /2 HTTP/1.1\r\n\r\nGET /3 HTTP/1.1\r\n\r\n");
        read(7, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 1\r\n\r\n3", 0);
        end();
        assertEquals(List.of("/1 200 1", "/2 200 0", "/3 404 1"), out.stream()
                .map(x -> x.request().target() + " " + x.response().status() + " " + x.response().bodyLength()).toList());
    }

    @Test
    void interimResponsesAndAnUpgradeThatEndsHttp() throws IOException {
        write(7, "POST /up HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        read(7, "HTTP/1.1 100 Continue\r\n\r\n", 0);
        write(7, "hi");
        read(7, OK, 0);
        write(7, "GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        read(7, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0005hello", 0);
        write(7, "GET /not-http HTTP/1.1\r\n\r\n");   // a websocket frame that happens to look like a request
        end();
        assertEquals(2, out.size(), out.toString());
        assertEquals(List.of(100), out.get(0).interim().stream().map(HttpMessage::status).toList());
        assertEquals(2, out.get(0).request().bodyLength());
        assertEquals(101, out.get(1).response().status());
    }

    @Test
    void iovecsCountOnlyWhatAPartialWriteMovedAndPeeksAreNotConsumed() throws IOException {
        byte[] head = "GET /v HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] rest = "\r\nGET /w HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        // writev handed over both elements but moved only head + 2 bytes; the rest is written again
        Syscall.Builder w = syscall("writev", 0, head.length + 2, 7, 0x1000, 2)
                .addBuffers(iov(0, head)).addBuffers(iov(1, rest));
        emit("writev", w);
        write(7, new String(rest, 2, rest.length - 2, StandardCharsets.US_ASCII));
        Syscall.Builder peek = syscall("recvfrom", 0, OK.length(), 7, 0x2000, 100, 2 /* MSG_PEEK */)
                .addBuffers(Buffer.newBuilder().setArg(1).setAtExit(true).setLength(OK.length())
                        .setData(ByteString.copyFromUtf8(OK)));
        emit("recvfrom", peek);
        read(7, OK + OK, 0);
        end();
        assertEquals(List.of("/v 200", "/w 200"), out.stream()
                .map(x -> x.request().target() + " " + x.response().status()).toList());
    }

    @Test
    void exchangesComeOutInOrderOfTheirStart() throws IOException {
        write(7, "GET /slow HTTP/1.1\r\n\r\n");
        write(8, "GET /fast HTTP/1.1\r\n\r\n");
        read(8, OK, 0);
        assertTrue(out.isEmpty(), "held back while an earlier exchange is in flight");
        read(7, OK, 0);
        end();
        assertEquals(List.of("/slow", "/fast"), out.stream().map(x -> x.request().target()).toList());
    }

    // --- record builders

    private void write(int fd, String data) throws IOException {
        writeCut(fd, data, data.length());
    }

    private void writeCut(int fd, String data, int captured) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        emit("write", syscall("write", 0, b.length, fd, 0x1000, b.length).addBuffers(Buffer.newBuilder().setArg(1)
                .setLength(b.length).setData(ByteString.copyFrom(b, 0, captured))));
    }

    private void read(int fd, String data, long durationNs) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        emit("read", syscall("read", durationNs, b.length, fd, 0x2000, 65536).addBuffers(Buffer.newBuilder().setArg(1)
                .setAtExit(true).setLength(b.length).setData(ByteString.copyFrom(b))));
    }

    private static Buffer iov(int index, byte[] data) {
        return Buffer.newBuilder().setArg(1).setPart(Buffer.Part.IOV).setIndex(index).setLength(data.length)
                .setData(ByteString.copyFrom(data)).build();
    }

    private void call(String name, long durationNs, long ret, long... args) {
        emit(name, syscall(name, durationNs, ret, args));
    }

    private void callAt(String name, long entryNs, long durationNs, long ret, long... args) {
        Event e = TestEvents.syscall(name, syscall(name, durationNs, ret, args).build(), entryNs);
        accept(e);
    }

    private static Syscall.Builder syscall(String name, long durationNs, long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setPid(PID).setTid(PID).setRet(ret).setDurationNs(durationNs);
        for (long a : args) {
            s.addArgs(a);
        }
        return s;
    }

    private void emit(String name, Syscall.Builder s) {
        Event e = TestEvents.syscall(name, s.build(), now);
        now += 1000 + s.getDurationNs();
        accept(e);
    }

    private void accept(Event e) {
        try {
            conns.accept(e);
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
        state.apply(e);
    }

    private void end() throws IOException {
        conns.close();
    }
}
