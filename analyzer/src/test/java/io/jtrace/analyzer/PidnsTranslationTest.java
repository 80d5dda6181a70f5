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
 * --pidns-translation against strace's: testdata/workload/pidns_calls.c passes pids from a new pid
 * namespace (fcntl's owners, SO_PEERCRED, nl_pid, nlmsg_pid); recorded with jtrace-record -f and
 * run under strace -f --pidns-translation, the lines from its marker on must be strace's. The pids
 * differ between the runs: each line's task is masked, and the number in "N in strace's PID NS"
 * must be that line's task (the workload passes its own ids).
 */
class PidnsTranslationTest {
    private static final String CALLS = "write,fcntl,getsockopt,connect,sendto";
    private static final Pattern STRACE_PREFIX = Pattern.compile("^(\\d+) +(.*)$");
    private static final Pattern JTRACE_PREFIX = Pattern.compile("^\\[pid +(\\d+)\\] (.*)$");
    private static final Pattern OURS = Pattern.compile("(-?\\d+) /\\* (\\d+) in strace's PID NS \\*/");

    @TempDir
    Path dir;

    @Test
    void translatedPidsAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        Path program = LiveRecording.compileC("pidns_calls", dir, dir.resolve("gcc.log"));
        Path out = dir.resolve("strace.txt");
        // as strace's own tests (test_pidns): a user and a pid namespace must be possible here
        Process probe = new ProcessBuilder("unshare", "-Urpf", "true").redirectErrorStream(true)
                .redirectOutput(dir.resolve("unshare.log").toFile()).start();
        LiveRecording.require(probe.waitFor() == 0, "cannot unshare a user and a pid namespace (unshare -Urpf true)");
        LiveRecording.run(List.of("strace", "-f", "--pidns-translation", "-e", "trace=" + CALLS, "-o",
                out.toString(), program.toString()), 60, dir.resolve("strace.log"));
        Path trace = dir.resolve("pidns.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f",
                "-e", "trace=" + CALLS + ",socket", "-w", trace.toString(), "--", program.toString()), 60,
                dir.resolve("record.log"));

        List<String> want = masked(Files.readString(out), STRACE_PREFIX);
        assertTrue(want.size() >= 10 && want.stream().filter(l -> l.contains("SELF in strace's PID NS")).count() >= 9,
                "strace's run: " + want);
        Run jtrace = Run.of("--pidns-translation", "-e", "trace=" + CALLS, "-r", trace.toString());
        assertEquals(0, jtrace.status(), jtrace.err());
        assertEquals(String.join("\n", want), String.join("\n", masked(jtrace.out(), JTRACE_PREFIX)));

        // the ids the recorder told: the task's own namespace ends each list
        Run json = Run.of("--json", "-r", trace.toString());
        assertTrue(json.out().matches("(?s).*\\{\"type\":\"task_pids\"[^\n]*\"tids\":\\[[0-9]+, 2\\].*"), json.out());

        // without the option, the numbers of the tracee's namespace alone, as strace prints them
        Run plain = Run.of("-e", "trace=" + CALLS, "-r", trace.toString());
        assertTrue(plain.out().matches("(?s).*fcntl\\(0, F_SETOWN, 2\\) += 0\n.*") && !plain.out().contains("PID NS"),
                plain.out());
    }

    /**
     * The syscall lines from the marker on, without their task prefix and padding; a translated
     * number that is the line's own task reads SELF, another one OTHER.
     */
    private static List<String> masked(String text, Pattern prefix) {
        List<String> lines = new ArrayList<>();
        boolean marked = false;
        for (String line : text.lines().toList()) {
            Matcher m = prefix.matcher(line);
            String task = m.matches() ? m.group(1) : "";
            String rest = m.matches() ? m.group(2) : line;
            marked |= rest.startsWith("write(-1, \"marker\"");
            if (!marked || rest.startsWith("---") || rest.startsWith("+++")) {
                continue;
            }
            Matcher n = OURS.matcher(rest);
            StringBuilder b = new StringBuilder();
            while (n.find()) {
                n.appendReplacement(b, n.group(1) + " /* " + (n.group(2).equals(task) ? "SELF" : "OTHER")
                        + " in strace's PID NS */");
            }
            n.appendTail(b);
            lines.add(b.toString().replaceAll(" +=( |$)", " =$1"));
        }
        return lines;
    }
}
