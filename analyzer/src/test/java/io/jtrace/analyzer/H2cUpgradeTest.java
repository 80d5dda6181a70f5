package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 by h2c upgrade: the JDK's HttpClient (testdata/workload/H2cClient.java) against a Jetty 12 h2c server in
 * this JVM, one request that upgrades, then concurrent streams on the same connection. Checked against what the
 * client itself reports and tshark's http2 dissector on a tcpdump capture; then the same client recorded from a
 * moment after its connection was open (attached with -p): the streams after are found, their headers decoded or
 * said unknown, never wrong.
 */
class H2cUpgradeTest {
    @TempDir
    static Path tmp;
    static Server server;
    static int port;
    static Path classes;

    @BeforeAll
    static void start() throws Exception {
        LiveRecording.requireRecorder();
        for (String tool : List.of("tcpdump", "tshark")) {
            LiveRecording.require(H2EndToEndTest.tool(tool) != null, tool + " is not installed (.ci/run installs it)");
        }
        classes = Files.createDirectories(tmp.resolve("classes"));
        LiveRecording.compile("H2cClient.java", classes, tmp.resolve("javac.log"));
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config),
                new HTTP2CServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                String[] parts = path.split("/");
                byte[] body;
                if (path.startsWith("/size/")) {
                    body = "x".repeat(Integer.parseInt(parts[2])).getBytes();
                } else if (path.startsWith("/status/")) {
                    response.setStatus(Integer.parseInt(parts[2]));
                    body = ("status " + parts[2] + "\n").getBytes();
                } else {
                    ByteBuffer in = Content.Source.asByteBuffer(request);
                    body = Integer.toString(in.remaining()).getBytes();
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    /** The client's own report: "PATH STATUS BYTES" per request, in its order. */
    static List<String> report(Path summary) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(summary)) {
            Map<String, Object> r = Json.object(l);
            assertEquals("HTTP_2", r.get("version"), l);
            lines.add(r.get("path") + " " + r.get("status") + " " + r.get("bytes"));
        }
        return lines;
    }

    /** tshark's streams of the capture, "PATH STATUS DATA-BYTES" by id: stream 1 is the upgrade's request. */
    static Map<Integer, String> tsharkStreams(Path pcap) throws Exception {
        return H2EndToEndTest.streams(H2EndToEndTest.tshark(pcap, "-d", "tcp.port==" + port + ",http",
                "-Y", "http2 || http", "-T", "fields", "-E", "occurrence=a", "-E", "separator=|", "-e", "tcp.srcport",
                "-e", "http2.streamid", "-e", "http2.type", "-e", "http2.length", "-e", "http2.headers.path",
                "-e", "http2.headers.status", "-e", "http.request.uri"), port);
    }

    static Map<Integer, String> viewStreams(List<Map<String, Object>> rows) {
        Map<Integer, String> streams = new TreeMap<>();
        for (Map<String, Object> x : rows) {
            streams.put(((Number) x.get("stream")).intValue(), x.get("url") + " " + x.get("status") + " "
                    + x.get("response_body_bytes"));
        }
        return streams;
    }

    @Test
    void upgradedConnectionStreamsAsTheClientAndTsharkSawThem() throws Exception {
        Path pcap = tmp.resolve("upgrade.pcap");
        Path dumpLog = tmp.resolve("upgrade.tcpdump");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp port " + port);
        Path trace = tmp.resolve("upgrade.jtr");
        Path summary = tmp.resolve("upgrade.json");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f", "-w",
                trace.toString(), "--", "java", "-cp", classes.toString(), "H2cClient", "http://127.0.0.1:" + port,
                summary.toString()), 180, tmp.resolve("record.log"));
        LiveRecording.stopTcpdump(dump, dumpLog);
        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object).toList();
        List<String> client = report(summary);
        assertEquals(client.size(), rows.size(), "a stream per request, the upgrade's included: " + run.out());
        Map<Integer, String> tshark = tsharkStreams(pcap);
        assertEquals(client.size(), tshark.size(), "tshark: " + tshark);
        assertEquals(tshark, viewStreams(rows));
        List<String> seen = new ArrayList<>(viewStreams(rows).values());
        assertEquals(client.stream().sorted().toList(), seen.stream().sorted().toList(), "as the client saw them");
        for (Map<String, Object> x : rows) {
            assertEquals("HTTP/2", x.get("version"));
            assertEquals(List.of(), x.get("notes"), x.toString());
            assertEquals(1, rows.stream().map(r -> r.get("connection")).distinct().count(), "one connection");
        }
        Map<String, Object> first = rows.stream().filter(x -> ((Number) x.get("stream")).intValue() == 1).findFirst()
                .orElseThrow();
        assertEquals(List.of(101L), first.get("interim"), "the 101 that switched is stream 1's interim response");
        Map<String, Object> echo = rows.stream().filter(x -> "/echo".equals(x.get("url"))).findFirst().orElseThrow();
        assertEquals(1234L, ((Number) echo.get("request_body_bytes")).longValue());
        Run fds = Run.of("fds", "-r", trace.toString(), "--json");
        assertTrue(fds.lines().stream().map(Json::object).anyMatch(f -> "h2".equals(f.get("protocol"))
                && String.valueOf(f.get("peer")).endsWith(":" + port)), fds.out());
    }

    @Test
    void attachedMidConnectionLaterStreamsAreFoundAndNeverWrong() throws Exception {
        Path pcap = tmp.resolve("attach.pcap");
        Path dumpLog = tmp.resolve("attach.tcpdump");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp port " + port);
        Path summary = tmp.resolve("attach.json");
        Path gate = tmp.resolve("gate");
        Process client = new ProcessBuilder("java", "-cp", classes.toString(), "H2cClient", "http://127.0.0.1:" + port,
                summary.toString(), gate.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream()));
        assertEquals("ready", out.readLine(), "the client's first request");
        Path trace = tmp.resolve("attach.jtr");
        Process recorder = new ProcessBuilder(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-p",
                Long.toString(client.pid()), "-w", trace.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("attach.log").toFile()).start();
        for (int i = 0; i < 600 && !Files.readString(tmp.resolve("attach.log")).contains("attached"); i++) {
            Thread.sleep(50);
        }
        Files.createFile(gate);
        assertTrue(client.waitFor(120, TimeUnit.SECONDS), "client did not end");
        assertEquals(0, client.exitValue());
        assertTrue(recorder.waitFor(60, TimeUnit.SECONDS), "the recorder ends with its tracee");
        LiveRecording.stopTcpdump(dump, dumpLog);
        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object).toList();
        Map<Integer, String> tshark = tsharkStreams(pcap);
        List<String> client8 = report(summary);
        assertEquals(client8.size(), tshark.size(), "tshark: " + tshark);
        assertEquals(client8.size() - 1, rows.size(), "the streams after the attach: " + run.out());
        int known = 0;
        for (Map<String, Object> x : rows) {
            int id = ((Number) x.get("stream")).intValue();
            String[] truth = tshark.get(id).split(" ");
            @SuppressWarnings("unchecked")
            List<String> notes = (List<String>) x.get("notes");
            assertEquals("client", x.get("side"), x.toString());
            if (x.get("url") != null) {
                assertEquals(truth[0], x.get("url"), x.toString());
            } else {
                assertTrue(notes.stream().anyMatch(n -> n.startsWith("request headers unknown")), x.toString());
            }
            if (x.get("status") != null) {
                assertEquals(truth[1], String.valueOf(x.get("status")), x.toString());
                assertEquals(truth[2], String.valueOf(x.get("response_body_bytes")), x.toString());
                known++;
            } else {
                assertTrue(notes.stream().anyMatch(n -> n.startsWith("response headers unknown")), x.toString());
            }
        }
        assertTrue(known > 0, "statuses stand on their own (static table or literal): " + run.out());
    }
}
