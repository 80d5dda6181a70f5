package io.jtrace.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An execve by a thread other than the leader (testdata/workload/thread_execve.c) as strace 6.1
 * prints it under -f, on stderr: the call begun under the thread's pid ends in
 * {@code <pid changed to N ...>}, the leader's pid is "superseded" (not with --quiet=thread-execve)
 * and the call resumes under it. Recorded once, compared with strace's run, pids masked.
 */
class ThreadExecveTest {
    @TempDir
    Path dir;

    @Test
    void linesAreStraces() throws Exception {
        LiveRecording.requireRecorder();
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/strace")), "strace is not installed");
        LiveRecording.require(Files.isExecutable(Path.of("/usr/bin/gcc")), "gcc is not installed");
        Path program = dir.resolve("thread_execve");
        LiveRecording.run(List.of("gcc", "-O1", "-pthread", "-o", program.toString(),
                LiveRecording.ROOT.resolve("testdata/workload/thread_execve.c").toString()), 120, dir.resolve("gcc.log"));
        Path trace = dir.resolve("thread_execve.jtr");
        LiveRecording.run(List.of(LiveRecording.ROOT.resolve("scripts/jtrace-record").toString(), "-q", "-f",
                "-e", "trace=execveat", "-w", trace.toString(), "--", program.toString()), 60, dir.resolve("record.log"));
        for (List<String> options : List.of(List.<String>of(), List.of("--quiet=thread-execve"), List.of("-a", "30"))) {
            String want = masked(strace(program, options));
            assertTrue(want.contains("<pid changed to PID ...>") && want.endsWith("+++ exited with 0 +++\n"), want);
            List<String> args = new ArrayList<>(options);
            args.addAll(List.of("-r", trace.toString()));
            Run jtrace = Run.of(args.toArray(String[]::new));
            assertEquals(0, jtrace.status(), jtrace.err());
            assertEquals(want, masked(jtrace.out()), "with " + options);
        }
    }

    /** strace -f's stderr (the form without -o), without its "strace: Process N attached" lines. */
    private String strace(Path program, List<String> options) throws Exception {
        Path err = dir.resolve("strace.txt");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-e", "trace=execveat"));
        command.addAll(options);
        command.add(program.toString());
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "strace timed out");
        assertEquals(0, p.exitValue(), Files.readString(err));
        return Files.readString(err).lines().filter(l -> !l.startsWith("strace: ")).map(l -> l + "\n")
                .reduce("", String::concat);
    }

    /** The two runs' pids, and the program's path in its temporary directory. */
    private String masked(String lines) {
        return lines.replace(dir.toString(), "DIR").replaceAll("\\[pid +\\d+\\]", "[pid PID]")
                .replaceAll("pid changed to \\d+", "pid changed to PID").replaceAll("in pid \\d+", "in pid PID");
    }
}
