package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import io.jtrace.analyzer.http.GrpcMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC messages on a real stack: testdata/workload/grpc_calls.py's Notes calls (python3-grpcio, messages generated
 * by Debian's protoc from testdata/workload/grpc_notes.proto), compressed with gzip and deflate both ways, a
 * request the server cannot parse, and a response of 16 MiB of zeros in 16 KiB of gzip (decoded up to 1 MiB). The http view with {@code --proto} (the descriptor set the same protoc makes)
 * must give, on both sides, each message's bytes as the program serialised them and its JSON as the program's own
 * protobuf library prints it; each message's compressed flag, length and field values as tshark's grpc and
 * protobuf dissectors decode them from a tcpdump capture of the same traffic.
 */
class GrpcMessagesEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void messagesAsTheProgramSentThemAndTsharkDecodesThem() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of(GrpcEndToEndTest.PYTHON)), "python3 is not installed");
        Process probe = new ProcessBuilder(GrpcEndToEndTest.PYTHON, "-c", "import grpc, google.protobuf").start();
        LiveRecording.require(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3-grpcio is not installed (.ci/run installs it)");
        LiveRecording.require(H2EndToEndTest.tool("protoc") != null, "protoc is not installed (.ci/run installs "
                + "protobuf-compiler)");
        LiveRecording.require(H2EndToEndTest.tool("tcpdump") != null, "tcpdump is not installed");
        Path workload = LiveRecording.ROOT.resolve("testdata/workload");
        Path desc = tmp.resolve("notes.desc");
        LiveRecording.run(List.of(H2EndToEndTest.tool("protoc"), "--python_out=" + tmp, "--descriptor_set_out="
                + desc, "--include_imports", "-I" + workload, workload.resolve("grpc_notes.proto").toString()), 60,
                tmp.resolve("protoc.log"));

        Path pcap = tmp.resolve("notes.pcap");
        Path dumpLog = tmp.resolve("tcpdump.log");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp");
        Path trace = tmp.resolve("notes.jtr");
        Path summary = tmp.resolve("summary.json");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f",
                "-s", "0", "-w", trace.toString(), "--", GrpcEndToEndTest.PYTHON,
                workload.resolve("grpc_calls.py").toString(), summary.toString(), tmp.toString()), 180,
                tmp.resolve("record.log"));
        LiveRecording.stopTcpdump(dump, dumpLog);

        // what the program sent and received, call by call: serialised bytes and MessageToJson's JSON
        List<String> lines = Files.readAllLines(summary);
        int port = ((Number) Json.object(lines.get(0)).get("port")).intValue();
        List<String> client = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            Map<String, Object> c = Json.object(l);
            client.add(c.get("method") + " " + c.get("status_name") + " > " + sent(c, "request") + " < "
                    + sent(c, "response"));
        }
        assertEquals(5, client.size(), String.join("\n", lines));

        Run run = Run.of("http", "-r", trace.toString(), "--json", "--full", "--proto", desc.toString());
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object)
                .filter(x -> "jtrace.test.Notes".equals(x.get("grpc_service"))).toList();
        List<Map<String, Object>> messages = new ArrayList<>();
        for (String side : List.of("client", "server")) {
            List<String> seen = new ArrayList<>();
            for (Map<String, Object> x : rows.stream().filter(r -> side.equals(r.get("side"))).toList()) {
                seen.add(x.get("grpc_method") + " " + x.get("grpc_status_name") + " > "
                        + seen(x, "grpc_requests", messages) + " < " + seen(x, "grpc_responses", messages));
            }
            assertEquals(String.join("\n", client.stream().sorted().toList()),
                    String.join("\n", seen.stream().sorted().toList()), side + " side");
        }
        assertTrue(messages.stream().anyMatch(m -> "gzip".equals(m.get("encoding"))), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> "deflate".equals(m.get("encoding"))), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> "does not parse as jtrace.test.Note".equals(m.get("note"))),
                messages.toString());

        Run text = Run.of("http", "-r", trace.toString(), "--full", "--proto", desc.toString());
        assertEquals(0, text.status(), text.show());
        assertTrue(text.out().contains("> message 1 (4 B): \"\\n\\177no\"  [does not parse as jtrace.test.Note]"),
                text.out());
        assertTrue(text.out().contains("  \"labels\": {"), text.out());
        Run raw = Run.of("http", "-r", trace.toString(), "--full");
        assertTrue(raw.out().contains("> message 1 (11 B): \"\\n\\7deflate\\20\\3\""), raw.out());

        // tshark, each message from the client's side: direction, compressed flag, length, the text and count
        // fields (of the message and those nested in it) as its protobuf dissector decodes them
        Files.copy(workload.resolve("grpc_notes.proto"), tmp.resolve("grpc_notes.proto"));
        String fields = H2EndToEndTest.tshark(pcap, "-d", "tcp.port==" + port + ",http2", "-Y", "tcp.port==" + port
                + " && grpc", "-o", "uat:protobuf_search_paths:\"" + tmp + "\",\"TRUE\"", "-o",
                "protobuf.preload_protos:TRUE", "-o", "protobuf.pbf_as_hf:TRUE", "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=~", "-E", "separator=|", "-e", "tcp.srcport", "-e", "grpc.compressed_flag", "-e",
                "grpc.message_length", "-e", "pbf.jtrace.test.Note.text", "-e", "pbf.jtrace.test.Note.count");
        // several messages may share a packet: compared as multisets of (direction, flag, length), of texts, of counts
        List<String> tshark = new ArrayList<>();
        for (String row : fields.lines().toList()) {
            String[] f = row.split("\\|", -1);
            String dir = f[0].equals(String.valueOf(port)) ? "<" : ">";
            String[] flags = f[1].split("~");
            String[] lengths = f[2].split("~");
            assertEquals(flags.length, lengths.length, row);
            for (int i = 0; i < flags.length; i++) {
                tshark.add(dir + " message " + flags[i] + " " + lengths[i]);
            }
            for (String t : f[3].isEmpty() ? new String[0] : f[3].split("~")) {
                tshark.add(dir + " text " + t);
            }
            for (String c : f[4].isEmpty() ? new String[0] : f[4].split("~")) {
                tshark.add(dir + " count " + c);
            }
        }
        List<String> ours = new ArrayList<>();
        for (Map<String, Object> x : rows.stream().filter(r -> "client".equals(r.get("side"))).toList()) {
            for (String dir : List.of(">", "<")) {
                for (Object o : (List<?>) x.get(dir.equals(">") ? "grpc_requests" : "grpc_responses")) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    ours.add(dir + " message " + (Boolean.TRUE.equals(m.get("compressed")) ? 1 : 0) + " "
                            + m.get("length"));
                    values(m.get("json"), dir, ours);
                }
            }
        }
        assertEquals(String.join("\n", tshark.stream().sorted().toList()),
                String.join("\n", ours.stream().sorted().toList()), "messages, tshark");
    }

    /**
     * A call's messages one way as the workload wrote them: "BASE64 JSON" each; a response too large to write
     * (Fill's bomb) as "cut START-BASE64 NOTE", its first 4 KiB and what the view must say.
     */
    private static String sent(Map<String, Object> call, String dir) {
        List<?> bytes = (List<?>) call.get(dir + "_base64");
        List<?> texts = (List<?>) call.get(dir + "_json");
        List<String> out = new ArrayList<>();
        if (dir.equals("response") && call.containsKey("response_length")) {
            assertTrue(((Number) call.get("response_length")).longValue() > GrpcMessages.MESSAGE_LIMIT);
            out.add("cut " + call.get("response_start_base64") + " decoded beyond " + GrpcMessages.MESSAGE_LIMIT
                    + " bytes: cut there");
        }
        for (int i = 0; i < bytes.size(); i++) {
            Object json = texts.get(i) == null ? null : canonical(Json.object((String) texts.get(i)));
            out.add(bytes.get(i) + " " + json);
        }
        return out.toString();
    }

    /** The view's messages one way, as {@link #sent}: whole, decoded. */
    private static String seen(Map<String, Object> x, String key, List<Map<String, Object>> all) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) x.get(key)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            all.add(m);
            if (Boolean.FALSE.equals(m.get("complete"))) {
                byte[] start = Arrays.copyOf(Base64.getDecoder().decode((String) m.get("base64")), 4096);
                out.add("cut " + Base64.getEncoder().encodeToString(start) + " " + m.get("note"));
                assertEquals(GrpcMessages.MESSAGE_LIMIT, Base64.getDecoder().decode((String) m.get("base64")).length);
                assertTrue(!m.containsKey("json"), m.toString());
                continue;
            }
            out.add(m.get("base64") + " " + (m.containsKey("json") ? canonical(m.get("json")) : null));
        }
        return out.toString();
    }

    /** The text and count fields of a message's JSON and of the messages nested in it. */
    private static void values(Object json, String dir, List<String> out) {
        if (json instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getKey().equals("text") || e.getKey().equals("count")) {
                    out.add(dir + " " + e.getKey() + " " + e.getValue());
                } else if (e.getKey().equals("replyTo")) {
                    values(e.getValue(), dir, out);
                }
            }
        }
    }

    /** JSON as text with each object's keys sorted: protobuf's printers may order a map's entries differently. */
    static String canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            new java.util.TreeMap<>(m).forEach((k, x) -> b.append(b.length() > 1 ? "," : "").append(k).append(':')
                    .append(canonical(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            return l.stream().map(GrpcMessagesEndToEndTest::canonical).toList().toString();
        }
        return String.valueOf(v);
    }
}
