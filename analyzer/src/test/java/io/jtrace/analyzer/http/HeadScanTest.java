package io.jtrace.analyzer.http;

import static io.jtrace.analyzer.http.Feed.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jtrace.analyzer.http.HttpStreamParser.Direction;
import io.jtrace.format.syscalls.SyscallTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What HeadScan finds in a call's first bytes, and that a parser given it reports what it reports without. */
class HeadScanTest {
    private final HeadScan scan = new HeadScan(SyscallTable.forArch("x86_64"), Feed.LIMIT);

    @Test
    void aWholeHeadIsFoundInEitherDirectionAndNothingElse() {
        String request = "POST /orders HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n";
        ParsedHead r = scan.scan(bytes(request + "{}"), 0, request.length() + 2);
        assertNotNull(r);
        assertEquals(request.length(), r.length());
        assertEquals(2, r.contentLength());
        assertNotNull(scan.scan(bytes("HEAD / HTTP/1.1\r\n\r\n"), 0, 19));   // 'H' may start either kind
        String response = "HTTP/1.1 204 No Content\r\n\r\n";
        assertEquals(response.length(), scan.scan(bytes(response), 0, response.length()).length());
        for (String no : List.of("GET / HTTP/1.1\r\nHost: h\r\n", "{\"a\":1}", "\r\nGET / HTTP/1.1\r\n\r\n",
                "GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", "", "get / HTTP/1.1\r\n\r\n")) {
            assertNull(scan.scan(bytes(no), 0, no.length()), no);
        }
    }

    @Test
    void aHeadLongerThanWhatIsLookedAtFirstIsFoundToo() {
        String head = "GET /long HTTP/1.1\r\nX-Long: " + "v".repeat(5000) + "\r\n\r\n";
        byte[] b = bytes(head + "GET /next HTTP/1.1\r\n\r\n");
        ParsedHead h = scan.scan(b, 0, b.length);
        assertNotNull(h);
        assertEquals(head.length(), h.length());
        assertEquals(Feed.whole(Direction.REQUESTS, b, true).events, Feed.ahead(Direction.REQUESTS, b, 0, true).events);
        // a long body whose start could be a line of text is no head, found without reading all of it
        byte[] body = bytes("THE QUICK BROWN FOX " + "x".repeat(5000));
        assertNull(scan.scan(body, 0, body.length));
    }

    @Test
    void aHeadIsTakenOnceAndOnlyByAParserOfItsDirectionAndBodyLimit() {
        byte[] b = bytes("GET / HTTP/1.1\r\n\r\n");
        ParsedHead h = scan.scan(b, 0, b.length);
        assertEquals(false, h.fits(false, Feed.LIMIT, b.length));
        assertEquals(false, h.fits(true, 0, b.length));
        assertEquals(false, h.fits(true, Feed.LIMIT, b.length - 1));
        assertEquals(true, h.fits(true, Feed.LIMIT, b.length));
        assertNotNull(h.take());
        assertEquals(false, h.fits(true, Feed.LIMIT, b.length));
        assertNull(h.take());
    }
}
