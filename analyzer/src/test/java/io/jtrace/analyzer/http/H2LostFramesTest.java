package io.jtrace.analyzer.http;

import static io.jtrace.analyzer.http.H2ConnectionTest.concat;
import static io.jtrace.analyzer.http.H2ConnectionTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jtrace.analyzer.http.Exchange.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stream whose request's frames all went by in a gap (GrpcJavaTest's capture cut by {@code -s 100}: the client
 * writes many frames at once) is first seen in its response: its request is "not seen (frames lost in a gap)", as a
 * response is, not merely "not seen", which is what a connection older than the recording shows.
 */
class H2LostFramesTest {
    private final List<String> notes = new ArrayList<>();
    private final List<Integer> ids = new ArrayList<>();
    private final H2Connection.Sink sink = new H2Connection.Sink() {
        @Override
        public void started(long t) {
        }

        @Override
        public int tid(boolean inbound, long t) {
            return 1;
        }

        @Override
        public void side(Side side) {
        }

        @Override
        public void exchange(int stream, int tid, Side side, HttpMessage request, HttpMessage response,
                List<HttpMessage> interim, long startNs, List<String> n, GrpcCall grpc) {
            ids.add(stream);
            notes.add(stream + " " + (request == null ? "-" : request.target()) + " " + n);
        }
    };
    private final DefaultHttp2HeadersEncoder serverHpack = new DefaultHttp2HeadersEncoder();
    private long now = 1000;

    private static byte[] request(int stream, String path) throws Exception {
        // a fresh encoder: literals and static entries only, decodable whatever the decoder lost
        Http2Headers h = new DefaultHttp2Headers().method("POST").path(path).scheme("http").authority("h:80");
        ByteBuf b = Unpooled.buffer();
        new DefaultHttp2HeadersEncoder().encodeHeaders(stream, h, b);
        return frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, stream, ByteBufUtil.getBytes(b));
    }

    private byte[] response(int stream) throws Exception {
        ByteBuf b = Unpooled.buffer();
        serverHpack.encodeHeaders(stream, new DefaultHttp2Headers().status("200"), b);
        return frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, stream, ByteBufUtil.getBytes(b));
    }

    /**
     * A client connection where stream 1 was seen whole, then one write held stream 3's request and a DATA frame of
     * 500 bytes, of which only 5 bytes were captured: frame boundaries are lost.
     */
    private H2Connection afterACut() throws Exception {
        H2Connection c = H2Connection.prior(Side.CLIENT, false, sink, 1 << 16);
        byte[] first = concat(H2Frames.PREFACE, request(1, "/seen"));
        c.data(false, first, 0, first.length, now++);
        c.data(true, response(1), 0, response(1).length, now++);
        byte[] cut = concat(request(3, "/lost"), frame(H2Frames.DATA, 0, 3, new byte[500]));
        c.data(false, cut, 0, 5, now++);
        c.gap(false, cut.length - 5, now++);
        return c;
    }

    @Test
    void aRequestWhoseFramesAllFellInAGapIsSaidLostInTheGap() throws Exception {
        H2Connection c = afterACut();
        byte[] next = request(5, "/after");
        c.data(false, next, 0, next.length, now++);   // a call that starts with a frame: found again
        c.data(true, concat(response(3), response(5)), 0, response(3).length + response(5).length, now++);
        c.end(now);
        assertEquals(List.of(1, 3, 5), ids.stream().sorted().toList());
        assertEquals("1 /seen []", notes.get(ids.indexOf(1)));
        assertEquals("3 - [request not seen (frames lost in a gap)]", notes.get(ids.indexOf(3)));
        assertEquals("5 /after []", notes.get(ids.indexOf(5)));
    }

    @Test
    void onAConnectionThatLostNothingARequestNotSeenIsJustNotSeen() throws Exception {
        H2Connection c = H2Connection.prior(Side.CLIENT, false, sink, 1 << 16);
        c.data(false, H2Frames.PREFACE, 0, H2Frames.PREFACE.length, now++);
        c.data(true, response(3), 0, response(3).length, now++);
        c.end(now);
        assertEquals(List.of("3 - [request not seen]"), notes);
    }

    /**
     * After a cut, a call that starts inside a DATA frame's payload may start with bytes that look like a frame
     * header whose frame goes on past the call: believed, they made a stream 32180968 out of a gRPC message's
     * bytes where streams 1 to 17 were open (GrpcJavaTest, {@code -s 100}). A stream id beyond what the unseen bytes
     * could have opened is not believed; the frames after are found as before.
     */
    @Test
    void bytesThatLookLikeAFrameOfAStreamOutOfReachAreNotBelieved() throws Exception {
        H2Connection c = afterACut();
        // a message's bytes: a DATA "header" of 1000 bytes for stream 0x01eb0ce8, 50 bytes captured, the rest cut
        byte[] message = new byte[50];
        byte[] looksLikeHeader = {0, 0x03, (byte) 0xe8, H2Frames.DATA, 0, 0x01, (byte) 0xeb, 0x0c, (byte) 0xe8};
        System.arraycopy(looksLikeHeader, 0, message, 0, looksLikeHeader.length);
        c.data(false, message, 0, message.length, now++);
        c.gap(false, 1000 + 9 - message.length, now++);
        byte[] next = request(5, "/after");
        c.data(false, next, 0, next.length, now++);
        c.data(true, concat(response(3), response(5)), 0, response(3).length + response(5).length, now++);
        c.end(now);
        assertEquals(List.of(1, 3, 5), ids.stream().sorted().toList());
        assertEquals("5 /after []", notes.get(ids.indexOf(5)));
    }
}
