package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The socket calls' arguments decoded as strace 6.1 decodes them, checked against strace itself:
 * each C program of src/test/resources/c makes the calls (after strace's own tests), runs once
 * under strace and once under jtrace-record, and the two outputs must be the same lines. Only
 * what differs from run to run is masked: addresses of mappings and the stack, ephemeral ports,
 * pids, and the times the kernel stamps on received datagrams.
 */
class SocketDecodingTest {
    @TempDir
    Path dir;

    /** sockaddrs: lengths shorter and longer than the structure, sun_path, short AF_INET, sin6_scope_id. */
    @Test
    void socketAddresses() throws Exception {
        Path sockets = Files.createDirectories(dir.resolve("sockets"));
        compare("sockaddr", "%net", List.of(sockets.toString()), List.of(), List.of("-xx"));
    }

    /** Constants without a name in hex with strace's comment, flags alike, strace 6.1's names. */
    @Test
    void unknownConstants() throws Exception {
        compare("sockconst", "%net", List.of(), List.of());
    }

    /** Option names and values of every size, structures, invalid lengths, failed calls. */
    @Test
    void socketOptions() throws Exception {
        compare("sockopt", "setsockopt,getsockopt", List.of(), List.of(), List.of("-xx"), List.of("-s", "2"));
    }

    /** Control messages: IP_PKTINFO, IP_TTL, IP_TOS, IP_ORIGDSTADDR, SO_TIMESTAMP*, SCM_*. */
    @Test
    void controlMessages() throws Exception {
        compare("cmsg", "sendmsg,recvmsg", List.of(), List.of(), List.of("-s", "4"));
    }

    /** MSG_TRUNC returns more than the buffer holds: the buffer's bytes only. */
    @Test
    void truncatedDatagrams() throws Exception {
        compare("msg_trunc", "sendto,recvfrom,recvmsg", List.of(), List.of());
    }

    /**
     * Records {@code program} once and compares the rendering with each set of display options to
     * strace's output of a run with the same options.
     */
    @SafeVarargs
    private void compare(String program, String traceSet, List<String> args, List<String>... optionSets)
            throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path binary = LiveRecording.compileResource(program, dir);
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(args);

        Path trace = dir.resolve(program + ".jtr");
        List<String> record = new ArrayList<>(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(),
                "-q", "-e", "trace=" + traceSet, "-w", trace.toString(), "--"));
        record.addAll(command);
        LiveRecording.run(record, 120, dir.resolve("record.log"));
        int[] ports = LiveRecording.ephemeralPorts();
        for (List<String> options : optionSets) {
            Path out = dir.resolve(program + ".strace");
            List<String> strace = new ArrayList<>(List.of("strace", "-e", "trace=" + traceSet, "-o", out.toString()));
            strace.addAll(options);
            strace.addAll(command);
            LiveRecording.run(strace, 120, dir.resolve("strace.log"));
            List<String> analyze = new ArrayList<>(options);
            analyze.addAll(List.of("-r", trace.toString()));
            Run jtrace = Run.of(analyze.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.show());
            String want = normalise(Files.readString(out), ports);
            assertTrue(want.lines().count() > 10, want);
            assertEquals(want, normalise(jtrace.out(), ports), program + " with " + options);
        }
    }

    private static final Pattern PORT = Pattern.compile("htons\\((\\d+)\\)");

    /** What differs between two runs of the same program; and the padding before " = " it changes. */
    private static String normalise(String lines, int[] ports) {
        StringBuilder s = new StringBuilder();
        for (String line : lines.split("\n", -1)) {
            line = line.replaceAll("0x[0-9a-f]{6,}", "0xADDR").replaceAll("\\bpid=[0-9]{2,}", "pid=PID");
            if (line.startsWith("recvmsg(")) {
                line = line.replaceAll("tv_sec=\\d+, tv_(u|n)sec=\\d+", "tv_sec=T, tv_$1sec=T");
            }
            Matcher m = PORT.matcher(line);
            StringBuilder masked = new StringBuilder();
            while (m.find()) {
                int port = Integer.parseInt(m.group(1));
                m.appendReplacement(masked, port >= ports[0] && port <= ports[1] ? "htons(EPHEMERAL)" : "$0");
            }
            m.appendTail(masked);
            s.append(masked.toString().replaceFirst("\\) +=( |$)", ") =$1")).append('\n');
        }
        return s.toString();
    }
}
