package io.jtrace.analyzer.http;

import static io.jtrace.analyzer.http.Feed.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Syscall;
import org.junit.jupiter.api.Test;

class PreparedHeadsTest {
    private static final String REQUEST = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc";
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static PreparedHeads scan(int limit, String... buffers) {
        Syscall.Builder s = Syscall.newBuilder();
        for (String b : buffers) {
            s.addBuffers(Buffer.newBuilder().setData(ByteString.copyFrom(bytes(b))).setLength(b.length()));
        }
        return (PreparedHeads) PreparedHeads.scanner(limit).apply(Record.newBuilder().setSyscall(s).build());
    }

    @Test
    void aHeadIsTakenOnceByItsDirectionAndBodyLimitWhenTheBytesAreTheSame() {
        PreparedHeads heads = scan(100, REQUEST, "no head here", RESPONSE);
        byte[] req = bytes(REQUEST);
        byte[] resp = bytes(RESPONSE);
        assertNull(heads.take(req, 0, req.length, false, 100), "a request head is not a response's");
        assertNull(heads.take(req, 0, req.length, true, 0), "parsed for another body limit");
        assertNull(heads.take(req, 1, req.length - 1, true, 100), "other bytes");
        byte[] changed = req.clone();
        changed[20] = 'X';
        assertNull(heads.take(changed, 0, changed.length, true, 100), "a byte differs");
        assertNull(heads.take(req, 0, 40, true, 100), "the head is longer than the bytes at hand");
        HttpMessage m = heads.take(req, 0, req.length, true, 100);
        assertNotNull(m);
        assertEquals("POST", m.method());
        assertEquals(REQUEST.indexOf("abc"), heads.taken());
        assertNull(heads.take(req, 0, req.length, true, 100), "taken once");
        HttpMessage r = heads.take(resp, 0, resp.length, false, 100);
        assertEquals(200, r.status());
        assertEquals(RESPONSE.indexOf("ok"), heads.taken());
    }

    @Test
    void nothingWhereNoBufferStartsWithAWholeHead() {
        assertNull(scan(0, "GET /cut HTTP/1.1\r\nHost: h\r\n", "abc", "\r\nGET / HTTP/1.1\r\n\r\n", "HTTP/1.1 2000 x\r\n\r\n"));
        assertNull(PreparedHeads.scanner(0).apply(Record.newBuilder()
                .setTrailer(io.jtrace.format.proto.Trailer.getDefaultInstance()).build()));
    }

    @Test
    void theParserUsesAPreparedHeadAndOutputIsTheSame() {
        String stream = REQUEST + REQUEST;   // the second head lies after the first body: parsed as before
        PreparedHeads heads = scan(Feed.LIMIT, stream);
        assertNotNull(heads);
        Recorder ahead = Feed.prepared(HttpStreamParser.Direction.REQUESTS, bytes(stream), stream.length(), true);
        Recorder plain = Feed.whole(HttpStreamParser.Direction.REQUESTS, bytes(stream), true);
        assertEquals(plain.events, ahead.events);
        assertEquals(2, ahead.messages.size());
        HttpMessage first = heads.take(bytes(stream), 0, stream.length(), true, Feed.LIMIT);
        assertSame(HttpMessage.class, first.getClass());
    }
}
