package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC on a real stack: testdata/workload/grpc_calls.py, Debian's python3-grpcio (gRPC's C core, its own HTTP/2
 * and HPACK), client and server in one process: concurrent unary calls, an error status with a percent-encoded
 * message, a server-streaming and a bidirectional call. Checked against what the client itself reports, call by
 * call, on both sides, and against tshark's grpc dissector on a tcpdump capture of the same traffic.
 */
class GrpcEndToEndTest {
    @TempDir
    Path tmp;

    static final String PYTHON = "/usr/bin/python3";

    /** "METHOD STATUS DETAILS REQ-MSGS REQ-BYTES RESP-MSGS RESP-BYTES", as the client saw each call. */
    static String call(Object method, Object status, Object details, Object reqMsgs, Object reqBytes,
            Object respMsgs, Object respBytes) {
        return method + " " + status + " " + details + " " + reqMsgs + " " + reqBytes + " " + respMsgs + " "
                + respBytes;
    }

    @Test
    void callsOnBothSidesAsTheClientAndTsharkSawThem() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of(PYTHON)), "python3 is not installed");
        Process probe = new ProcessBuilder(PYTHON, "-c", "import grpc").start();
        LiveRecording.require(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3-grpcio is not installed (.ci/run installs it)");
        LiveRecording.require(H2EndToEndTest.tool("tcpdump") != null, "tcpdump is not installed");
        Path pcap = tmp.resolve("grpc.pcap");
        Path dumpLog = tmp.resolve("tcpdump.log");
        Process dump = LiveRecording.tcpdump(pcap, dumpLog, "tcp");
        Path trace = tmp.resolve("grpc.jtr");
        Path summary = tmp.resolve("summary.json");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f",
                "-s", "0", "-w", trace.toString(), "--", PYTHON,
                LiveRecording.ROOT.resolve("testdata/workload/grpc_calls.py").toString(), summary.toString()), 180,
                tmp.resolve("record.log"));
        LiveRecording.stopTcpdump(dump, dumpLog);

        List<String> lines = Files.readAllLines(summary);
        int port = ((Number) Json.object(lines.get(0)).get("port")).intValue();
        List<String> client = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            Map<String, Object> c = Json.object(l);
            client.add(call(c.get("method"), c.get("status_name"), c.get("details"), c.get("request_messages"),
                    c.get("request_bytes"), c.get("response_messages"), c.get("response_bytes")));
        }
        assertEquals(6, client.size(), String.join("\n", lines));

        Run run = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, run.status(), run.show());
        List<Map<String, Object>> rows = run.lines().stream().map(Json::object)
                .filter(x -> x.containsKey("grpc_method")).toList();
        for (String side : List.of("client", "server")) {
            List<String> seen = rows.stream().filter(x -> side.equals(x.get("side")))
                    .map(x -> call(x.get("grpc_method"), x.get("grpc_status_name"), x.get("grpc_message"),
                            x.get("grpc_request_messages"), x.get("grpc_request_message_bytes"),
                            x.get("grpc_response_messages"), x.get("grpc_response_message_bytes"))).toList();
            // the concurrent calls take stream ids in whatever order the client's threads start them
            assertEquals(String.join("\n", client.stream().sorted().toList()),
                    String.join("\n", seen.stream().sorted().toList()), side + " side");
            for (Map<String, Object> x : rows.stream().filter(r -> side.equals(r.get("side"))).toList()) {
                assertEquals("jtrace.test.Echo", x.get("grpc_service"));
                assertEquals(List.of(), x.get("notes"), x.toString());
            }
        }
        Run text = Run.of("http", "-r", trace.toString());
        assertTrue(text.out().contains("grpc NOT_FOUND \"no such key: missing \u2713\"  msgs 1/0"), text.out());
        Run fds = Run.of("fds", "-r", trace.toString(), "--json");
        assertEquals(2, fds.lines().stream().map(Json::object).filter(f -> "grpc".equals(f.get("protocol"))).count(),
                "the connection's two ends are grpc: " + fds.out());

        // tshark: every message's length and every grpc-status, by direction
        String fields = H2EndToEndTest.tshark(pcap, "-d", "tcp.port==" + port + ",http2", "-Y", "tcp.port==" + port,
                "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=~", "-E", "separator=|", "-e", "tcp.srcport",
                "-e", "grpc.message_length", "-e", "http2.header.name", "-e", "http2.header.value");
        long[] count = new long[2];
        long[] bytes = new long[2];
        List<String> statuses = new ArrayList<>();
        for (String row : fields.lines().toList()) {
            String[] f = row.split("\\|", -1);
            int dir = f[0].equals(String.valueOf(port)) ? 1 : 0;
            for (String len : f[1].isEmpty() ? new String[0] : f[1].split("~")) {
                count[dir]++;
                bytes[dir] += Long.parseLong(len);
            }
            String[] names = f[2].split("~", -1);
            String[] values = f[3].split("~", -1);
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (names[i].equals("grpc-status")) {
                    statuses.add(values[i]);
                }
            }
        }
        List<Map<String, Object>> clientRows = rows.stream().filter(x -> "client".equals(x.get("side"))).toList();
        assertEquals(count[0], clientRows.stream().mapToLong(x -> ((Number) x.get("grpc_request_messages"))
                .longValue()).sum(), "request messages, tshark");
        assertEquals(bytes[0], clientRows.stream().mapToLong(x -> ((Number) x.get("grpc_request_message_bytes"))
                .longValue()).sum(), "request message bytes, tshark");
        assertEquals(count[1], clientRows.stream().mapToLong(x -> ((Number) x.get("grpc_response_messages"))
                .longValue()).sum(), "response messages, tshark");
        assertEquals(bytes[1], clientRows.stream().mapToLong(x -> ((Number) x.get("grpc_response_message_bytes"))
                .longValue()).sum(), "response message bytes, tshark");
        assertEquals(statuses.stream().sorted().toList(), clientRows.stream().map(x -> String.valueOf(
                x.get("grpc_status"))).sorted().toList(), "grpc-status values, tshark");
    }
}
