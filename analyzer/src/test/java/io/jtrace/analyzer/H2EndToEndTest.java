package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 with prior knowledge on a real stack: nghttp (nghttp2's client; Debian's curl 7.88 cannot reuse a
 * prior-knowledge connection, curl issue 10634) asks Debian's nginx, over a cleartext {@code http2} listener, for
 * several URLs concurrently on one connection, recorded whole and again cut by {@code -s 40}. Checked against
 * nghttp's own report (status per path) and tshark's http2 dissector on a tcpdump capture of the same loopback
 * traffic (stream ids, statuses, DATA bytes per stream). And {@code curl --http2-prior-knowledge}, a curl per URL,
 * against the same nginx: every stream as curl's own {@code -w} report and tshark's statuses have it.
 */
class H2EndToEndTest {
    @TempDir
    static Path tmp;
    static Process nginx;
    static int port;
    static final List<String> PATHS = List.of("/a.txt", "/b.txt", "/teapot", "/missing", "/b.txt?again");

    @BeforeAll
    static void start() throws Exception {
        LiveRecording.requireRecorder();
        for (String tool : List.of("nginx", "nghttp", "tcpdump", "tshark")) {
            LiveRecording.require(tool(tool) != null, tool + " is not installed (.ci/run installs it)");
        }
        Path www = Files.createDirectories(tmp.resolve("www"));
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 40_000; i++) {
            text.append("line ").append(i).append(" of a body longer than one DATA frame\n");
        }
        Files.writeString(www.resolve("a.txt"), text);
        Files.writeString(www.resolve("b.txt"), "hello\n");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(tmp.resolve("body"));
        Path conf = tmp.resolve("nginx.conf");
        Files.writeString(conf, String.join("\n",
                "daemon off;", "master_process off;", "worker_processes 1;", "pid " + tmp.resolve("nginx.pid") + ";",
                "error_log " + tmp.resolve("error.log") + ";", "events { worker_connections 64; }", "http {",
                "  access_log off;", "  client_body_temp_path " + tmp.resolve("body") + ";",
                "  server {", "    listen 127.0.0.1:" + port + " http2;", "    root " + www + ";",
                "    location /teapot { return 418 \"short and stout\"; }", "  }", "}", ""));
        nginx = new ProcessBuilder(tool("nginx"), "-c", conf.toString(), "-p", tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("nginx.out").toFile()).start();
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nginx did not start: " + Files.readString(tmp.resolve("nginx.out")));
    }

    /** The program's path in /usr/sbin or /usr/bin, or null. */
    static String tool(String name) {
        for (String dir : List.of("/usr/sbin/", "/usr/bin/")) {
            if (Files.isExecutable(Path.of(dir + name))) {
                return dir + name;
            }
        }
        return null;
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.destroy();
        }
    }

    /** nghttp under the recorder (-s snap when given), captured by tcpdump; returns the trace, pcap and report. */
    static Path[] record(String name, String... snap) throws Exception {
        List<String> client = new ArrayList<>(List.of(tool("nghttp"), "-ns"));
        for (String p : PATHS) {
            client.add("http://127.0.0.1:" + port + p);
        }
        return record(name, client, snap);
    }

    /** {@code client} under the recorder (-s snap when given), captured by tcpdump; returns the trace, pcap and report. */
    static Path[] record(String name, List<String> client, String... snap) throws Exception {
        Path pcap = tmp.resolve(name + ".pcap");
        Path dumpLog = tmp.resolve(name + ".tcpdump");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp port " + port);
        Path trace = tmp.resolve(name + ".jtr");
        Path report = tmp.resolve(name + ".nghttp");
        List<String> command = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q"));
        command.addAll(List.of(snap));
        command.addAll(List.of("-w", trace.toString(), "--"));
        command.addAll(client);
        LiveRecording.run(command, 120, report);
        LiveRecording.stopTcpdump(dump, dumpLog);
        return new Path[] {trace, pcap, report};
    }

    /** tshark's view per stream id: "PATH STATUS DATA-BYTES". */
    static Map<Integer, String> tsharkStreams(Path pcap) throws Exception {
        return streams(tshark(pcap, "-d", "tcp.port==" + port + ",http2", "-Y", "http2",
                "-T", "fields", "-E", "occurrence=a", "-E", "separator=|", "-e", "tcp.srcport", "-e", "http2.streamid",
                "-e", "http2.type", "-e", "http2.length", "-e", "http2.headers.path", "-e", "http2.headers.status"), port);
    }

    /**
     * Each stream of tshark's rows of fields {@code srcport|streamid|type|length|path|status[|uri]}, as
     * "path status response-data-bytes" by stream id; an HTTP/1.1 request's URI (a seventh field: the
     * request that upgraded to h2c) is stream 1's path.
     */
    static Map<Integer, String> streams(String fields, int serverPort) {
        Map<Integer, String> paths = new TreeMap<>();
        Map<Integer, String> statuses = new TreeMap<>();
        Map<Integer, Long> data = new TreeMap<>();
        for (String row : fields.lines().toList()) {
            String[] f = row.split("\\|", -1);
            boolean fromServer = f[0].equals(String.valueOf(serverPort));
            if (f.length > 6 && !f[6].isEmpty()) {
                paths.put(1, f[6]);
            }
            if (f[1].isEmpty()) {
                continue;
            }
            String[] ids = f[1].split(",");
            String[] types = f[2].split(",");
            String[] lengths = f[3].split(",");
            List<String> values = new ArrayList<>(List.of((fromServer ? f[5] : f[4]).split(",")));
            values.removeIf(String::isEmpty);
            for (int i = 0; i < ids.length; i++) {
                int id = Integer.parseInt(ids[i]);
                if (types[i].equals("1") && !values.isEmpty()) {
                    (fromServer ? statuses : paths).put(id, values.remove(0));
                } else if (types[i].equals("0") && fromServer) {
                    data.merge(id, Long.parseLong(lengths[i]), Long::sum);
                }
            }
        }
        Map<Integer, String> streams = new TreeMap<>();
        for (int id : paths.keySet()) {
            streams.put(id, paths.get(id) + " " + statuses.get(id) + " " + data.getOrDefault(id, 0L));
        }
        return streams;
    }

    /** tshark's standard output (loopback packets carry partial checksums: not checked). */
    static String tshark(Path pcap, String... args) throws Exception {
        LiveRecording.require(PcapCommandTest.hasTshark(), "tshark not installed (.ci/run installs it)");
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark timed out");
        assertEquals(0, p.exitValue(), "tshark " + command);
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The http view's streams as "PATH STATUS RESPONSE-BYTES" by id, from --json. */
    static Map<Integer, String> viewStreams(Path trace, List<Map<String, Object>> rows) {
        Map<Integer, String> streams = new TreeMap<>();
        for (Map<String, Object> x : rows) {
            assertEquals("HTTP/2", x.get("version"), x.toString());
            streams.put(((Number) x.get("stream")).intValue(), x.get("url") + " " + x.get("status") + " "
                    + x.get("response_body_bytes"));
        }
        return streams;
    }

    static List<Map<String, Object>> json(Path trace) {
        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        return run.lines().stream().map(Json::object).toList();
    }

    @Test
    void everyStreamAsTsharkAndNghttpSawIt() throws Exception {
        Path[] r = record("whole");
        List<Map<String, Object>> rows = json(r[0]);
        Map<Integer, String> tshark = tsharkStreams(r[1]);
        assertEquals(PATHS.size(), tshark.size(), "tshark: " + tshark + " of " + Files.size(r[1]) + " bytes; nghttp: "
                + Files.readString(r[2]) + "; view: " + rows + "; tcpdump: " + Files.readString(r[1].resolveSibling(r[1].getFileName().toString()
                .replace(".pcap", ".tcpdump"))));
        assertEquals(tshark, viewStreams(r[0], rows));
        for (Map<String, Object> x : rows) {
            assertEquals("client", x.get("side"));
            assertEquals("127.0.0.1:" + port, x.get("host"));
            assertEquals(List.of(), x.get("notes"), x.toString());
            assertTrue(((Number) x.get("latency_us")).longValue() >= 0);
        }
        assertEquals(1, rows.stream().map(x -> x.get("connection")).distinct().count(), "one connection");
        // nghttp's own report: "id responseEnd requestStart process code size request path"
        List<String> report = Files.readAllLines(r[2]).stream().map(String::trim)
                .filter(l -> l.matches("\\d+ .*")).toList();
        assertEquals(PATHS.size(), report.size(), String.join("\n", report));
        for (String l : report) {
            String[] f = l.split("\\s+");
            String viewed = viewStreams(r[0], rows).get(Integer.parseInt(f[0]));
            assertTrue(viewed.startsWith(f[6] + " " + f[4] + " "), l + " vs " + viewed);
        }
        Run text = Run.of("http", "-r", r[0].toString());
        assertTrue(text.out().contains("HTTP/2 stream 1") || text.out().contains("HTTP/2 stream 13"), text.out());
        Run fds = Run.of("fds", "-r", r[0].toString(), "--json");
        assertTrue(fds.lines().stream().map(Json::object).anyMatch(f -> "h2".equals(f.get("protocol"))
                && String.valueOf(f.get("peer")).endsWith(":" + port)), fds.out());
        Path har = tmp.resolve("whole.har");
        assertEquals(0, Run.of("http", "-r", r[0].toString(), "--har", har.toString()).status());
        assertTrue(Files.readString(har).contains("\"httpVersion\":\"HTTP/2\""));
    }

    @Test
    void curlWithPriorKnowledgeAsCurlItselfReportsIt() throws Exception {
        // Debian's curl 7.88 fails a second URL on a prior-knowledge connection (curl issue 10634): a curl per URL,
        // from a shell the recorder follows
        LiveRecording.require(tool("curl") != null, "curl is not installed (.ci/run installs it)");
        StringBuilder loop = new StringBuilder("for u in");
        for (String p : PATHS) {
            loop.append(" 'http://127.0.0.1:").append(port).append(p).append("'");
        }
        loop.append("; do ").append(tool("curl")).append(" --http2-prior-knowledge -s -o /dev/null")
                .append(" -w '%{url_effective} %{http_code} %{size_download} %{http_version}\\n' \"$u\" || exit 1; done");
        List<String> curl = List.of("/bin/sh", "-c", loop.toString());
        Path[] r = record("curl", curl, "-f");
        List<String> report = Files.readAllLines(r[2]).stream().filter(l -> l.startsWith("http://")).toList();
        assertEquals(PATHS.size(), report.size(), Files.readString(r[2]));
        List<Map<String, Object>> rows = json(r[0]);
        assertEquals(PATHS.size(), rows.size(), rows.toString());
        for (String l : report) {
            String[] f = l.split(" ");
            assertEquals("2", f[3], "curl spoke HTTP/2: " + l);
            String path = f[0].substring(("http://127.0.0.1:" + port).length());
            Map<String, Object> x = rows.stream().filter(y -> path.equals(y.get("url"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no stream for " + path + " in " + rows));
            assertEquals("HTTP/2", x.get("version"), x.toString());
            assertEquals(Long.parseLong(f[1]), ((Number) x.get("status")).longValue(), l + " vs " + x);
            assertEquals(Long.parseLong(f[2]), ((Number) x.get("response_body_bytes")).longValue(), l + " vs " + x);
            assertEquals(List.of(), x.get("notes"), x.toString());
        }
        // and as tshark's http2 dissector saw them: one request and one response HEADERS per URL
        String frames = tshark(r[1], "-d", "tcp.port==" + port + ",http2", "-Y", "http2.headers.status", "-T", "fields",
                "-e", "http2.headers.status");
        List<String> statuses = new ArrayList<>(frames.lines().map(String::trim).filter(t -> !t.isEmpty()).toList());
        List<String> viewed = new ArrayList<>(rows.stream().map(x -> String.valueOf(x.get("status"))).toList());
        java.util.Collections.sort(statuses);
        java.util.Collections.sort(viewed);
        assertEquals(statuses, viewed);
    }

    @Test
    void aSnapLengthCutKeepsWhatItSawAndSaysWhatItLost() throws Exception {
        // -s 300 keeps nghttp's one write of all the requests whole, but cuts nginx's responses, which the client
        // reads 8 KiB at a time: most response frames lie in the gaps
        Path[] r = record("cut", "-s", "300");
        List<Map<String, Object>> rows = json(r[0]);
        Map<Integer, String> tshark = tsharkStreams(r[1]);
        assertEquals(PATHS.size(), tshark.size(), "tshark: " + tshark);
        assertEquals(tshark.keySet(), viewStreams(r[0], rows).keySet(), "every stream, by id");
        int lost = 0;
        for (Map<String, Object> x : rows) {
            String[] truth = tshark.get(((Number) x.get("stream")).intValue()).split(" ");
            assertEquals(truth[0], x.get("url"), "the requests were captured whole");
            @SuppressWarnings("unchecked")
            List<String> notes = (List<String>) x.get("notes");
            if (x.get("status") == null) {
                assertTrue(notes.contains("response not seen (frames lost in a gap)"), x.toString());
                lost++;
            } else {
                assertEquals(truth[1], String.valueOf(x.get("status")), x.toString());
                if (!truth[2].equals(String.valueOf(x.get("response_body_bytes")))) {
                    assertTrue(notes.contains("response truncated"), x.toString());
                }
            }
        }
        assertTrue(lost > 0, "the cut hid some responses: " + rows);
    }
}
