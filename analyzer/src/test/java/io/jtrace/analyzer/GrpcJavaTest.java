package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC from grpc-java (grpc-netty-shaded: Netty's HTTP/2 and HPACK, shaded), testdata/workload/GrpcJavaCalls.java:
 * server and client in one JVM, one connection, concurrent unary, server-, client- and bidirectional streaming
 * calls, a NOT_FOUND with a message, and a call that exceeds its deadline. Checked call by call against what each
 * side's grpc-java reported, and stream by stream against tshark's http2 and grpc dissectors on a tcpdump capture
 * of the same loopback traffic.
 */
class GrpcJavaTest {
    @TempDir
    static Path tmp;
    static String classpath;
    static Path classes;

    /** "METHOD STATUS MESSAGE REQ-MSGS REQ-BYTES RESP-MSGS RESP-BYTES". */
    static String call(Object method, Object status, Object message, Object reqMsgs, Object reqBytes,
            Object respMsgs, Object respBytes) {
        return method + " " + status + " " + message + " " + reqMsgs + " " + reqBytes + " " + respMsgs + " "
                + respBytes;
    }

    /** What tshark saw of one stream. */
    static final class TsharkStream {
        String path;
        String status;
        String grpcStatus;
        String grpcMessage;
        long requestData;
        long responseData;
        final List<String> resets = new ArrayList<>();
    }

    @BeforeAll
    static void compile() throws Exception {
        LiveRecording.requireRecorder();
        for (String tool : List.of("tcpdump", "tshark")) {
            LiveRecording.require(H2EndToEndTest.tool(tool) != null, tool + " is not installed (.ci/run installs it)");
        }
        // the test's own classpath holds grpc-java and protobuf (test scope)
        classpath = System.getProperty("java.class.path");
        assertTrue(classpath.contains("grpc-netty-shaded"), classpath);
        classes = Files.createDirectories(tmp.resolve("classes"));
        LiveRecording.run(List.of("javac", "-cp", classpath, "-d", classes.toString(),
                LiveRecording.ROOT.resolve("testdata/workload/GrpcJavaCalls.java").toString()), 120,
                tmp.resolve("javac.log"));
    }

    /** The workload recorded (with the recorder's options) while tcpdump captures loopback. */
    record Recorded(Path trace, Path pcap, int port, List<String> report) {
    }

    static Recorded record(String name, String... options) throws Exception {
        Path pcap = tmp.resolve(name + ".pcap");
        Path dumpLog = tmp.resolve(name + ".tcpdump");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp");
        Path trace = tmp.resolve(name + ".jtr");
        Path summary = tmp.resolve(name + ".json");
        List<String> command = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record")
                .toString(), "-q", "-f"));
        command.addAll(List.of(options));
        command.addAll(List.of("-w", trace.toString(), "--", "java", "-cp", classes + File.pathSeparator + classpath,
                "GrpcJavaCalls", summary.toString()));
        LiveRecording.run(command, 240, tmp.resolve(name + ".log"));
        LiveRecording.stopTcpdump(dump, dumpLog);
        List<String> lines = Files.readAllLines(summary);
        return new Recorded(trace, pcap, ((Number) Json.object(lines.get(0)).get("port")).intValue(),
                lines.subList(1, lines.size()));
    }

    static List<Map<String, Object>> grpcRows(Path trace) {
        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        return run.lines().stream().map(Json::object).filter(x -> x.containsKey("grpc_method")).toList();
    }

    @Test
    void callsOnBothSidesAsGrpcJavaAndTsharkSawThem() throws Exception {
        Recorded whole = record("whole", "-s", "0");
        Path trace = whole.trace();
        Path pcap = whole.pcap();
        int port = whole.port();
        List<String> lines = whole.report();
        // grpc-java's own report, per side
        Map<String, List<String>> reported = new TreeMap<>();
        for (String l : lines) {
            Map<String, Object> c = Json.object(l);
            // a deadline that passed is the client's own DEADLINE_EXCEEDED (and the server's CANCELLED): on the
            // wire there is no grpc-status, only a RST_STREAM
            boolean reset = c.get("status").equals("DEADLINE_EXCEEDED") || c.get("status").equals("CANCELLED");
            reported.computeIfAbsent((String) c.get("side"), k -> new ArrayList<>()).add(call(c.get("method"),
                    reset ? "reset" : c.get("status"), reset ? null : c.get("message"), c.get("request_messages"),
                    c.get("request_bytes"), c.get("response_messages"), c.get("response_bytes")));
        }
        assertEquals(8, reported.get("client").size(), String.join("\n", lines));
        assertEquals(8, reported.get("server").size(), String.join("\n", lines));

        List<Map<String, Object>> rows = grpcRows(trace);
        for (String side : List.of("client", "server")) {
            List<Map<String, Object>> mine = rows.stream().filter(x -> side.equals(x.get("side"))).toList();
            List<String> seen = mine.stream().map(x -> call(x.get("grpc_method"), x.get("grpc_status_name") != null
                    ? x.get("grpc_status_name") : reset(x) != null ? "reset" : null, x.get("grpc_message"),
                    x.get("grpc_request_messages"), x.get("grpc_request_message_bytes"),
                    x.get("grpc_response_messages"), x.get("grpc_response_message_bytes"))).toList();
            // concurrent calls take stream ids in the order the client's threads start them
            assertEquals(String.join("\n", reported.get(side).stream().sorted().toList()),
                    String.join("\n", seen.stream().sorted().toList()), side + " side, as grpc-java saw it");
            assertEquals(1, mine.stream().map(x -> x.get("connection")).distinct().count(), "one connection");
            for (Map<String, Object> x : mine) {
                assertEquals("grpc.testing.SimpleService", x.get("grpc_service"));
                assertEquals("/grpc.testing.SimpleService/" + x.get("grpc_method"), x.get("url"));
                if (reset(x) == null) {
                    assertEquals(List.of(), x.get("notes"), x.toString());
                } else {
                    assertEquals(List.of("response not seen", reset(x)), x.get("notes"), x.toString());
                }
            }
        }

        // tshark: each stream's path, grpc-status, grpc-message, DATA bytes each way and RST_STREAMs
        Map<Integer, TsharkStream> tshark = tsharkStreams(pcap, port);
        List<Map<String, Object>> client = rows.stream().filter(x -> "client".equals(x.get("side"))).toList();
        assertEquals(tshark.keySet(), new java.util.TreeSet<>(client.stream().map(x -> ((Number) x.get("stream"))
                .intValue()).toList()), "the streams, by id");
        for (String side : List.of("client", "server")) {
            for (Map<String, Object> x : rows.stream().filter(r -> side.equals(r.get("side"))).toList()) {
                TsharkStream t = tshark.get(((Number) x.get("stream")).intValue());
                String what = side + " " + x;
                assertEquals(t.path, x.get("url"), what);
                assertEquals(t.grpcStatus, x.get("grpc_status") == null ? null : String.valueOf(x.get("grpc_status")),
                        what);
                assertEquals(t.grpcMessage == null ? null : URLDecoder.decode(t.grpcMessage, StandardCharsets.UTF_8),
                        x.get("grpc_message"), what);
                assertEquals(t.requestData, ((Number) x.get("request_body_bytes")).longValue(), what);
                assertEquals(t.responseData, x.get("response_body_bytes") == null ? 0
                        : ((Number) x.get("response_body_bytes")).longValue(), what);
                if (reset(x) != null) {
                    assertTrue(t.resets.contains(reset(x)), "a RST_STREAM tshark saw: " + t.resets + " " + what);
                }
            }
        }
        assertEquals(1, tshark.values().stream().filter(t -> !t.resets.isEmpty()).count(), "one call reset");

        // tshark's grpc dissector: every message's length, by direction
        String fields = H2EndToEndTest.tshark(pcap, "-d", "tcp.port==" + port + ",http2", "-Y", "tcp.port==" + port,
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=~", "-E", "separator=|", "-e", "tcp.srcport",
                "-e", "grpc.message_length");
        long[] count = new long[2];
        long[] bytes = new long[2];
        for (String row : fields.lines().toList()) {
            String[] f = row.split("\\|", -1);
            int dir = f[0].equals(String.valueOf(port)) ? 1 : 0;
            for (String len : f[1].isEmpty() ? new String[0] : f[1].split("~")) {
                count[dir]++;
                bytes[dir] += Long.parseLong(len);
            }
        }
        assertEquals(count[0], sum(client, "grpc_request_messages"), "request messages, tshark");
        assertEquals(bytes[0], sum(client, "grpc_request_message_bytes"), "request message bytes, tshark");
        assertEquals(count[1], sum(client, "grpc_response_messages"), "response messages, tshark");
        assertEquals(bytes[1], sum(client, "grpc_response_message_bytes"), "response message bytes, tshark");

        Run text = Run.of("http", "-r", trace.toString());
        assertTrue(text.out().contains("grpc NOT_FOUND \"no such key: missing \u2713 100%\"  msgs 1/0"), text.out());
        Run fds = Run.of("fds", "-r", trace.toString(), "--json");
        List<Map<String, Object>> grpc = fds.lines().stream().map(Json::object).filter(f -> "grpc".equals(
                f.get("protocol"))).toList();
        assertEquals(2, grpc.size(), "the connection's two ends are grpc: " + fds.out());
        assertTrue(grpc.stream().anyMatch(f -> String.valueOf(f.get("peer")).endsWith(":" + port)), fds.out());
        assertTrue(grpc.stream().anyMatch(f -> String.valueOf(f.get("local")).endsWith(":" + port)), fds.out());
    }

    @Test
    void aSnapLengthCutKeepsWhatItSawAndSaysWhatItLost() throws Exception {
        // -s 100: grpc-java writes and reads many frames at once, so whole header blocks and requests fall in gaps
        Recorded r = record("cut", "-s", "100");
        Map<Integer, TsharkStream> tshark = tsharkStreams(r.pcap(), r.port());
        assertEquals(8, tshark.size(), "tshark: " + tshark.keySet());
        Run run = Run.of("http", "-r", r.trace().toString(), "--json");
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object)
                .filter(x -> String.valueOf(x.get("peer")).endsWith(":" + r.port())
                        || String.valueOf(x.get("local")).endsWith(":" + r.port())).toList();
        assertTrue(rows.size() >= 2, run.out());
        for (String side : List.of("client", "server")) {
            List<Integer> ids = rows.stream().filter(x -> side.equals(x.get("side")))
                    .map(x -> ((Number) x.get("stream")).intValue()).toList();
            assertEquals(ids.size(), ids.stream().distinct().count(), side + ": a stream once");
            assertTrue(tshark.keySet().containsAll(ids), side + ": " + ids + " of " + tshark.keySet());
        }
        for (Map<String, Object> x : rows) {
            TsharkStream t = tshark.get(((Number) x.get("stream")).intValue());
            @SuppressWarnings("unchecked")
            List<String> notes = (List<String>) x.get("notes");
            String what = x.toString();
            // what it shows is right; what it lacks, it says
            if (x.get("url") != null) {
                assertEquals(t.path, x.get("url"), what);
            }
            if (x.get("grpc_status") != null) {
                assertEquals(t.grpcStatus, String.valueOf(x.get("grpc_status")), what);
            }
            if (x.get("request_body_bytes") != null) {
                long b = ((Number) x.get("request_body_bytes")).longValue();
                assertTrue(b == t.requestData || b < t.requestData && notes.stream().anyMatch(n -> n.startsWith(
                        "request")), "request DATA " + t.requestData + ": " + what);
            }
            if (x.get("response_body_bytes") != null) {
                long b = ((Number) x.get("response_body_bytes")).longValue();
                assertTrue(b == t.responseData || b < t.responseData && notes.stream().anyMatch(n -> n.startsWith(
                        "response")), "response DATA " + t.responseData + ": " + what);
            }
            for (String half : List.of("request", "response")) {
                if (notes.contains(half + " not seen")) {
                    // only a response that never came (the call reset at its deadline) is not seen without a gap
                    assertTrue(half.equals("response") && !t.resets.isEmpty(), half + ": " + what);
                }
            }
        }
        Run fds = Run.of("fds", "-r", r.trace().toString(), "--json");
        assertEquals(2, fds.lines().stream().map(Json::object).filter(f -> "h2".equals(f.get("protocol"))
                || "grpc".equals(f.get("protocol"))).count(), "the connection's two ends are HTTP/2: " + fds.out());
    }

    @Test
    void attachedMidConnectionLaterStreamsAreFoundAndNeverWrong() throws Exception {
        Path pcap = tmp.resolve("attach.pcap");
        Path dumpLog = tmp.resolve("attach.tcpdump");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp");
        Path summary = tmp.resolve("attach.json");
        Path gate = tmp.resolve("gate");
        Process workload = new ProcessBuilder("java", "-cp", classes + File.pathSeparator + classpath,
                "GrpcJavaCalls", summary.toString(), gate.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                workload.getInputStream()));
        assertEquals("ready", out.readLine(), "the first call, which opens the connection");
        Path trace = tmp.resolve("attach.jtr");
        Path log = tmp.resolve("attach.log");
        // -s 0: no snap-length gaps, only the start the recording missed
        Process recorder = new ProcessBuilder(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-s",
                "0", "-p", Long.toString(workload.pid()), "-w", trace.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        for (int i = 0; i < 600 && !Files.readString(log).contains("attached"); i++) {
            Thread.sleep(50);
        }
        Files.createFile(gate);
        assertTrue(workload.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "workload did not end");
        assertEquals(0, workload.exitValue());
        assertTrue(recorder.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the recorder ends with its tracee");
        LiveRecording.stopTcpdump(dump, dumpLog);
        int port = ((Number) Json.object(Files.readAllLines(summary).get(0)).get("port")).intValue();

        Map<Integer, TsharkStream> tshark = tsharkStreams(pcap, port);
        assertEquals(8, tshark.size(), "tshark: " + tshark.keySet());
        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object).toList();
        java.util.Set<Integer> after = new java.util.TreeSet<>(tshark.keySet());
        after.remove(after.iterator().next());   // the first call ended before the attach
        int known = 0;
        for (String side : List.of("client", "server")) {
            List<Map<String, Object>> mine = rows.stream().filter(x -> String.valueOf(x.get(
                    side.equals("client") ? "peer" : "local")).endsWith(":" + port)).toList();
            assertEquals(after, new java.util.TreeSet<>(mine.stream().map(x -> ((Number) x.get("stream"))
                    .intValue()).toList()), side + ": the streams after the attach, once each: " + run.out());
            for (Map<String, Object> x : mine) {
                TsharkStream t = tshark.get(((Number) x.get("stream")).intValue());
                @SuppressWarnings("unchecked")
                List<String> notes = (List<String>) x.get("notes");
                String what = side + " " + x;
                assertEquals(side, x.get("side"), what);
                if (x.get("url") != null) {
                    assertEquals(t.path, x.get("url"), what);
                } else {
                    assertTrue(notes.stream().anyMatch(n -> n.startsWith("request headers unknown")), what);
                    // the body of a request whose headers are unknown is still counted
                    assertTrue(notes.contains("request body " + t.requestData + " B without headers"), what);
                }
                if (x.get("status") != null) {
                    assertEquals(t.status, String.valueOf(x.get("status")), what);
                    assertEquals(t.responseData, ((Number) x.get("response_body_bytes")).longValue(), what);
                    known++;
                }
                if (x.get("grpc_status") != null) {
                    assertEquals(t.grpcStatus, String.valueOf(x.get("grpc_status")), what);
                }
                if (reset(x) != null) {
                    assertTrue(t.resets.contains(reset(x)), "a RST_STREAM tshark saw: " + t.resets + " " + what);
                }
            }
        }
        assertTrue(known > 0, "statuses stand on their own (a static :status 200): " + run.out());
        Run fds = Run.of("fds", "-r", trace.toString(), "--json");
        assertEquals(2, fds.lines().stream().map(Json::object).filter(f -> "h2".equals(f.get("protocol"))).count(),
                "both ends are h2 by their frames (gRPC cannot be told without the HPACK state): " + fds.out());
    }

    /** The "reset by ..." note of a row, or null. */
    static String reset(Map<String, Object> x) {
        @SuppressWarnings("unchecked")
        List<String> notes = (List<String>) x.get("notes");
        return notes.stream().filter(n -> n.startsWith("reset by ")).findFirst().orElse(null);
    }

    static long sum(List<Map<String, Object>> rows, String key) {
        return rows.stream().mapToLong(x -> ((Number) x.get(key)).longValue()).sum();
    }

    /**
     * tshark's streams of the connection, by id: its frame fields by packet, each HEADERS frame's header fields
     * (http2.header.count of the names and values), each RST_STREAM's error code, each DATA frame's length.
     */
    static Map<Integer, TsharkStream> tsharkStreams(Path pcap, int port) throws Exception {
        String fields = H2EndToEndTest.tshark(pcap, "-d", "tcp.port==" + port + ",http2", "-Y",
                "tcp.port==" + port + " && http2", "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=~",
                "-E", "separator=|", "-e", "tcp.srcport", "-e", "http2.streamid", "-e", "http2.type",
                "-e", "http2.length", "-e", "http2.header.count",
                "-e", "http2.header.name", "-e", "http2.header.value", "-e", "http2.rst_stream.error");
        Map<Integer, TsharkStream> streams = new TreeMap<>();
        String[] errors = {"NO_ERROR", "PROTOCOL_ERROR", "INTERNAL_ERROR", "FLOW_CONTROL_ERROR", "SETTINGS_TIMEOUT",
            "STREAM_CLOSED", "FRAME_SIZE_ERROR", "REFUSED_STREAM", "CANCEL"};
        for (String row : fields.lines().toList()) {
            String[] f = row.split("\\|", -1);
            boolean fromServer = f[0].equals(String.valueOf(port));
            String[] ids = split(f[1]);
            String[] types = split(f[2]);
            String[] lengths = split(f[3]);
            String[] counts = split(f[4]);
            String[] names = split(f[5]);
            String[] values = split(f[6]);
            String[] resets = split(f[7]);
            assertEquals(ids.length, types.length, row);
            assertEquals(names.length, values.length, row);
            int header = 0;
            int block = 0;
            int reset = 0;
            for (int i = 0; i < ids.length; i++) {
                int id = Integer.parseInt(ids[i]);
                int type = Integer.parseInt(types[i]);
                if (id == 0) {
                    continue;
                }
                TsharkStream s = streams.computeIfAbsent(id, k -> new TsharkStream());
                if (type == 0) {
                    long len = Long.parseLong(lengths[i]);
                    if (fromServer) {
                        s.responseData += len;
                    } else {
                        s.requestData += len;
                    }
                } else if (type == 1) {
                    int n = Integer.parseInt(counts[block++]);
                    for (int k = header; k < header + n; k++) {
                        switch (names[k]) {
                            case ":path" -> s.path = values[k];
                            case ":status" -> s.status = values[k];
                            case "grpc-status" -> s.grpcStatus = values[k];
                            case "grpc-message" -> s.grpcMessage = values[k];
                            default -> { }
                        }
                    }
                    header += n;
                } else if (type == 3) {
                    int code = Integer.decode(resets[reset++]);
                    s.resets.add("reset by " + (fromServer ? "server" : "client") + ": "
                            + (code < errors.length ? errors[code] : "0x" + Integer.toHexString(code)));
                }
            }
        }
        return streams;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split("~", -1);
    }
}
