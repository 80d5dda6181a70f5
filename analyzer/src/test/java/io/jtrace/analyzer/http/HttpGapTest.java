package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.TestEvents;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Syscall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pairing after a snap-length gap that swallows whole messages, byte for byte as the recorder stores such calls:
 * each exchange is paired with its own response, or says that it cannot be.
 */
class HttpGapTest {
    private static final int PID = 100;
    private static final int SNAP = 4096;
    private static final String BIG_BODY = "b".repeat(100_000);
    private static final String BIG = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + BIG_BODY;
    private static final String GONE = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot found";

    private final TraceState state = new TraceState(Header.getDefaultInstance());
    private final List<Exchange> out = new ArrayList<>();
    private final HttpConnections conns = new HttpConnections(state, 1 << 16, out::add);
    private long now = 1_000_000;

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** "GET /x -> 404 resp 9 B [notes]", one line per exchange in order. */
    private List<String> pairs() {
        return out.stream().map(x -> (x.request() == null ? "(request not seen)"
                : x.request().method() + " " + x.request().target()) + " -> "
                + (x.response() == null ? "(no response)" : x.response().status() + " resp "
                + x.response().bodyLength() + " B") + " " + x.notes()).toList();
    }

    private void client(int fd) {
        call("socket", 0, fd, 2, 1, 0);
        call("connect", 0, 0, fd);
    }

    @Test
    void aReadSwallowingABodyAndTheWhole404PairsTheNextResponseWithItsOwnRequest() throws IOException {
        client(7);
        write(7, get("/big") + get("/gone") + get("/small"));
        readCut(7, BIG + GONE, SNAP);
        read(7, ok("small!"));
        end();
        int gap = (BIG + GONE).length() - SNAP;
        assertEquals(List.of(
                "GET /big -> 200 resp 100000 B [response truncated]",
                "GET /gone -> (no response) [response not seen (in a gap of " + gap + " bytes)]",
                "GET /small -> 200 resp 6 B []"), pairs());
    }

    @Test
    void aGapEndingInsideTheNextHeadLeavesThePairingUnknownNotWrong() throws IOException {
        client(7);
        write(7, get("/big") + get("/gone") + get("/cut") + get("/last"));
        String cut = ok("cut");
        readCut(7, BIG + GONE + cut.substring(0, 20), SNAP);   // a read ending 20 bytes into the third head
        read(7, cut.substring(20) + ok("last"));
        end();
        int gap = (BIG + GONE).length() + 20 - SNAP;
        String unknown = "pairing unknown after a gap of " + gap + " bytes";
        assertEquals(List.of(
                "GET /big -> 200 resp 100000 B [response truncated]",
                "GET /gone -> (no response) [response not seen (in a gap of " + gap + " bytes)]",
                // the 404 and the third response may both have been in the gap, or only one: the program got "last"
                "GET /cut -> 200 resp 4 B [" + unknown + "]",
                "GET /last -> (no response) [response not seen]"), pairs());
    }

    @Test
    void aSequentialClientIsPairedExactlyAgainAfterTheGap() throws IOException {
        client(7);
        write(7, get("/big"));
        readCut(7, BIG, SNAP);
        write(7, get("/next"));
        read(7, ok("next"));
        end();
        assertEquals(List.of("GET /big -> 200 resp 100000 B [response truncated]", "GET /next -> 200 resp 4 B []"),
                pairs());
    }

    @Test
    void aPostSentInOneCallWithTheNextRequestCountsThatRequestAsUnseen() throws IOException {
        client(7);
        String post = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + BIG_BODY;
        writeCut(7, post + get("/next"), SNAP);
        write(7, get("/after"));   // pipelined: sent before any response came
        read(7, ok("posted") + ok("next") + ok("after"));
        end();
        int gap = (post + get("/next")).length() - SNAP;
        assertEquals(List.of(
                "POST /upload -> 200 resp 6 B [request truncated]",
                "(request not seen) -> 200 resp 4 B [request not seen (in a gap of " + gap + " bytes)]",
                // more than one request may have been in the gap: "after" might answer one of them
                "GET /after -> 200 resp 5 B [pairing unknown after a gap of " + gap + " bytes]"), pairs());
    }

    @Test
    void aRequestLostInAGapIsCountedAndTheNextSeenOneSaysItsPairingIsUnknown() throws IOException {
        client(7);
        String post = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + BIG_BODY;
        writeCut(7, post + get("/next"), SNAP);
        read(7, ok("posted") + ok("next"));
        write(7, get("/after"));
        read(7, ok("after"));
        end();
        int gap = (post + get("/next")).length() - SNAP;
        List<String> pairs = pairs();
        assertEquals("POST /upload -> 200 resp 6 B [request truncated]", pairs.get(0));
        assertEquals("(request not seen) -> 200 resp 4 B [request not seen (in a gap of " + gap + " bytes)]",
                pairs.get(1));
        // more requests than one may have been in the gap (up to its size): "after" may answer one of them
        assertEquals("GET /after -> 200 resp 5 B [pairing unknown after a gap of " + gap + " bytes]", pairs.get(2));
        assertEquals(3, pairs.size());
    }

    @Test
    void aResponseBeforeAnyOtherRequestWasSentAnswersOneMoreRequestOfTheGap() throws IOException {
        client(7);
        String post = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + BIG_BODY;
        writeCut(7, post + get("/n1") + get("/n2"), SNAP);   // the gap may hold 1 to 6 requests
        read(7, ok("posted") + ok("n1") + ok("n2"));
        write(7, get("/after"));
        read(7, ok("after"));
        end();
        String gap = "a gap of " + ((post + get("/n1") + get("/n2")).length() - SNAP) + " bytes";
        assertEquals(List.of(
                "POST /upload -> 200 resp 6 B [request truncated]",
                "(request not seen) -> 200 resp 2 B [request not seen (in " + gap + ")]",
                // nothing seen was sent before it: it answers a second request of the gap, certainly
                "(request not seen) -> 200 resp 2 B [request not seen (in " + gap + ")]",
                "GET /after -> 200 resp 5 B [pairing unknown after " + gap + "]"), pairs());
    }

    @Test
    void aRequestInAGapThatIsNeverAnsweredIsStillCounted() throws IOException {
        client(7);
        String post = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + BIG_BODY;
        writeCut(7, post + get("/next"), SNAP);
        read(7, ok("posted"));
        call("close", 0, 0, 7);
        end();
        String gap = "a gap of " + ((post + get("/next")).length() - SNAP) + " bytes";
        assertEquals("(request not seen) -> (no response) [request not seen (in " + gap + "), response not seen]",
                pairs().get(1));
        java.io.ByteArrayOutputStream json = new java.io.ByteArrayOutputStream();
        try (io.jtrace.analyzer.output.RecordWriter w = io.jtrace.analyzer.output.RecordWriter.json(
                new java.io.PrintStream(json, true, StandardCharsets.UTF_8))) {
            new ExchangePrinter(0, java.time.ZoneOffset.UTC, false, false).json(out.get(1), w);
        }
        assertEquals(true, json.toString(StandardCharsets.UTF_8).contains("\"notes\":[\"request not seen (in " + gap
                + ")\",\"response not seen\"]"), json.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aChunkedBodyWhoseFramingFellInAGapReportsALowerBound() throws IOException {
        client(7);
        StringBuilder chunked = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int i = 0; i < 30; i++) {
            chunked.append(Integer.toHexString(10_000)).append("\r\n").append("c".repeat(10_000)).append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        write(7, get("/chunked") + get("/next"));
        readCut(7, chunked.toString(), SNAP);
        read(7, ok("next"));
        end();
        Exchange x = out.get(0);
        long seen = x.response().bodyLength();
        assertEquals(true, seen < 300_000, "only the first chunk's bytes are known: " + seen);
        assertEquals(List.of("response truncated", "response body size is a lower bound"), x.notes());
        assertEquals(true, new ExchangePrinter(0, java.time.ZoneOffset.UTC, false, false).line(x)
                .contains("resp >=" + seen + " B"), "the line shows a lower bound");
        assertEquals("GET /next -> 200 resp 4 B []", pairs().get(1), "the next request sent before the gap: exact");
        java.io.ByteArrayOutputStream har = new java.io.ByteArrayOutputStream();
        ExchangePrinter bodies = new ExchangePrinter(0, java.time.ZoneOffset.UTC, false, false);
        try (HarWriter w = new HarWriter(har, 0, "test", bodies)) {
            w.write(x);
        }
        String text = har.toString(StandardCharsets.UTF_8);
        assertEquals(true, text.contains("\"bodySize\":-1") && text.contains("size is a lower bound"), text);
    }

    @Test
    void aResponseWhoseRequestPredatesTheRecordingSaysSoInItsNotes() throws IOException {
        read(6, ok("x"));
        end();
        assertEquals(List.of("(request not seen) -> 200 resp 1 B [request not seen]"), pairs());
    }

    // the parser alone: what it reports of each run of skipped bytes with a gap in it

    /** A response parser's reports, "unseen MIN..MAX gap N [fresh]" among the messages' start lines. */
    private static List<String> parse(HttpStreamParser.Direction dir,
            java.util.function.Consumer<HttpStreamParser> calls) {
        List<String> events = new ArrayList<>();
        HttpStreamParser p = new HttpStreamParser(dir, new HttpListener() {
            @Override
            public void messageStart(HttpMessage head, long timeNs) {
            }

            @Override
            public void messageEnd(HttpMessage m, long timeNs) {
                events.add(m.startLine() + " " + m.bodyLength() + " B " + m.flags());
            }

            @Override
            public void protocol(String label, long timeNs) {
                events.add("protocol " + label);
            }

            @Override
            public void resynced(long skippedBytes, long timeNs) {
            }

            @Override
            public void unseen(long min, long max, long gapBytes, boolean fresh, long timeNs) {
                events.add("unseen " + min + ".." + (max == Long.MAX_VALUE ? "?" : max) + " gap " + gapBytes
                        + (fresh ? " fresh" : "") + " at " + timeNs);
            }
        }, 1 << 16);
        p.pendingRequests(m -> "GET");
        calls.accept(p);
        return events;
    }

    private static void data(HttpStreamParser p, String s, long t) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        p.data(b, 0, b.length, t);
    }

    @Test
    void theContentLengthSaysWhereTheNextMessageStartsInsideTheGap() {
        String third = ok("cut");
        String wire = BIG + GONE + third.substring(0, 20);
        List<String> events = parse(HttpStreamParser.Direction.RESPONSES, p -> {
            data(p, wire.substring(0, SNAP), 1);
            p.gap(wire.length() - SNAP, 1);
            data(p, third.substring(20) + ok("last"), 2);
        });
        long after = GONE.length() + 20;   // the gap's bytes past the 100 kB body: the 404 and 20 bytes of a head
        long seenTail = third.length() - 20;
        assertEquals(List.of(
                "HTTP/1.1 200 OK 100000 B [TRUNCATED]",
                // one message surely starts where the body ends; the 74 bytes after it could hold 5
                "unseen 1.." + after / 14 + " gap " + (wire.length() - SNAP) + " fresh at 1",
                // the head's tail skipped before the next start line raises the most
                "unseen 1.." + (after + seenTail) / 14 + " gap " + (wire.length() - SNAP) + " at 1",
                "HTTP/1.1 200 OK 4 B []"), events);
    }

    @Test
    void aGapEndingExactlyAtTheBodysEndLosesNothing() {
        List<String> events = parse(HttpStreamParser.Direction.RESPONSES, p -> {
            data(p, BIG.substring(0, SNAP), 1);
            p.gap(BIG.length() - SNAP, 1);
            data(p, GONE, 2);
        });
        assertEquals(List.of("HTTP/1.1 200 OK 100000 B [TRUNCATED]", "HTTP/1.1 404 Not Found 9 B []"), events);
    }

    @Test
    void aPostSentInOneCallWithTheNextRequestHasThatRequestInItsGap() {
        String post = "POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n" + BIG_BODY;
        String wire = post + get("/next");
        List<String> events = parse(HttpStreamParser.Direction.REQUESTS, p -> {
            data(p, wire.substring(0, SNAP), 1);
            p.gap(wire.length() - SNAP, 1);
            data(p, get("/after"), 2);
        });
        assertEquals(List.of(
                "POST /upload HTTP/1.1 100000 B [TRUNCATED]",
                "unseen 1.." + get("/next").length() / 14 + " gap " + (wire.length() - SNAP) + " fresh at 1",
                "GET /after HTTP/1.1 0 B []"), events);
    }

    @Test
    void chunkLinesInAGapLeaveTheSizeALowerBoundAndTheCountOpen() {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "10\r\n0123456789abcdef\r\n" + "10\r\n0123456789abcdef\r\n0\r\n\r\n";
        int captured = chunked.indexOf("0123") + 4;   // the gap starts in the first chunk's data
        List<String> events = parse(HttpStreamParser.Direction.RESPONSES, p -> {
            data(p, chunked.substring(0, captured), 1);
            p.gap(chunked.length() - captured, 1);
            data(p, GONE, 2);
        });
        long past = chunked.length() - captured - 12;   // the gap's bytes past the first chunk's data
        assertEquals(List.of(
                "HTTP/1.1 200 OK 16 B [TRUNCATED, SIZE_AT_LEAST]",
                "unseen 0.." + past / 14 + " gap " + (chunked.length() - captured) + " fresh at 1",
                "HTTP/1.1 404 Not Found 9 B []"), events);
    }

    @Test
    void lostRecordsLeaveTheCountUnbounded() {
        List<String> events = parse(HttpStreamParser.Direction.RESPONSES, p -> {
            data(p, GONE, 1);
            p.lost(2);
            data(p, GONE, 3);
        });
        assertEquals(List.of("HTTP/1.1 404 Not Found 9 B []", "unseen 0..? gap -1 fresh at 2",
                "HTTP/1.1 404 Not Found 9 B []"), events);
    }

    private void write(int fd, String data) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        emit(syscall("write", 0, b.length, fd, 0x1000, b.length).addBuffers(Buffer.newBuilder().setArg(1)
                .setLength(b.length).setData(ByteString.copyFrom(b))), "write");
    }

    private void writeCut(int fd, String data, int captured) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        emit(syscall("write", 0, b.length, fd, 0x1000, b.length).addBuffers(Buffer.newBuilder().setArg(1)
                .setLength(b.length).setData(ByteString.copyFrom(b, 0, captured))), "write");
    }

    private void read(int fd, String data) {
        readCut(fd, data, data.length());
    }

    private void readCut(int fd, String data, int captured) {
        byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
        emit(syscall("read", 500, b.length, fd, 0x2000, 1 << 20).addBuffers(Buffer.newBuilder().setArg(1)
                .setAtExit(true).setLength(b.length).setData(ByteString.copyFrom(b, 0, captured))), "read");
    }

    private void call(String name, long durationNs, long ret, long... args) {
        emit(syscall(name, durationNs, ret, args), name);
    }

    private static Syscall.Builder syscall(String name, long durationNs, long ret, long... args) {
        Syscall.Builder s = Syscall.newBuilder().setPid(PID).setTid(PID).setRet(ret).setDurationNs(durationNs);
        for (long a : args) {
            s.addArgs(a);
        }
        return s;
    }

    private void emit(Syscall.Builder s, String name) {
        Event e = TestEvents.syscall(name, s.build(), now);
        now += 1000 + s.getDurationNs();
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
