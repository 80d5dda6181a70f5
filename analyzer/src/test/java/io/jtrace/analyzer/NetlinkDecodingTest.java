package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netlink messages checked against strace itself: testdata/workload/netlink_calls.c sends real
 * sock_diag requests over sendto and sendmsg and receives the kernel's answers (a unix socket's
 * unix_diag_msg with attributes, NLMSG_DONE, NLMSG_ERROR echoing the request) over recvfrom and
 * recvmsg, then a request on an unbound route socket (which strace cannot name the protocol of).
 * It is recorded once and run under strace with each set of options; the lines must be strace's,
 * with what changes from run to run masked: numbers of four digits and more (pids, inodes) and
 * the kernel's socket cookies.
 */
class NetlinkDecodingTest {
    private static final String SHOWN = "sendto,recvfrom,sendmsg,recvmsg,getsockname";

    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC("netlink_calls", dir, dir.resolve("gcc.log"));
        Path trace = dir.resolve("netlink.jtr");
        // socket and bind tell the analyzer each socket's netlink protocol, as strace asks the socket
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q",
                "-e", "trace=" + SHOWN + ",socket,bind", "-w", trace.toString(), "--", program.toString()), 60,
                dir.resolve("record.log"));

        for (List<String> options : List.of(List.<String>of(), List.of("-s", "5"), List.of("-yy"))) {
            Path out = dir.resolve("strace.txt");
            List<String> strace = new ArrayList<>(List.of("strace", "-e", "trace=" + SHOWN, "-o", out.toString()));
            strace.addAll(options);
            strace.add(program.toString());
            LiveRecording.run(strace, 60, dir.resolve("strace.log"));
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-e", "trace=" + SHOWN, "-r", trace.toString()));
            Run jtrace = Run.of(args.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.err());
            List<String> want = masked(Files.readString(out));
            assertTrue(want.size() == 9 && want.get(want.size() - 1).equals("+++ exited with 0 +++"),
                    "strace's run: " + want);
            assertEquals(String.join("\n", want), String.join("\n", masked(jtrace.out())), "with " + options);
        }
    }

    private static List<String> masked(String lines) {
        return lines.lines()
                .map(l -> l.replaceAll("cookie=\\[\\d+, \\d+\\]", "cookie=[C]").replaceAll("\\d{4,}", "N")
                        .replaceAll(" +=( |$)", " =$1"))
                .toList();
    }
}
