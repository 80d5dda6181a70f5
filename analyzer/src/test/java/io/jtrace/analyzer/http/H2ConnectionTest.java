package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.analyzer.http.Exchange.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 frames on crafted bytes, seen from the client (requests outbound): padding, CONTINUATION, interleaved
 * streams, RST_STREAM, GOAWAY, table size updates, gaps and garbage. Header blocks come from Netty's encoder.
 */
public class H2ConnectionTest {
    record Stream(int id, Side side, HttpMessage request, HttpMessage response, List<String> notes, GrpcCall grpc) {}

    private final List<Stream> out = new ArrayList<>();
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
                List<HttpMessage> interim, long startNs, List<String> notes, GrpcCall grpc) {
            out.add(new Stream(stream, side, request, response, notes, grpc));
        }
    };
    private final DefaultHttp2HeadersEncoder clientHpack = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersEncoder serverHpack = new DefaultHttp2HeadersEncoder();
    private long now = 1000;

    private H2Connection client() {
        H2Connection c = H2Connection.prior(Side.CLIENT, false, sink, 1 << 16);
        c.data(false, H2Frames.PREFACE, 0, H2Frames.PREFACE.length, now);
        return c;
    }

    public static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] block(DefaultHttp2HeadersEncoder enc, Http2Headers h) throws Exception {
        ByteBuf b = Unpooled.buffer();
        enc.encodeHeaders(1, h, b);
        return ByteBufUtil.getBytes(b);
    }

    private byte[] request(int stream, String method, String path, boolean end) throws Exception {
        Http2Headers h = new DefaultHttp2Headers().method(method).path(path).scheme("http").authority("h:80")
                .add("user-agent", "test/1");
        return frame(H2Frames.HEADERS, H2Frames.END_HEADERS | (end ? H2Frames.END_STREAM : 0), stream,
                block(clientHpack, h));
    }

    private byte[] response(int stream, String status, boolean end) throws Exception {
        Http2Headers h = new DefaultHttp2Headers().status(status).add("server", "crafted");
        return frame(H2Frames.HEADERS, H2Frames.END_HEADERS | (end ? H2Frames.END_STREAM : 0), stream,
                block(serverHpack, h));
    }

    private static byte[] data(int stream, int n, boolean end) {
        byte[] p = new byte[n];
        Arrays.fill(p, (byte) 'x');
        return frame(H2Frames.DATA, end ? H2Frames.END_STREAM : 0, stream, p);
    }

    private void send(H2Connection c, byte[] b) {
        c.data(false, b, 0, b.length, now++);
    }

    private void receive(H2Connection c, byte[] b) {
        c.data(true, b, 0, b.length, now++);
    }

    private Stream stream(int id) {
        return out.stream().filter(s -> s.id == id).findFirst().orElseThrow(() -> new AssertionError("no " + id));
    }

    /**
     * Header blocks decoded where the frame reader holds them, into buffers reused from block to block: a block
     * larger than those buffers keep (and than the reader keeps its own) between small ones, all in one call, each
     * stream's fields its own and whole, a name looked up whatever its case, and trailers kept as decoded.
     */
    @Test
    void blocksOfEverySizeKeepTheirOwnFields() throws Exception {
        H2Connection c = client();
        String big = "v".repeat(20_000);
        Http2Headers large = new DefaultHttp2Headers().method("GET").path("/large").scheme("http").authority("h:80")
                .add("x-big", big).add("x-after", "small");
        send(c, concat(request(1, "GET", "/a", true), request(7, "GET", "/d", true),
                frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 3, block(clientHpack, large)),
                request(5, "GET", "/c", true)));
        Http2Headers trailers = new DefaultHttp2Headers().add("x-trailer", "t1").add("x-trailer", "t2");
        receive(c, concat(response(1, "200", false), response(3, "200", false), response(5, "204", true),
                response(7, "200", true),
                data(1, 3, false), frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 1,
                        block(serverHpack, trailers)), data(3, 2, true)));
        c.end(now);
        assertEquals(4, out.size());
        assertEquals("/a", stream(1).request.target());
        assertEquals("/a", stream(1).request.headers().get(":path"));   // not the next block's
        assertEquals("/d", stream(7).request.headers().get(":path"));
        HttpHeaders h3 = stream(3).request.headers();
        assertEquals("/large", stream(3).request.target());
        assertEquals(big, h3.get("X-Big"));
        assertEquals("small", h3.get("x-after"));
        assertEquals(List.of(":method", ":path", ":scheme", ":authority", "x-big", "x-after"),
                h3.fields().stream().map(HttpHeaders.Field::name).toList());
        assertEquals("/c", stream(5).request.target());
        assertEquals("test/1", stream(5).request.headers().get("user-agent"));
        assertEquals(204, stream(5).response.status());
        assertEquals("crafted", stream(5).response.headers().get("server"));
        assertEquals(List.of("t1", "t2"), stream(1).response.trailers().all("x-trailer"));
        assertEquals(3, stream(1).response.bodyLength());
        assertTrue(stream(3).response.trailers().isEmpty());
        for (int id : new int[] {1, 3, 5, 7}) {
            assertTrue(stream(id).notes.isEmpty(), stream(id).notes.toString());
        }
    }

    @Test
    void interleavedStreamsPairById() throws Exception {
        H2Connection c = client();
        send(c, concat(request(1, "GET", "/a", true), request(3, "POST", "/b", false), data(3, 10, false)));
        receive(c, concat(response(3, "201", false), response(1, "200", false), data(1, 5, false),
                data(3, 7, true)));
        send(c, data(3, 4, true));   // the request's end after its response's: still one exchange
        receive(c, data(1, 6, true));
        c.end(now);
        assertEquals(2, out.size());
        Stream one = stream(1);
        assertEquals("GET", one.request.method());
        assertEquals("/a", one.request.target());
        assertEquals("HTTP/2", one.request.version());
        assertEquals(200, one.response.status());
        assertEquals(11, one.response.bodyLength());
        Stream three = stream(3);
        assertEquals("POST", three.request.method());
        assertEquals(14, three.request.bodyLength());
        assertEquals(201, three.response.status());
        assertEquals(7, three.response.bodyLength());
        assertTrue(one.notes.isEmpty(), one.notes.toString());
        assertEquals("h:80", three.request.headers().get(":authority"));
    }

    @Test
    void paddingAndPriorityAreNotHeadersNorBody() throws Exception {
        H2Connection c = client();
        byte[] block = block(clientHpack, new DefaultHttp2Headers().method("GET").path("/p").scheme("http"));
        // pad length 3, then the priority's 5 bytes (dependency and weight), the block, 3 bytes of padding
        byte[] headers = concat(new byte[] {3}, new byte[] {0, 0, 0, 0, 15}, block, new byte[3]);
        send(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM | H2Frames.PADDED
                | H2Frames.PRIORITY_FLAG, 1, headers));
        receive(c, response(1, "200", false));
        byte[] padded = concat(new byte[] {10}, "hello".getBytes(), new byte[10]);
        receive(c, frame(H2Frames.DATA, H2Frames.PADDED | H2Frames.END_STREAM, 1, padded));
        assertEquals(1, out.size());
        assertEquals("/p", out.get(0).request.target());
        assertEquals(5, out.get(0).response.bodyLength());
        assertEquals("hello", new String(out.get(0).response.body()));
    }

    @Test
    void continuationFramesCompleteTheBlock() throws Exception {
        H2Connection c = client();
        Http2Headers h = new DefaultHttp2Headers().method("GET").path("/long").scheme("http");
        for (int i = 0; i < 50; i++) {
            h.add("x-field-" + i, "value number " + i);
        }
        byte[] block = block(clientHpack, h);
        int a = block.length / 3;
        int b = 2 * block.length / 3;
        send(c, concat(frame(H2Frames.HEADERS, H2Frames.END_STREAM, 1, Arrays.copyOfRange(block, 0, a)),
                frame(H2Frames.CONTINUATION, 0, 1, Arrays.copyOfRange(block, a, b)),
                frame(H2Frames.CONTINUATION, H2Frames.END_HEADERS, 1, Arrays.copyOfRange(block, b, block.length))));
        receive(c, response(1, "204", true));
        assertEquals(1, out.size());
        assertEquals("value number 49", out.get(0).request.headers().get("x-field-49"));
        assertEquals(204, out.get(0).response.status());
    }

    @Test
    void resetAndGoawayAreNotes() throws Exception {
        H2Connection c = client();
        send(c, concat(request(1, "GET", "/slow", true), request(3, "GET", "/other", true)));
        send(c, frame(H2Frames.RST_STREAM, 0, 1, new byte[] {0, 0, 0, 8}));
        receive(c, frame(H2Frames.GOAWAY, 0, 0, new byte[] {0, 0, 0, 1, 0, 0, 0, 0}));
        c.end(now);
        assertEquals(2, out.size());
        Stream one = stream(1);
        assertTrue(one.notes.contains("reset by client: CANCEL"), one.notes.toString());
        assertNull(one.response);
        Stream three = stream(3);
        assertTrue(three.notes.contains("goaway from server: NO_ERROR, last stream 1"), three.notes.toString());
        assertTrue(three.notes.contains("response not seen"), three.notes.toString());
        assertTrue(three.request.has(HttpMessage.Flag.INCOMPLETE) || three.request.endNs() > 0);
    }

    @Test
    void aLargerTableAllowedBySettingsIsUsed() throws Exception {
        H2Connection c = client();
        // the client allows the server's encoder a 64 KiB table; the server's encoder then announces 65536
        byte[] settings = {0, 1, 0, 1, 0, 0};
        send(c, frame(H2Frames.SETTINGS, 0, 0, settings));
        serverHpack.configuration().maxHeaderTableSize(65536);
        send(c, request(1, "GET", "/a", true));
        Http2Headers big = new DefaultHttp2Headers().status("200");
        for (int i = 0; i < 20; i++) {
            big.add("x-big-" + i, "v".repeat(300) + i);   // 6 KiB of entries: over the default 4 KiB table
        }
        receive(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 1, block(serverHpack, big)));
        send(c, request(3, "GET", "/b", true));
        receive(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 3, block(serverHpack, big)));
        assertEquals(2, out.size());
        assertEquals("v".repeat(300) + 0, stream(3).response.headers().get("x-big-0"),
                "the second block refers to entries only a 64 KiB table holds");
    }

    @Test
    void aGapInsideDataKeepsTheFrames() throws Exception {
        H2Connection c = client();
        send(c, request(1, "GET", "/a", true));
        receive(c, response(1, "200", false));
        byte[] d = data(1, 100, true);
        c.data(true, d, 0, 30, now++);   // header and 21 bytes captured, the rest cut by the snap length
        c.gap(true, d.length - 30, now++);
        send(c, request(3, "GET", "/b", true));
        receive(c, response(3, "200", true));
        assertEquals(2, out.size());
        assertEquals(100, stream(1).response.bodyLength());
        assertTrue(stream(1).response.has(HttpMessage.Flag.TRUNCATED));
        assertEquals(200, stream(3).response.status());
        assertTrue(stream(3).notes.isEmpty(), stream(3).notes.toString());
    }

    @Test
    void aGapOverHeadersMakesLaterBlocksUnknownUnlessTheyNeedNoLostEntry() throws Exception {
        H2Connection c = client();
        send(c, request(1, "GET", "/a", true));
        byte[] lost = request(3, "GET", "/b", true);   // adds "/b" to the table
        c.data(false, lost, 0, 12, now++);
        c.gap(false, lost.length - 12 + 20, now++);   // and the next frame's header too: boundaries lost
        byte[] again = request(5, "GET", "/b", true);   // refers to the lost entries
        send(c, again);
        Http2Headers fresh = new DefaultHttp2Headers().method("PUT").path("/new-" + "z".repeat(40)).scheme("https");
        DefaultHttp2HeadersEncoder other = new DefaultHttp2HeadersEncoder();   // a block of static and literal fields
        send(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 7, block(other, fresh)));
        receive(c, concat(response(1, "200", true), response(3, "200", true), response(5, "200", true),
                response(7, "200", true)));
        c.end(now);
        assertEquals(200, stream(5).response.status());
        assertNull(stream(5).request);
        assertTrue(stream(5).notes.stream().anyMatch(n -> n.startsWith("request headers unknown")),
                stream(5).notes.toString());
        assertEquals("PUT", stream(7).request.method(), "a block that needs no lost entry decodes");
    }

    @Test
    void midwayAStatusThatStandsOnItsOwnIsKnownTheRestSaidUnknown() throws Exception {
        receive(H2Connection.prior(Side.CLIENT, false, sink, 0), response(1, "200", true));   // fills serverHpack
        out.clear();
        H2Connection c = H2Connection.midway(Side.CLIENT, sink, 1 << 16);
        send(c, request(3, "GET", "/later", true));
        // :status 200 is a static entry; "server: crafted" now refers to the entry the first response added
        receive(c, response(3, "200", true));
        receive(c, response(5, "404", true));   // a literal status: new, decoded too
        c.end(now);
        Stream three = stream(3);
        assertEquals(200, three.response.status());
        assertNull(three.response.headers().get("server"), "never guessed");
        assertTrue(three.notes.contains("response headers partly unknown (the connection predates the recording)"),
                three.notes.toString());
        assertEquals(404, stream(5).response.status());
    }

    @Test
    void openStreamsAndHeaderBlocksAreBounded() throws Exception {
        H2Connection c = client();
        for (int id = 1; id < 2 * (H2Connection.OPEN_LIMIT + 10); id += 2) {
            send(c, request(id, "GET", "/never-answered", false));
        }
        assertEquals(10, out.size(), "past the limit the oldest open streams go out");
        assertTrue(out.get(0).notes.contains("stream state dropped (over 1000 open streams)"), out.get(0).notes
                .toString());
        assertEquals(1, out.get(0).id);
        out.clear();
        H2Connection d = client();
        byte[] huge = new byte[H2Frames.PAYLOAD_LIMIT];
        send(d, frame(H2Frames.HEADERS, H2Frames.END_STREAM, 1, huge));
        for (int i = 0; i < 5; i++) {   // a block of 5 x 64 KiB: over the block limit, not kept, not decoded
            send(d, frame(H2Frames.CONTINUATION, i == 4 ? H2Frames.END_HEADERS : 0, 1, huge));
        }
        receive(d, response(1, "200", true));
        d.end(now);
        assertEquals(1, out.size());
        assertNull(out.get(0).request);
        assertTrue(out.get(0).notes.contains("request headers unknown (a header block over 256 KiB)"),
                out.get(0).notes.toString());
    }

    /** gRPC's length-prefixed message: compressed flag, 4-byte length, the bytes. */
    private static byte[] grpcMessage(int length) {
        byte[] m = new byte[5 + length];
        m[1] = (byte) (length >>> 24);
        m[2] = (byte) (length >>> 16);
        m[3] = (byte) (length >>> 8);
        m[4] = (byte) length;
        return m;
    }

    private byte[] grpcRequest(int stream, String path) throws Exception {
        Http2Headers h = new DefaultHttp2Headers().method("POST").path(path).scheme("http").authority("h:50051")
                .add("content-type", "application/grpc").add("te", "trailers");
        return frame(H2Frames.HEADERS, H2Frames.END_HEADERS, stream, block(clientHpack, h));
    }

    @Test
    void grpcServiceMethodStatusAndMessages() throws Exception {
        H2Connection c = client();
        byte[] two = concat(grpcMessage(7), grpcMessage(300));
        send(c, concat(grpcRequest(1, "/helloworld.Greeter/SayHello"), frame(H2Frames.DATA, 0, 1,
                Arrays.copyOfRange(two, 0, 9)), frame(H2Frames.DATA, H2Frames.END_STREAM, 1,
                Arrays.copyOfRange(two, 9, two.length))));   // a prefix split over two DATA frames
        Http2Headers head = new DefaultHttp2Headers().status("200").add("content-type", "application/grpc");
        receive(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS, 1, block(serverHpack, head)));
        receive(c, frame(H2Frames.DATA, 0, 1, grpcMessage(12)));
        Http2Headers trailers = new DefaultHttp2Headers().add("grpc-status", "5")
                .add("grpc-message", "no such greeting %E2%9C%93");
        receive(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 1,
                block(serverHpack, trailers)));
        // a trailers-only response: the status in the one header block
        send(c, concat(grpcRequest(3, "/helloworld.Greeter/Other"), frame(H2Frames.DATA, H2Frames.END_STREAM, 3,
                grpcMessage(0))));
        Http2Headers only = new DefaultHttp2Headers().status("200").add("content-type", "application/grpc")
                .add("grpc-status", "12");
        receive(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 3, block(serverHpack, only)));
        send(c, request(5, "GET", "/plain", true));
        receive(c, response(5, "200", true));
        GrpcCall one = stream(1).grpc;
        assertEquals("helloworld.Greeter", one.service());
        assertEquals("SayHello", one.method());
        assertEquals(5, one.status());
        assertEquals("NOT_FOUND", one.statusName());
        assertEquals("no such greeting \u2713", one.message());
        assertEquals(2, one.requests().count());
        assertEquals(307, one.requests().bytes());
        assertEquals(1, one.responses().count());
        assertEquals(12, one.responses().bytes());
        GrpcCall other = stream(3).grpc;
        assertEquals("UNIMPLEMENTED", other.statusName());
        assertEquals(1, other.requests().count());
        assertEquals(0, other.responses().count());
        assertNull(stream(5).grpc, "not gRPC");
    }

    @Test
    void resynchronisingBelievesAHeaderOnlyWhenTheNextFitsToo() throws Exception {
        H2Connection c = client();
        send(c, request(1, "GET", "/a", true));
        receive(c, response(1, "200", false));
        c.lost(true, now++);   // boundaries lost: the next call starts inside a DATA payload
        // a believable header (DATA on stream 9, 2 bytes) followed by bytes that are no header: not taken
        byte[] payload = concat(new byte[] {0, 0, 2, 0, 0, 0, 0, 0, 9, 'h', 'i'}, "not a frame header".getBytes());
        receive(c, payload);
        receive(c, concat(response(3, "204", true)));   // a call that starts a frame: found again
        send(c, request(3, "GET", "/b", true));
        c.end(now);
        assertTrue(out.stream().noneMatch(x -> x.id == 9), "no stream made of payload bytes");
        assertEquals(204, stream(3).response.status());
    }

    @Test
    void anHpackBombIsNotDecoded() {
        H2Connection c = client();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x82, (byte) 0x84});   // :method GET, :path /
        b.writeBytes(new byte[] {0x40, 1, 'x', 0x7f, (byte) 0xa1, 0x1e});   // x: 4000 bytes, added to the table
        b.writeBytes(new byte[4000]);
        for (int i = 0; i < 12_000; i++) {
            b.write(0xbe);   // the same 4000 bytes again, a byte each: 48 MB decoded
        }
        send(c, frame(H2Frames.HEADERS, H2Frames.END_HEADERS | H2Frames.END_STREAM, 1, b.toByteArray()));
        c.end(now);
        assertEquals(1, out.size());
        // over the header list limit: not decoded; only the leading fields that stand on their own are shown
        assertEquals("/", out.get(0).request.target());
        assertNull(out.get(0).request.headers().get("x"));
        assertTrue(out.get(0).notes.contains("request headers partly unknown (not decodable)"),
                out.get(0).notes.toString());
    }

    @Test
    void garbageNeitherThrowsNorGrows() {
        H2Connection c = client();
        Random r = new Random(17);
        byte[] junk = new byte[1 << 16];
        for (int i = 0; i < 64; i++) {
            r.nextBytes(junk);
            c.data(i % 2 == 0, junk, 0, junk.length, now++);
            if (i % 7 == 0) {
                c.lost(true, now++);
            }
        }
        c.end(now);
        assertTrue(out.size() <= 64 * (1 << 16) / 9, "streams are bounded by the bytes");
    }

    @Test
    void startsWithFramesTellsFramesFromText() throws Exception {
        byte[] frames = concat(request(1, "GET", "/a", true), data(1, 3, false));
        assertTrue(H2Connection.startsWithFrames(frames, 0, frames.length));
        byte[] text = "GET / HTTP/1.1\r\nHost: h\r\n\r\n".getBytes();
        assertTrue(!H2Connection.startsWithFrames(text, 0, text.length));
    }
}
