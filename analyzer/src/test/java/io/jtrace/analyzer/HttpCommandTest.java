package io.jtrace.analyzer;

import static io.jtrace.analyzer.AnalyzeCommandTest.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * http on the checked-in recording of HttpWorkload (2 keep-alive clients, 5 POSTs each, every other one written as
 * headers then body, server threads in the same process): what the workload sent, on both sides.
 */
class HttpCommandTest {
    static final String TRACE = Run.trace("http-default.jtr").toString();
    static final Pattern LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[pid (\\d+) tid (\\d+)\\] fd (\\d+) "
            + "(client -> |server <- )(\\S+)  POST (/orders/(\\d)\\?seq=(\\d))  host (\\S+)  201 Created  "
            + "req (\\d+) B  resp (\\d+) B  (\\d+\\.\\d{3}) ms");

    /** The body HttpWorkload sends as request seq of client id. */
    static int requestBody(int id, int seq) {
        return ("{\"client\":" + id + ",\"seq\":" + seq + ",\"pad\":\"" + "x".repeat(50 + 37 * seq % 400) + "\"}")
                .getBytes(StandardCharsets.US_ASCII).length;
    }

    @Test
    void aLinePerExchangeOnBothSides() {
        List<String> lines = ok("http", "-r", TRACE).lines();
        assertEquals(20, lines.size(), String.join("\n", lines));
        List<String> client = new ArrayList<>();
        List<String> server = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), line);
            int id = Integer.parseInt(m.group(7));
            int seq = Integer.parseInt(m.group(8));
            assertEquals(requestBody(id, seq), Integer.parseInt(m.group(10)), line);
            assertEquals(("accepted POST " + m.group(6) + " HTTP/1.1\n").length(), Integer.parseInt(m.group(11)), line);
            assertTrue(m.group(9).startsWith("127.0.0.1:"), line);
            (m.group(4).startsWith("client") ? client : server).add(m.group(6));
        }
        List<String> expected = new ArrayList<>();
        for (int id = 0; id < 2; id++) {
            for (int seq = 0; seq < 5; seq++) {
                expected.add("/orders/" + id + "?seq=" + seq);
            }
        }
        assertEquals(expected, client.stream().sorted().toList());
        assertEquals(expected, server.stream().sorted().toList());
    }

    @Test
    void linesAreInOrderOfTheirStart() {
        List<String> times = ok("http", "-r", TRACE).out().lines().map(l -> l.substring(0, 15)).toList();
        assertEquals(times.stream().sorted().toList(), times);
    }

    @Test
    void jsonHasTheDocumentedKeys() {
        for (String line : ok("http", "-r", TRACE, "--json").lines()) {
            Map<String, Object> x = Json.object(line);
            for (String key : List.of("time", "pid", "tid", "fd", "side", "peer", "method", "url", "host", "status",
                    "request_body_bytes", "response_body_bytes", "latency_us")) {
                assertTrue(x.containsKey(key), key + " in " + line);
            }
            assertEquals(201L, x.get("status"));
            assertTrue(((String) x.get("comm")).matches(x.get("side").equals("client") ? "client-\\d" : "server-\\d+"),
                    "the thread's name: " + line);
            assertTrue(((String) x.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), line);
        }
    }

    @Test
    void fullShowsTheSplitRequestsWhole() {
        String out = ok("http", "-r", TRACE, "--full", "--grep", "seq=3").out();
        // both clients' fourth request; client 0 sends it whole, client 1 as headers then body (id + i odd)
        assertEquals(4, out.lines().filter(l -> LINE.matcher(l).matches()).count(), out);
        assertEquals(4, out.lines().filter(l -> l.startsWith("> {\"client\":") && l.contains("\"seq\":3")).count(), out);
        assertEquals(4, out.lines().filter(l -> l.matches("< accepted POST /orders/\\d\\?seq=3 HTTP/1\\.1")).count(),
                out);
    }

    @Test
    void grepMatchesReassembledTextNotSingleCalls() {
        // "Content-Length: 153\r\n\r\n{" spans the header write and the body write of a split request
        String out = ok("http", "-r", TRACE, "--grep", "Content-Length: 153\\r\\n\\r\\n\\{\"client\":1").out();
        assertEquals(2, out.lines().count(), out);
        assertTrue(out.lines().allMatch(l -> l.contains("POST /orders/1?seq=2")), out);
    }

    @Test
    void syscallFiltersSelectTheStreams() {
        Map<String, Object> first = Json.object(ok("http", "-r", TRACE, "--json").out().lines().findFirst().orElseThrow());
        String fd = first.get("fd").toString();
        List<String> lines = ok("http", "-r", TRACE, "--fd", fd, "--json").lines();
        assertTrue(lines.stream().map(Json::object).allMatch(x -> x.get("fd").toString().equals(fd)), lines.toString());
        assertTrue(lines.size() >= 5, lines.toString());
        assertEquals("", ok("http", "-r", TRACE, "--pid", "1").out());
    }

    @Test
    void harToStdoutIsOneJsonDocument() {
        Map<String, Object> har = Json.object(ok("http", "-r", TRACE, "--har", "-").out());
        Map<?, ?> log = (Map<?, ?>) har.get("log");
        assertEquals(20, ((List<?>) log.get("entries")).size());
        assertEquals("jtrace-analyze", ((Map<?, ?>) log.get("creator")).get("name"));
    }

    /** --base64, as in the default view: the same bodies, every one in base64, in --full, --json --full and HAR. */
    @Test
    void base64BodiesAreTheBodies() {
        List<Map<String, Object>> text = ok("http", "-r", TRACE, "--json", "--full").lines().stream().map(Json::object)
                .toList();
        List<Map<String, Object>> encoded = ok("http", "-r", TRACE, "--json", "--full", "--base64").lines().stream()
                .map(Json::object).toList();
        assertEquals(text.size(), encoded.size());
        for (int i = 0; i < text.size(); i++) {
            for (String key : List.of("request_body", "response_body")) {
                assertFalse(encoded.get(i).containsKey(key), key + " in " + encoded.get(i));
                assertEquals(text.get(i).get(key), new String(Base64.getDecoder().decode(
                        (String) encoded.get(i).get(key + "_base64")), StandardCharsets.UTF_8), key);
                assertEquals(text.get(i).get(key + "_complete"), encoded.get(i).get(key + "_complete"));
            }
        }

        // --full: a body's lines are its base64, 76 columns a line
        String full = ok("http", "-r", TRACE, "--full", "--base64", "--grep", "seq=3").out();
        List<String> requestBodies = new ArrayList<>();
        StringBuilder body = null;
        for (String line : full.lines().toList()) {
            if (line.equals("> ")) {
                body = new StringBuilder();   // the blank line after the request's head
            } else if (body != null && line.startsWith("> ")) {
                body.append(line.substring(2));
                assertTrue(line.length() - 2 <= 76, line);
            } else if (body != null) {
                requestBodies.add(new String(Base64.getDecoder().decode(body.toString()), StandardCharsets.UTF_8));
                body = null;
            }
        }
        assertEquals(4, requestBodies.size(), full);
        requestBodies.forEach(b -> assertTrue(b.startsWith("{\"client\":") && b.contains("\"seq\":3"), b));

        Map<?, ?> har = (Map<?, ?>) Json.object(ok("http", "-r", TRACE, "--har", "-", "--base64").out()).get("log");
        for (Object entry : (List<?>) har.get("entries")) {
            Map<?, ?> post = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) entry).get("request")).get("postData");
            assertEquals("base64", post.get("_encoding"));
            assertTrue(new String(Base64.getDecoder().decode((String) post.get("text")), StandardCharsets.UTF_8)
                    .startsWith("{\"client\":"), post.toString());
            Map<?, ?> content = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) entry).get("response")).get("content");
            assertEquals("base64", content.get("encoding"));
        }

        // without --full or --har there are no bodies to encode
        Run alone = Run.of("http", "-r", TRACE, "--json", "--base64");
        assertEquals(2, alone.status(), alone.show());
        assertEquals("jtrace-analyze: --base64 encodes bodies: give --full or --har too\n", alone.err());
    }

    @Test
    void protoNeedsFullAndADescriptorSet(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        Run alone = Run.of("http", "-r", TRACE, "--proto", TRACE);
        assertEquals(2, alone.status(), alone.show());
        assertEquals("jtrace-analyze: --proto shows gRPC messages as JSON: give --full too\n", alone.err());
        // a trace is no descriptor set: one line, exit 2 (a usage error), nothing printed
        Run trace = Run.of("http", "-r", TRACE, "--full", "--proto", TRACE);
        assertEquals(2, trace.status(), trace.show());
        assertEquals("jtrace-analyze: --proto " + TRACE + ": not a descriptor set (make one with protoc "
                + "--descriptor_set_out=FILE --include_imports)\n", trace.err());
        assertEquals("", trace.out());
        java.nio.file.Path proto = tmp.resolve("a.proto");
        java.nio.file.Files.writeString(proto, "syntax = \"proto3\";\nmessage A { int32 x = 1; }\n");
        Run source = Run.of("http", "-r", TRACE, "--json", "--full", "--proto", proto.toString());
        assertEquals(2, source.status(), source.show());
        assertEquals(1, source.err().lines().count(), source.err());
        // a descriptor set on a trace without gRPC changes nothing
        java.nio.file.Path desc = tmp.resolve("a.desc");
        java.nio.file.Files.write(desc, com.google.protobuf.DescriptorProtos.FileDescriptorSet.newBuilder()
                .addFile(com.google.protobuf.DescriptorProtos.FileDescriptorProto.newBuilder().setName("a.proto"))
                .build().toByteArray());
        assertEquals(ok("http", "-r", TRACE, "--full").out(), ok("http", "-r", TRACE, "--full", "--proto",
                desc.toString()).out());
    }

    /** testdata/traces/grpc-notes.jtr: grpc_calls.py's Notes calls, each seen from both sides. */
    @Test
    void grpcMessagesOfARecording() {
        String trace = Run.trace("grpc-notes.jtr").toString();
        String desc = Run.trace("grpc-notes.desc").toString();
        String raw = ok("http", "-r", trace, "--full").out();
        // an uncompressed message escaped as the default view escapes a buffer; a compressed one decoded first
        assertEquals(2, count(raw, "> message 1 (11 B): \"\\n\\7deflate\\20\\3\"\n"), raw);
        assertEquals(2, count(raw, " B gzip, 891 B decoded): \"\\n\\300\\2gzip me gzip me gzip me gzip \"...\n"), raw);
        assertEquals(2, count(raw, "< message 4 (0 B): \"\"\n"), raw);
        assertEquals(2, count(raw, "> message 1 (4 B): \"\\n\\177no\"\n"), raw);
        // 16 MiB of zeros in 16 KiB of gzip: decoded up to 1 MiB
        assertEquals(2, count(raw, " B gzip, 1048576 B decoded): \"\\\"\\200\\200\\200\\10\\0\\0"), raw);
        assertEquals(2, count(raw, "\"...  [decoded beyond 1048576 bytes: cut there]\n"), raw);

        String json = ok("http", "-r", trace, "--full", "--proto", desc).out();
        assertEquals(2, count(json, " B deflate, 3106 B decoded) jtrace.test.Note:\n< {\n<   \"text\": \"list list"),
                json);
        assertEquals(2, count(json,
                "<   \"values\": [\"1\", \"-1\", \"2199023255552\"],\n<   \"kind\": \"DONE\"\n< }\n"), json);
        assertEquals(2, count(json, "> message 1 (4 B): \"\\n\\177no\"  [does not parse as jtrace.test.Note]\n"), json);

        // a body limit of 100 bytes keeps the first message of each direction in part, or whole when it is short
        String cut = ok("http", "-r", trace, "--full", "--body-limit", "100").out();
        assertEquals(6, count(cut, " B, compressed): \"\\37\\213\\10\\0"), cut);
        assertEquals(2, count(cut, "< message 1 (60 B deflate, 3095 B decoded): "), cut);
        assertEquals(2, count(cut, "< [messages kept: 2 of 4, the body cut by the body limit or the snap length]\n"),
                cut);
        assertEquals(2, count(cut, "< message 2 (65 B, compressed): \"x\\234"), cut);
        assertEquals(2, count(cut, "  [cut at 30 of 65 bytes (body limit or snap length): not decoded]\n"), cut);
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aTruncatedTraceShowsWhatItHoldsAndWarnsOnce() {
        Run run = Run.of("http", "-r", Run.trace("http-killed.jtr").toString());
        assertEquals(0, run.status(), run.show());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("warning: truncated"), run.err());
        assertTrue(run.lines().size() > 0 && run.lines().size() < 20, run.out());
    }

    @Test
    void usageErrors() {
        for (String[] args : List.of(new String[] {"http", "-r", TRACE, "--body-limit", "-1"},
                new String[] {"http", "-r", TRACE, "--har", "-", "--json"},
                new String[] {"http", "-r", TRACE, "--har", TRACE},
                new String[] {"http", "-r", TRACE, "--grep", "("})) {
            Run run = Run.of(args);
            assertEquals(2, run.status(), run.show());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("jtrace-analyze: "), run.err());
        }
        Run missing = Run.of("http", "-r", "/nonexistent.jtr");
        assertEquals(1, missing.status());
        assertEquals("jtrace-analyze: /nonexistent.jtr: No such file or directory\n", missing.err());
    }
}
