package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records testdata/workload/HttpMixWorkload.java for real (client and server in one process, -s 4096 so its
 * 300 kB body is cut) and checks the http and fds views against what the workload says it did: every exchange on
 * both sides with method, url, status and body sizes, in order; byte totals per side; TLS labelled; HAR.
 */
class HttpEndToEndTest {
    @TempDir
    static Path tmp;

    static Path trace;
    static Map<String, Object> summary;
    static List<Map<String, Object>> exchanges;

    @BeforeAll
    static void record() throws Exception {
        LiveRecording.requireRecorder();
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path log = tmp.resolve("command.log");
        LiveRecording.compile("HttpMixWorkload.java", classes, log);
        trace = tmp.resolve("mix.jtr");
        Path summaryFile = tmp.resolve("summary.json");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-s", "4096",
                "-w", trace.toString(), "--", "java", "-cp", classes.toString(), "HttpMixWorkload", "--summary",
                summaryFile.toString()), 180, log);
        summary = Json.object(Files.readString(summaryFile));
        exchanges = list(summary.get("exchanges"));
        LiveRecording.require(!exchanges.isEmpty(), "the workload reported no exchanges");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** What the workload knows of an exchange, and what the view says, in the same words. */
    static String describe(Map<String, Object> x) {
        return x.get("method") + " " + x.get("url") + " -> " + x.get("status") + " req " + x.get("request_body_bytes")
                + " resp " + x.get("response_body_bytes");
    }

    static List<Map<String, Object>> httpJson(String... more) {
        List<String> args = new ArrayList<>(List.of("http", "-r", trace.toString(), "--json"));
        args.addAll(List.of(more));
        Run run = Run.of(args.toArray(String[]::new));
        assertEquals(0, run.status(), run.show());
        assertEquals("", run.err());
        return run.lines().stream().map(Json::object).toList();
    }

    @Test
    void everyExchangeOnBothSidesInOrder() {
        List<Map<String, Object>> all = httpJson();
        List<String> expected = exchanges.stream().map(HttpEndToEndTest::describe).toList();
        for (String side : List.of("client", "server")) {
            List<Map<String, Object>> seen = all.stream().filter(x -> side.equals(x.get("side"))).toList();
            assertEquals(String.join("\n", expected), String.join("\n", seen.stream()
                    .map(HttpEndToEndTest::describe).toList()), side + " side");
            for (Map<String, Object> x : seen) {
                assertNotNull(x.get("peer"), "peer of " + x);
                assertNotNull(x.get("local"), "local of " + x);
                assertTrue(((Number) x.get("tid")).intValue() > 0, "tid of " + x);
                assertEquals(x.get("status") == null, x.get("latency_us") == null, "latency of " + x);
                assertTrue(Set.of("shop.test", "[::1]", "127.0.0.1:" + summary.get("port")).contains(x.get("host")),
                        "host of " + x);
            }
        }
        assertEquals(2 * exchanges.size(), all.size(), "nothing else is HTTP (the TLS connection is not)");
        Map<String, Object> cont = all.stream().filter(x -> "/continue".equals(x.get("url"))).findFirst().orElseThrow();
        assertEquals(List.of(100L), cont.get("interim"));
        Map<String, Object> big = all.stream().filter(x -> "/big".equals(x.get("url"))).findFirst().orElseThrow();
        assertEquals(List.of("response truncated"), big.get("notes"), "the 300 kB body was cut at -s 4096");
    }

    @Test
    void eachServerExchangeFacesItsClient() {
        List<Map<String, Object>> all = httpJson();
        for (Map<String, Object> server : all.stream().filter(x -> "server".equals(x.get("side"))).toList()) {
            long matches = all.stream().filter(c -> "client".equals(c.get("side"))
                    && server.get("peer").equals(c.get("local")) && server.get("local").equals(c.get("peer"))
                    && server.get("url").equals(c.get("url"))).count();
            assertEquals(1, matches, "client of " + server);
        }
    }

    @Test
    void byteTotalsPerSideEqualWhatTheServerCounted() {
        Run run = Run.of("fds", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object).toList();
        Set<String> ports = Set.of(":" + summary.get("port"), ":" + summary.get("port6"));
        long serverIn = 0;
        long serverOut = 0;
        long clientIn = 0;
        long clientOut = 0;
        int tls = 0;
        for (Map<String, Object> r : rows) {
            String local = (String) r.get("local");
            String peer = (String) r.get("peer");
            long in = ((Number) r.get("bytes_in")).longValue();
            long out = ((Number) r.get("bytes_out")).longValue();
            if (local != null && ports.stream().anyMatch(local::endsWith) && peer != null) {
                serverIn += in;
                serverOut += out;
            } else if (peer != null && ports.stream().anyMatch(peer::endsWith)) {
                clientIn += in;
                clientOut += out;
            }
            if ("tls".equals(r.get("protocol"))) {
                tls++;
            }
        }
        long read = ((Number) summary.get("server_read")).longValue();
        long written = ((Number) summary.get("server_written")).longValue();
        assertEquals(read, serverIn, "bytes the server read");
        assertEquals(written, serverOut, "bytes the server wrote");
        assertEquals(read, clientOut, "bytes the clients wrote");
        assertEquals(written, clientIn, "bytes the clients read");
        assertEquals(2, tls, "the TLS connection, both ends");
    }

    @Test
    void fullShowsDechunkedAndDecodedBodiesAndGrepSelectsExchanges() {
        Run gzip = Run.of("http", "-r", trace.toString(), "--full", "--decode", "--grep", "GET /gzip");
        assertEquals(0, gzip.status(), gzip.show());
        Matcher m = Pattern.compile("(?m)^< compressed hello$").matcher(gzip.out());
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertEquals(100, count, "50 decoded lines on each side\n" + gzip.out());

        Run trailer = Run.of("http", "-r", trace.toString(), "--grep", "X-Checksum: abc");
        assertEquals(0, trailer.status(), trailer.show());
        assertEquals(2, trailer.lines().size(), trailer.out());
        assertTrue(trailer.lines().stream().allMatch(l -> l.contains("GET /chunked")), trailer.out());

        Run chunked = Run.of("http", "-r", trace.toString(), "--full", "--grep", "POST /upload");
        assertTrue(chunked.out().contains("\n> hello world\n"), "the chunked request body, dechunked:\n" + chunked.out());
        assertTrue(chunked.out().contains("\n> X-Sum: 11\n"), "its trailer:\n" + chunked.out());

        Run none = Run.of("http", "-r", trace.toString(), "--grep", "no such text anywhere");
        assertEquals(0, none.status());
        assertEquals("", none.out());
    }

    @Test
    void harHoldsEveryExchangeWithTimings() throws Exception {
        Path har = tmp.resolve("mix.har");
        Run run = Run.of("http", "-r", trace.toString(), "--har", har.toString(), "--decode");
        assertEquals(0, run.status(), run.show());
        assertEquals("", run.out(), "--har FILE writes the file only");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(har)));
        Map<String, Object> log = Json.object(Files.readString(har));
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) log.get("log");
        assertEquals("1.2", inner.get("version"));
        List<Map<String, Object>> entries = list(inner.get("entries"));
        assertEquals(2 * exchanges.size(), entries.size());
        for (Map<String, Object> e : entries) {
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) e.get("request");
            @SuppressWarnings("unchecked")
            Map<String, Object> response = (Map<String, Object>) e.get("response");
            @SuppressWarnings("unchecked")
            Map<String, Object> timings = (Map<String, Object>) e.get("timings");
            assertTrue(((String) request.get("url")).startsWith("http://"), request.toString());
            assertNotNull(e.get("startedDateTime"));
            boolean answered = ((Number) response.get("status")).intValue() != 0;
            assertEquals(!((String) request.get("url")).endsWith("/drop"), answered, request.get("url") + " answered");
            for (String step : List.of("send", "wait", "receive")) {
                double v = ((Number) timings.get(step)).doubleValue();
                assertTrue(answered ? v >= 0 : step.equals("send") ? v >= 0 : v == -1, step + " " + timings);
            }
        }
        Map<String, Object> gzip = entries.stream().filter(e -> ((String) ((Map<?, ?>) e.get("request")).get("url"))
                .endsWith("/gzip")).findFirst().orElseThrow();
        Map<?, ?> content = (Map<?, ?>) ((Map<?, ?>) gzip.get("response")).get("content");
        assertEquals("compressed hello\n".repeat(50), content.get("text"));
        assertEquals(850L, content.get("size"));
        Map<String, Object> post = entries.stream().filter(e -> ((String) ((Map<?, ?>) e.get("request")).get("url"))
                .endsWith("/orders?id=1")).findFirst().orElseThrow();
        Map<?, ?> postData = (Map<?, ?>) ((Map<?, ?>) post.get("request")).get("postData");
        assertEquals("{\"order\":1,\"items\":[\"tea\",\"milk\"]}", postData.get("text"));
        assertEquals(List.of(Map.of("name", "id", "value", "1")), ((Map<?, ?>) post.get("request")).get("queryString"));
    }

    @Test
    void unansweredRequestHasNullStatusAndLatency() {
        List<Map<String, Object>> drop = httpJson("--grep", "GET /drop");
        assertEquals(2, drop.size());
        for (Map<String, Object> x : drop) {
            assertNull(x.get("status"));
            assertNull(x.get("latency_us"));
            assertNull(x.get("response_body_bytes"));
        }
    }
}
