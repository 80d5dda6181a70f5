package io.jtrace.analyzer.http;

import static io.jtrace.analyzer.http.Feed.bytes;
import static io.jtrace.analyzer.http.Feed.everySplit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.analyzer.http.HttpMessage.Flag;
import io.jtrace.analyzer.http.HttpStreamParser.Direction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpStreamParserTest {
    private static final Direction REQ = Direction.REQUESTS;
    private static final Direction RESP = Direction.RESPONSES;

    @Test
    void requestWithHeadersDuplicatesAndQuery() {
        String in = "GET /a/b?x=1&y=%20 HTTP/1.1\r\nHost: example.com\r\nAccept:  */*  \r\n"
                + "X-Dup: one\r\nx-dup: two\r\n\r\n";
        everySplit(REQ, bytes(in), false);
        Recorder r = Feed.whole(REQ, bytes(in), false);
        HttpMessage m = r.messages.get(0);
        assertEquals("GET", m.method());
        assertEquals("/a/b?x=1&y=%20", m.target());
        assertEquals("HTTP/1.1", m.version());
        assertEquals("example.com", m.headers().get("HOST"));
        assertEquals("*/*", m.headers().get("accept"));
        assertEquals(List.of("one", "two"), m.headers().all("X-DUP"));
        assertEquals(4, m.headers().size());
        assertEquals("X-Dup", m.headers().fields().get(2).name());
        assertEquals(0, m.bodyLength());
        assertTrue(m.flags().isEmpty());
    }

    @Test
    void proxyAndServerWideTargets() {
        String in = "GET http://example.com/x?y=1 HTTP/1.1\r\n\r\nOPTIONS * HTTP/1.1\r\n\r\n"
                + "M-SEARCH * HTTP/1.1\r\n\r\n";
        everySplit(REQ, bytes(in), true);
        Recorder r = Feed.whole(REQ, bytes(in), true);
        assertEquals(List.of("http://example.com/x?y=1", "*", "*"),
                r.messages.stream().map(HttpMessage::target).toList());
        assertEquals("M-SEARCH", r.messages.get(2).method());
    }

    @Test
    void stopEndsParsingWithoutClaimingAClose() {
        Recorder r = Feed.with(REQ, p -> {
            data(p, "GET /chat HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n", 1);
            p.stop(2); // the connection layer saw the peer's 101
            data(p, "GET /ignored HTTP/1.1\r\n\r\n", 3);
            p.end(4);
        });
        assertEquals(1, r.messages.size());
        Recorder cut = Feed.with(RESP, p -> {
            data(p, "HTTP/1.0 200 OK\r\n\r\npartial", 1);
            p.stop(2);
        }, "GET");
        assertEquals(Set.of(Flag.INCOMPLETE), cut.messages.get(0).flags());
        assertTrue(cut.events.size() == 2);
    }

    @Test
    void contentLengthBodiesAndSeveralMessagesInOneCall() {
        String in = "POST /submit HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world"
                + "PUT /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
                + "\r\n" // a stray empty line between messages is allowed
                + "GET /last HTTP/1.0\r\n\r\n";
        List<String> ev = everySplit(REQ, bytes(in), false);
        assertEquals(List.of(
                "start POST /submit HTTP/1.1",
                "end POST /submit HTTP/1.1 | [Field[name=Content-Length, value=11]] | body 11 hello world",
                "start PUT /x HTTP/1.1",
                "end PUT /x HTTP/1.1 | [Field[name=Content-Length, value=0]] | body 0 ",
                "start GET /last HTTP/1.0",
                "end GET /last HTTP/1.0 | [] | body 0 "), ev);
    }

    @Test
    void pipelinedResponsesPairWithRequestsInOrderIncludingHead() {
        String in = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                + "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" // answers HEAD: no body follows
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope";
        List<String> ev = everySplit(RESP, bytes(in), false, "GET", "HEAD", "GET");
        assertEquals(List.of(
                "start HTTP/1.1 200 OK",
                "end HTTP/1.1 200 OK | [Field[name=Content-Length, value=2]] | body 2 ok | for GET",
                "start HTTP/1.1 200 OK",
                "end HTTP/1.1 200 OK | [Field[name=Content-Length, value=100]] | body 0  | for HEAD",
                "start HTTP/1.1 404 Not Found",
                "end HTTP/1.1 404 Not Found | [Field[name=Content-Length, value=4]] | body 4 nope | for GET"), ev);
    }

    @Test
    void pendingRequestsIsAskedOncePerFinalResponseWithItsHead() {
        List<String> asked = new java.util.ArrayList<>();
        Recorder r = new Recorder();
        HttpStreamParser p = new HttpStreamParser(RESP, r, 100);
        p.pendingRequests(response -> {
            asked.add(response.status() + "@" + response.startNs());
            return "GET";
        });
        data(p, "HTTP/1.1 100 Continue\r\n\r\n", 5);
        data(p, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 7);
        data(p, "HTTP/1.1 101 Switching Protocols\r\n\r\n", 9);
        assertEquals(List.of("200@7"), asked);
        assertEquals("GET", r.messages.get(1).requestMethod());
    }

    @Test
    void chunkedWithExtensionsAndTrailers() {
        String in = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n"
                + "6 ; quoted=\"a;b\"\r\n world\r\n"
                + "A\r\n0123456789\r\n"
                + "0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n";
        List<String> ev = everySplit(RESP, bytes(in), false, "GET", "GET");
        assertEquals("end HTTP/1.1 200 OK | [Field[name=Transfer-Encoding, value=chunked]] | body 21 hello world0123456789"
                + " | chunked [Field[name=X-Checksum, value=abc], Field[name=X-Other, value=1]] | for GET", ev.get(1));
        assertEquals("start HTTP/1.1 204 No Content", ev.get(2));
        assertEquals(4, ev.size());
    }

    @Test
    void chunkedRequestAndTransferEncodingWinsOverContentLength() {
        String in = "POST /up HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n";
        Recorder r = Feed.whole(REQ, bytes(in), false);
        everySplit(REQ, bytes(in), false);
        assertEquals(2, r.messages.size());
        assertTrue(r.messages.get(0).chunked());
        assertEquals("abc", new String(r.messages.get(0).body()));
        assertEquals("/next", r.messages.get(1).target());
    }

    @Test
    void bodyReadUntilClose() {
        String in = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this\r\nuntil the end";
        List<String> ev = everySplit(RESP, bytes(in), true, "GET");
        assertEquals(List.of("start HTTP/1.0 200 OK",
                "end HTTP/1.0 200 OK | [Field[name=Content-Type, value=text/plain]] | body 26 all of this\r\nuntil the end"
                        + " | for GET | [ENDED_BY_CLOSE]"), ev);
        // a chunked coding that is not last also means: until close
        Recorder r = Feed.whole(RESP, bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nxyz"), true);
        assertEquals(3, r.messages.get(0).bodyLength());
        assertTrue(r.messages.get(0).has(Flag.ENDED_BY_CLOSE));
    }

    @Test
    void interimResponsesDoNotConsumeTheRequest() {
        String in = "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nid"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        List<String> ev = everySplit(RESP, bytes(in), false, "POST", "HEAD");
        assertEquals(8, ev.size());
        assertEquals("end HTTP/1.1 100 Continue | [] | body 0 ", ev.get(1));
        assertTrue(ev.get(5).endsWith("body 2 id | for POST"), ev.get(5));
        assertTrue(ev.get(7).endsWith("| for HEAD"), ev.get(7));
        Recorder r = Feed.whole(RESP, bytes(in), false, "POST", "HEAD");
        assertTrue(r.messages.get(0).isInterim());
        assertTrue(r.messages.get(1).isInterim());
        assertFalse(r.messages.get(2).isInterim());
        assertTrue(r.methods.isEmpty());
    }

    @Test
    void noBodyFor204And304EvenWithContentLength() {
        String in = "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\nETag: \"x\"\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        List<String> ev = everySplit(RESP, bytes(in), false, "GET", "DELETE", "GET");
        assertEquals(6, ev.size());
        assertTrue(ev.get(1).contains("body 0 "), ev.get(1));
        assertTrue(ev.get(5).contains("body 2 ok"), ev.get(5));
    }

    @Test
    void switchingProtocolsStopsParsing() {
        String in = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                + "\u0081\u0005hello" + "HTTP/1.1 200 OK\r\n\r\n";
        List<String> ev = everySplit(RESP, bytes(in), true, "GET");
        assertEquals(2, ev.size());
        assertTrue(ev.get(1).endsWith("[UPGRADED]"), ev.get(1));
        Recorder r = Feed.whole(RESP, bytes(in), true, "GET");
        assertNull(r.messages.get(0).requestMethod());
    }

    @Test
    void connectTunnelStopsBothDirections() {
        byte[] tls = {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5};
        byte[] head = bytes("HTTP/1.1 200 Connection established\r\n\r\n");
        byte[] resp = concat(head, tls);
        List<String> ev = everySplit(RESP, resp, true, "CONNECT");
        assertEquals(2, ev.size());
        assertTrue(ev.get(1).endsWith("| for CONNECT | [UPGRADED]"), ev.get(1));

        byte[] req = concat(bytes("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"), tls);
        ev = everySplit(REQ, req, true);
        assertEquals(List.of("start CONNECT example.com:443 HTTP/1.1",
                "end CONNECT example.com:443 HTTP/1.1 | [Field[name=Host, value=example.com:443]] | body 0 "), ev);
        // a refused CONNECT: the next request is still parsed
        Recorder r = Feed.whole(REQ, bytes("CONNECT a:1 HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n"), true);
        assertEquals(2, r.messages.size());
    }

    @Test
    void bareLineFeeds() {
        String req = "POST /lf HTTP/1.1\nHost: a\nContent-Length: 3\n\nabcGET /b HTTP/1.1\n\n";
        List<String> ev = everySplit(REQ, bytes(req), false);
        assertEquals(4, ev.size());
        assertTrue(ev.get(1).contains("Field[name=Host, value=a]") && ev.get(1).contains("body 3 abc"), ev.get(1));
        String resp = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\nT: v\n\nHTTP/1.1 200\n\n";
        ev = everySplit(RESP, bytes(resp), true, "GET", "GET");
        assertTrue(ev.get(1).contains("body 3 abc | chunked [Field[name=T, value=v]]"), ev.get(1));
        assertEquals("start HTTP/1.1 200", ev.get(2)); // no reason phrase at all
    }

    @Test
    void foldedHeaderContinuesTheValue() {
        Recorder r = Feed.whole(REQ, bytes("GET / HTTP/1.1\r\nX-Long: a\r\n  b\r\n\r\n"), false);
        assertEquals("a b", r.messages.get(0).headers().get("x-long"));
    }

    @Test
    void parsedFieldsAreLookedUpAsSent() {
        // fields stay bytes until asked for: lookups before and after they are made agree, a fold included
        String head = "GET / HTTP/1.1\r\nHost:  h:1 \r\nX-Dup: one\r\nx-dup:two\r\nContent-Length: 0\r\n"
                + "X-Fold: a\r\n\tb\r\nX-After: \t\r\nx-`: q\r\n\r\n";
        for (boolean made : new boolean[] {false, true}) {
            HttpHeaders h = Feed.whole(REQ, bytes(head), false).messages.get(0).headers();
            if (made) {
                h.fields();
            }
            assertEquals("h:1", h.get("HOST"));
            assertEquals(List.of("one", "two"), h.all("X-DUP"));
            assertEquals(List.of("0"), h.all("content-length"));
            assertEquals("a b", h.get("x-fold"));
            assertEquals("", h.get("X-After"));
            assertEquals("q", h.get("X-`"));
            assertNull(h.get("X-@"));                   // '@' is not '`' in another case
            assertEquals("h:1", h.get("Ho\u017Ft"));   // the long s is an "s" to equalsIgnoreCase
            assertTrue(h.contains("x-dup"));
            assertEquals(7, h.size());
        }
    }

    @Test
    void captureStartingMidMessageResynchronises() {
        // the tail of a body, then a whole response
        String resp = "of a body we never saw the head of\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi";
        List<String> ev = everySplit(RESP, bytes(resp), false, "GET");
        assertEquals(List.of("resynced 38", "start HTTP/1.1 200 OK",
                "end HTTP/1.1 200 OK | [Field[name=Content-Length, value=2]] | body 2 hi | for GET"), ev);
        // request bodies glued to the next request line; uppercase words that are no request line
        String req = "a=1&B=2 AND GET x HTTP/1.1 SO ON\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n";
        ev = everySplit(REQ, bytes(req), false);
        assertEquals(List.of("resynced 34", "start GET /x HTTP/1.1",
                "end GET /x HTTP/1.1 | [Field[name=Host, value=h]] | body 0 "), ev);
    }

    @Test
    void aPlausibleStartLineFollowedByJunkIsNotAMessage() {
        // a body quoting a status line, followed by a line that is no header: the real response comes after
        String resp = "quoted: HTTP/1.1 500 Oops\r\nthis is not a header\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        List<String> ev = everySplit(RESP, bytes(resp), false, "GET");
        assertEquals(List.of("resynced 51", "start HTTP/1.1 200 OK",
                "end HTTP/1.1 200 OK | [Field[name=Content-Length, value=0]] | body 0  | for GET"), ev);
    }

    @Test
    void gapInsideAContentLengthBody() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 1);
            p.gap(5, 2);
            data(p, "hiHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 3);
        }, "GET", "GET");
        assertEquals(2, r.messages.size());
        HttpMessage m = r.messages.get(0);
        assertEquals(10, m.bodyLength());
        assertArrayEquals(bytes("abc"), m.body()); // kept bytes stop at the hole
        assertEquals(Set.of(Flag.TRUNCATED), m.flags());
        assertEquals(1, r.messages.get(1).bodyLength());
        assertTrue(r.messages.get(1).flags().isEmpty());
    }

    @Test
    void gapEndingTheBodyOrRunningPastIt() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab", 1);
            p.gap(2, 2); // exactly the rest of the body: the next message starts cleanly
            data(p, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab", 3);
            p.gap(50, 4); // past the body: unknown bytes of the next message
            data(p, "ders\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 5);
        }, "GET", "GET", "GET");
        assertEquals(List.of("start HTTP/1.1 200 OK", r.events.get(1), "start HTTP/1.1 200 OK", r.events.get(3),
                "resynced 56", "start HTTP/1.1 204 No Content", r.events.get(6)), r.events);
        assertEquals(Set.of(Flag.TRUNCATED), r.messages.get(0).flags());
        assertEquals(4, r.messages.get(1).bodyLength());
        assertEquals(Set.of(Flag.TRUNCATED), r.messages.get(1).flags());
    }

    @Test
    void gapInsideChunkData() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\nab", 1);
            p.gap(4, 2);
            data(p, "cd\r\n0\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab", 3);
            p.gap(100, 4); // beyond the chunk: framing lost, the message ends truncated
            data(p, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 5);
        }, "GET", "GET", "GET");
        assertEquals(3, r.messages.size());
        assertEquals(8, r.messages.get(0).bodyLength());
        assertEquals(Set.of(Flag.TRUNCATED), r.messages.get(0).flags());
        assertEquals(4, r.messages.get(1).bodyLength());
        assertEquals(Set.of(Flag.TRUNCATED, Flag.SIZE_AT_LEAST), r.messages.get(1).flags(), "where it ends is unknown");
        assertEquals("resynced 98", r.events.get(4));
    }

    @Test
    void gapInsideABodyReadUntilClose() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.0 200 OK\r\n\r\nab", 1);
            p.gap(1000, 2);
            data(p, "cd", 3);
            p.end(4);
        }, "GET");
        assertEquals(1004, r.messages.get(0).bodyLength());
        assertEquals(Set.of(Flag.TRUNCATED, Flag.ENDED_BY_CLOSE), r.messages.get(0).flags());
    }

    @Test
    void gapInsideHeadersDropsThatMessage() {
        Recorder r = Feed.with(REQ, p -> {
            data(p, "GET /lost HTTP/1.1\r\nHo", 1);
            p.gap(10, 2);
            data(p, "st: x\r\n\r\nGET /kept HTTP/1.1\r\n\r\n", 3);
        });
        assertEquals(List.of("resynced 41", "start GET /kept HTTP/1.1", "end GET /kept HTTP/1.1 | [] | body 0 "),
                r.events);
    }

    @Test
    void lostRecordsEndTheMessageInProgressAndResynchronise() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 1);
            p.lost(2);
            data(p, "tail of something\r\nHTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nCont", 3);
            p.lost(4);   // inside a head: that message is dropped
            data(p, "ent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 5);
        }, "GET", "GET", "GET");
        assertEquals(3, r.messages.size(), r.events.toString());
        HttpMessage m = r.messages.get(0);
        assertEquals(Set.of(Flag.TRUNCATED, Flag.INCOMPLETE), m.flags());
        assertArrayEquals(bytes("abc"), m.body());
        assertEquals("resynced 19", r.events.get(2));
        assertEquals(204, r.messages.get(1).status());
        assertEquals("ok", new String(r.messages.get(2).body(), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(r.messages.get(2).flags().isEmpty());
    }

    @Test
    void lostRecordsInABodyReadUntilCloseKeepItGoing() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.0 200 OK\r\n\r\nab", 1);
            p.lost(2);
            data(p, "cd", 3);
            p.end(4);
        }, "GET");
        assertEquals(4, r.messages.get(0).bodyLength());
        assertEquals(Set.of(Flag.TRUNCATED, Flag.ENDED_BY_CLOSE), r.messages.get(0).flags());
    }

    @Test
    void gapBetweenMessagesIsReportedWithTheNextOne() {
        Recorder r = Feed.with(REQ, p -> {
            data(p, "GET /1 HTTP/1.1\r\n\r\n", 1);
            p.gap(300, 2);
            data(p, "GET /2 HTTP/1.1\r\n\r\n", 3);
        });
        assertEquals("resynced 300", r.events.get(2));
        assertEquals(2, r.messages.size());
    }

    @Test
    void tlsIsLabelledAndNeverParsed() {
        byte[] hello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        byte[] in = concat(hello, bytes("GET / HTTP/1.1\r\n\r\n"));
        assertEquals(List.of("protocol tls"), everySplit(REQ, in, true));
        byte[] appData = {0x17, 0x03, 0x03, 0x00, 0x20, 0x55, 0x66};
        assertEquals(List.of("protocol tls"), everySplit(RESP, appData, true));
    }

    @Test
    void binaryIsLabelledOnce() {
        byte[] junk = new byte[3000];
        new java.util.Random(7).nextBytes(junk);
        junk[0] = 0x00; // not a TLS record type
        assertEquals(List.of("protocol binary"), Feed.whole(REQ, junk, true).events);
        assertEquals(List.of("protocol binary"), Feed.byteByByte(RESP, junk, true).events);
        // long binary is labelled before the end, and nothing after
        byte[] big = new byte[200_000];
        new java.util.Random(8).nextBytes(big);
        big[0] = 0x01;
        Recorder r = Feed.with(REQ, p -> {
            p.data(big, 0, big.length, 1);
            data(p, "GET / HTTP/1.1\r\n\r\n", 2);
            p.end(3);
        });
        assertEquals(List.of("protocol binary"), r.events);
    }

    @Test
    void aLongBodyTailIsBinaryUnlessTheConnectionIsKnownToBeHttp() {
        byte[] tail = new byte[100_000];
        new java.util.Random(9).nextBytes(tail);
        tail[0] = 0x02;
        String next = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        Recorder r = Feed.with(RESP, p -> {
            p.data(tail, 0, tail.length, 1);
            data(p, next, 2);
        }, "GET");
        assertEquals(List.of("protocol binary"), r.events);
        r = Feed.with(RESP, p -> {
            p.assumeHttp();
            p.data(tail, 0, tail.length, 1);
            data(p, next, 2);
            p.end(3);
        }, "GET");
        assertEquals(List.of("resynced 100000", "start HTTP/1.1 200 OK", r.events.get(2)), r.events);
        r = Feed.with(RESP, p -> {
            p.assumeHttp();
            p.data(tail, 0, 10, 1);
            p.end(3);
        });
        assertEquals(List.of("discarded 10"), r.events);
    }

    @Test
    void oversizedHeadIsNotAMessage() {
        String huge = "GET /big HTTP/1.1\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n";
        Recorder r = Feed.with(REQ, p -> {
            data(p, "GET /first HTTP/1.1\r\n\r\n", 1);
            data(p, huge, 2);
            data(p, "GET /after HTTP/1.1\r\n\r\n", 3);
        });
        assertEquals(2, r.messages.size());
        assertEquals("/after", r.messages.get(1).target());
        assertEquals("resynced " + (huge.length()), r.events.get(2));
    }

    @Test
    void headsInOneCallParseAsLineByLine() {
        // a head that lies whole in one call is taken in one pass; each of these must come out as line by line
        String ok = "GET /ok HTTP/1.1\r\n\r\n";
        for (String field : List.of("X-Ctl: a\u0001b", "X-Cr: a\rb", "X-Del: a\u007fb", "No colon", "X-Sp : v",
                ": empty name", "X-Fold: a\r\n b", "X-Tab:\tv\t", "X-Bare: v\nY: w", "X-CrCr: v\r", "\r")) {
            byte[] in = bytes("GET /a HTTP/1.1\r\nHost: h\r\n" + field + "\r\n\r\n" + ok);
            List<String> ev = everySplit(REQ, in, true);
            assertTrue(ev.contains("start GET /ok HTTP/1.1"), field + ": " + ev);
        }
        // the head limit: a head of exactly LIMIT bytes is one, a byte more is not
        String start = "GET /big HTTP/1.1\r\nX-Big: ";
        for (int extra : new int[] {0, 1}) {
            String head = start + "a".repeat(HttpStreamParser.HEAD_LIMIT - start.length() - 4 + extra) + "\r\n\r\n";
            byte[] in = bytes(ok + head + ok);
            List<String> whole = Feed.whole(REQ, in, true).events;
            assertEquals(Feed.byteByByte(REQ, in, true).events, whole);
            assertEquals(extra == 0 ? "start GET /big HTTP/1.1" : "resynced " + head.length(), whole.get(2));
        }
    }

    @Test
    void bodyBeyondTheLimitIsCountedNotKept() {
        Recorder r = new Recorder("GET");
        HttpStreamParser p = r.parser(RESP, 10);
        data(p, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + "x".repeat(1000), 1);
        assertEquals(1000, r.messages.get(0).bodyLength());
        assertEquals(10, r.messages.get(0).bodyKept());
        assertTrue(r.messages.get(0).flags().isEmpty());
    }

    @Test
    void invalidContentLengthIsMalformedAndResynchronises() {
        String in = "POST /a HTTP/1.1\r\nContent-Length: 5x\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n"
                + "POST /c HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabcGET /d HTTP/1.1\r\n\r\n"
                + "POST /e HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nabGET /f HTTP/1.1\r\n\r\n";
        Recorder r = Feed.whole(REQ, bytes(in), false);
        everySplit(REQ, bytes(in), false);
        assertEquals(List.of("/a", "/b", "/c", "/d", "/e", "/f"), r.messages.stream().map(HttpMessage::target).toList());
        assertTrue(r.messages.get(0).has(Flag.MALFORMED));
        assertTrue(r.messages.get(2).has(Flag.MALFORMED));
        assertEquals(2, r.messages.get(4).bodyLength());
    }

    @Test
    void badChunkFramingResynchronisesOnTheRejectedLine() {
        String in = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        List<String> ev = everySplit(RESP, bytes(in), false, "GET", "GET");
        assertEquals(4, ev.size(), ev.toString());
        assertTrue(ev.get(1).endsWith("[MALFORMED]"), ev.get(1));
        assertTrue(ev.get(3).contains("body 2 ok"), ev.get(3));
    }

    @Test
    void closeInsideAMessage() {
        Recorder r = Feed.whole(RESP, bytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), true, "GET");
        assertEquals(Set.of(Flag.INCOMPLETE), r.messages.get(0).flags());
        assertEquals(3, r.messages.get(0).bodyLength());
        r = Feed.whole(REQ, bytes("GET / HTTP/1.1\r\n\r\nGET /half HTTP/1.1\r\nHost"), true);
        assertEquals(List.of("start GET / HTTP/1.1", "end GET / HTTP/1.1 | [] | body 0 ", "discarded 24"), r.events);
    }

    @Test
    void timesAreFirstAndLastByte() {
        Recorder r = Feed.with(REQ, p -> {
            data(p, "POST / HTTP/1.1\r\n", 100);
            data(p, "Content-Length: 4\r\n\r\n", 200);
            data(p, "ab", 300);
            data(p, "cdGET /2 HTTP/1.1\r\n\r\n", 400);
        });
        assertArrayEquals(new long[] {100, 400}, r.times.get(0));
        assertArrayEquals(new long[] {400, 400}, r.times.get(1));
        assertEquals(100, r.messages.get(0).startNs());
        assertEquals(400, r.messages.get(0).endNs());
    }

    @Test
    void resyncKeepsTheTimeOfTheRealStart() {
        Recorder r = Feed.with(RESP, p -> {
            data(p, "HTTP/1.1 200 x", 10); // plausible so far
            data(p, "\u0001junk\r\nHTT", 20); // not a status line after all
            data(p, "P/1.1 200 OK\r\n\r\n", 30);
            p.end(40);
        });
        assertEquals(List.of("resynced 21", "start HTTP/1.1 200 OK"), r.events.subList(0, 2));
        assertEquals(20, r.times.get(0)[0]);
    }

    @Test
    void headsParsedAheadAreTakenOnlyWhereTheParserWouldReadThemAlike() {
        // after a gap or lost records the parser searches for a start line: one whose first byte cannot start a
        // message (a method "-X" or "_X", an obs-fold) is searched past, not taken whole; at a boundary it is one
        for (String call : List.of("-X / HTTP/1.1\r\n\r\n", "_X / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n\r\n",
                "\r\nGET / HTTP/1.1\r\n\r\n", "POST /p HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc")) {
            for (int before = 0; before < 3; before++) {
                int how = before;
                List<List<String>> runs = new java.util.ArrayList<>();
                for (boolean ahead : new boolean[] {false, true}) {
                    runs.add(Feed.with(REQ, p -> {
                        byte[] first = bytes("GET /a HTTP/1.1\r\nContent-Length: 4\r\n\r\nab");
                        p.data(first, 0, first.length, 1);
                        switch (how) {
                            case 0 -> p.gap(2, 2);       // the body's end: a message boundary
                            case 1 -> p.gap(10, 2);      // past it: the parser searches
                            default -> p.lost(2);
                        }
                        byte[] b = bytes(call);
                        p.data(b, 0, b.length, 3, ahead ? parsedAhead(b) : null);
                        p.end(4);
                    }).events);
                }
                assertEquals(runs.get(0), runs.get(1), call + " after case " + how);
            }
        }
    }

    /** The request head b starts with, read whole by a reader of its own (whatever its first byte), or null. */
    private static ParsedHead parsedAhead(byte[] b) {
        HeadReader reader = new HeadReader(true);
        Slice s = new Slice(b, 0, b.length, 0);
        reader.read(s);
        if (reader.result() != HeadReader.Result.COMPLETE) {
            return null;
        }
        HttpMessage m = reader.message(Feed.LIMIT);
        return new ParsedHead(m, b.length - s.len, b.length, Feed.LIMIT, Framing.contentLength(m.headers()));
    }

    static void data(HttpStreamParser p, String s, long t) {
        byte[] b = bytes(s);
        p.data(b, 0, b.length, t);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
