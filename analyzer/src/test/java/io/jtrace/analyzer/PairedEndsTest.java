package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends of a connection in one trace that names neither end fully: a recording without the recorder's fd
 * probe of a C server that accepts with {@code accept(fd, NULL, NULL)} (or with an address buffer) and a client
 * that never calls getsockname. The ends are paired by their bytes (trace/ConnectionPairs): pcap writes each
 * connection once, as tshark counts it, and the http and fds views lend each end what the other knew.
 */
class PairedEndsTest {
    private static final int CONNECTIONS = 6;
    private static final Pattern EXCHANGE = Pattern.compile(
            "\"side\":\"(client|server)\",\"local\":(null|\"[^\"]*\"),\"peer\":(null|\"[^\"]*\"),\"method\":\"POST\","
                    + "\"url\":\"(/pair/\\d+)\"");

    @TempDir
    Path dir;

    private Path record(String... args) throws Exception {
        LiveRecording.requireRecorder();
        Path program = LiveRecording.compileResource("pair_ends", dir);
        Path trace = dir.resolve("pair.jtr");
        List<String> command = new java.util.ArrayList<>(List.of(
                LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f", "-w", trace.toString(),
                "--", program.toString(), Integer.toString(CONNECTIONS)));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("record.log").toFile());
        pb.environment().put("JAVA_OPTS", "-Djtrace.fdProbe=false");   // a recording that names no endpoint itself
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "recording timed out");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("record.log")));
        // the premise: the trace itself does not name the accepted sockets' peers
        Run accepts = Run.of("-r", trace.toString(), "-yy", "-e", "trace=accept");
        assertEquals(CONNECTIONS, accepts.out().lines().filter(l -> l.contains("accept(")).count(), accepts.show());
        if (args.length == 0) {
            assertFalse(accepts.out().contains("->"), accepts.out());
        }
        return trace;
    }

    @Test
    void pcapWritesEachConnectionOnce() throws Exception {
        Path trace = record();
        Path pcap = dir.resolve("pair.pcapng");
        Run run = Run.of("pcap", "-r", trace.toString(), "-w", pcap.toString());
        assertEquals(0, run.status(), run.show());
        assertEquals(CONNECTIONS, PcapCommandTest.tshark(pcap, "-Y", "http.request").lines().count());
        assertEquals(CONNECTIONS, PcapCommandTest.tshark(pcap, "-Y", "http.response").lines().count());
        assertEquals(CONNECTIONS, PcapCommandTest.tshark(pcap, "-Y", "tcp.flags.syn == 1 && tcp.flags.ack == 0")
                .lines().count());
    }

    @Test
    void httpAndFdsLendEachEndWhatTheOtherKnew() throws Exception {
        Path trace = record("addr");
        Run http = Run.of("http", "-r", trace.toString(), "--json");
        assertEquals(0, http.status(), http.show());
        Map<String, String[]> client = new HashMap<>();
        Map<String, String[]> server = new HashMap<>();
        Matcher m = EXCHANGE.matcher(http.out());
        while (m.find()) {
            (m.group(1).equals("client") ? client : server).put(m.group(4), new String[] {m.group(2), m.group(3)});
        }
        assertEquals(CONNECTIONS, client.size(), http.out());
        assertEquals(CONNECTIONS, server.size(), http.out());
        for (var c : client.entrySet()) {
            String[] s = server.get(c.getKey());
            assertNotNull(s, c.getKey());
            // the client's own port came from the server's accept; the server's address from the client's connect
            assertFalse(c.getValue()[0].equals("null"), http.out());
            assertEquals(c.getValue()[0], s[1], c.getKey());
            assertEquals(c.getValue()[1], s[0], c.getKey());
        }
        Run fds = Run.of("fds", "-r", trace.toString());
        assertEquals(0, fds.status(), fds.show());
        List<String> rows = fds.out().lines().filter(l -> l.contains(" http ")).toList();
        assertEquals(2 * CONNECTIONS, rows.size(), fds.out());
        for (String row : rows) {
            String[] f = row.trim().split("\\s+");
            assertTrue(f[3].matches("127\\.0\\.0\\.1:\\d+") && f[4].matches("127\\.0\\.0\\.1:\\d+"), row);
        }
    }
}
