package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jtrace.recorder.trace.Procfs;
import io.jtrace.recorder.trace.Ptraces;
import io.jtrace.recorder.trace.Target;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signals reach the recorder as they do in real life: Ctrl-C at a terminal to the whole foreground
 * process group, {@code timeout(1)} to its group, a script's background job that starts with SIGINT
 * ignored. Each time the tracee is idle or stopped, so only the signal can end the recording, and
 * the test checks that the recorder ended while the tracee still ran, untouched.
 */
@Timeout(120)
@ExtendWith(Ptraces.class)
class StopSignalTest {
    @TempDir
    Path dir;

    /** The recorder as a shell command line. */
    static String recorder(String... args) {
        String cp = System.getProperty("java.class.path");
        return "'" + RecorderRun.java() + "' -XX:TieredStopAtLevel=1 -cp '" + cp + "' " + RecordCommand.class.getName()
                + " " + List.of(args).stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
    }

    @Test
    void ctrlCAtATerminalStopsTheRecording() throws Exception {
        requireTool("script");
        try (Target idle = Target.start(dir, "exec sleep 300")) {
            Path out = dir.resolve("tty.jtr");
            // script(1) runs the recorder on a new terminal; a ^C typed into that terminal is
            // turned into SIGINT for its whole foreground process group by the line discipline.
            Process script = new ProcessBuilder("script", "-qec", recorder("-p", Integer.toString(idle.pid), "-w",
                    out.toString()), "/dev/null").redirectErrorStream(true).redirectOutput(dir.resolve("tty").toFile())
                    .start();
            awaitText(dir.resolve("tty"), "attached", script);
            OutputStream keyboard = script.getOutputStream();
            keyboard.write(3);
            keyboard.flush();
            assertTrue(script.waitFor(30, TimeUnit.SECONDS), "recorder still running after ^C: "
                    + Files.readString(dir.resolve("tty")));
            assertEquals("SIGINT", RecordCommandTest.Trace.read(out).trailer().getStopReason());
            assertRunsUntraced(idle.pid, 'S');
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP"})
    void timeoutSignalsTheRecordersGroup(String signal) throws Exception {
        requireTool("timeout");
        try (Target idle = Target.start(dir, "exec sleep 300")) {
            Path out = dir.resolve("timeout.jtr");
            // perl first resets what this JVM may have inherited as ignored (tests run under nohup
            // ignore SIGHUP, and the recorder rightly keeps an inherited SIG_IGN for SIGHUP)
            Process p = new ProcessBuilder("sh", "-c", "exec perl -e '$SIG{$_} = \"DEFAULT\" for qw(HUP INT TERM);"
                    + " exec @ARGV' timeout -s " + signal + " 3 " + recorder("-p", Integer.toString(idle.pid), "-w",
                    out.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timeout and the recorder did not end: "
                    + Files.readString(dir.resolve("log")));
            assertEquals(124, p.exitValue(), "timeout(1) timed the recorder out; " + Files.readString(dir.resolve("log")));
            assertEquals("SIG" + signal, RecordCommandTest.Trace.read(out).trailer().getStopReason());
            assertRunsUntraced(idle.pid, 'S');
        }
    }

    /**
     * {@code jtrace-record -p PID -w F &} in a script: the shell starts the job with SIGINT ignored.
     * SIGINT must stop it anyway, sent to it alone ({@code kill -INT $!}) or to the script's whole
     * group, and a stopped (SIGSTOP) tracee must stay stopped.
     */
    @ParameterizedTest
    @CsvSource({"job, running", "job, stopped", "group, running", "group, stopped"})
    void aScriptsBackgroundJobStopsOnSigint(String to, String tracee) throws Exception {
        try (Target target = Target.start(dir, "exec sleep 300")) {
            if (tracee.equals("stopped")) {
                kill("-STOP", target.pid);
                awaitState(target.pid, 'T');
            }
            Path out = dir.resolve("bg.jtr");
            String job = recorder("-p", Integer.toString(target.pid), "-w", out.toString());
            // setsid: the script leads a process group of its own, as a script run from cron does.
            // A sibling job shows what the shell gave its background jobs: SIGINT ignored.
            Process script = new ProcessBuilder("setsid", "sh", "-c", "sleep 60 & echo $! > \"$0/sibling\"; " + job
                    + " 2>\"$0/err\" & echo $! > \"$0/job\"; wait $!", dir.toString()).start();
            awaitText(dir.resolve("err"), "attached", script);
            int recorderPid = Integer.parseInt(Files.readString(dir.resolve("job")).trim());
            int sibling = Integer.parseInt(Files.readString(dir.resolve("sibling")).trim());
            assertTrue(ignoresSigint(sibling), "the shell starts background jobs with SIGINT ignored");
            kill("-KILL", sibling);
            kill("-INT", to.equals("job") ? recorderPid : -script.pid());
            awaitGone(recorderPid, Files.readString(dir.resolve("err")));
            assertEquals("SIGINT", RecordCommandTest.Trace.read(out).trailer().getStopReason());
            assertRunsUntraced(target.pid, tracee.equals("stopped") ? 'T' : 'S');
            script.destroy();
        }
    }

    /** The recorder traces the very shell that waits for it, and timeout(1) ends both. */
    @Test
    void recordingItsOwnParentShellUnderTimeout() throws Exception {
        requireTool("timeout");
        Path out = dir.resolve("parent.jtr");
        Process p = new ProcessBuilder("sh", "-c", "exec timeout 3 sh -c \"" + recorder("-p", "$$", "-w", out.toString())
                .replace("'$$'", "$$").replace("\"", "\\\"") + "; echo recorder ended\"")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "deadlock: " + Files.readString(dir.resolve("log")));
        assertEquals(124, p.exitValue(), Files.readString(dir.resolve("log")));
        // timeout(1) returns once its child, the shell, died; the recorder then finishes its file
        awaitText(dir.resolve("log"), "written to", null);
        // the shell dies of the same SIGTERM: whichever the recorder learns of first ends it
        String reason = RecordCommandTest.Trace.read(out).trailer().getStopReason();
        assertTrue(reason.equals("SIGTERM") || reason.equals("tracees exited"), reason);
    }

    /** As strace does: a shell, make or CI sees the same death as without the recorder, not an exit code. */
    @ParameterizedTest
    @CsvSource({"TERM, 15", "SEGV, 11", "KILL, 9"})
    void aCommandKilledByASignalKillsTheRecorderByIt(String signal, int number) throws Exception {
        requireTool("perl");
        // perl's system() returns the raw wait status: the signal in the low 7 bits, the exit code above.
        List<String> cmd = new java.util.ArrayList<>(List.of("perl", "-e", "system(@ARGV); print(($? & 127) . ' ' . ($? >> 8))",
                RecorderRun.java(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RecordCommand.class.getName(), "-q", "-w", dir.resolve("killed.jtr").toString(), "--", "sh", "-c",
                "kill -" + signal + " $$"));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err").toFile()).start();
        String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, p.waitFor());
        assertEquals(number + " 0", status, "died by SIG" + signal + "; " + Files.readString(dir.resolve("err")));
        assertEquals("tracees exited", RecordCommandTest.Trace.read(dir.resolve("killed.jtr")).trailer().getStopReason());
    }

    private static boolean ignoresSigint(int pid) throws Exception {
        String ignored = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("SigIgn:")).findFirst().orElseThrow().substring(7).trim();
        return (Long.parseLong(ignored, 16) & (1L << (2 - 1))) != 0;
    }

    static void assertRunsUntraced(int pid, char state) throws Exception {
        awaitState(pid, state);
        assertEquals(0, Procfs.tracerPid(pid), "detached");
    }

    static void awaitState(int pid, char state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Procfs.state(pid) != state) {
            if (System.nanoTime() > deadline) {
                fail("process " + pid + " is in state " + Procfs.state(pid) + ", expected " + state);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitGone(int pid, String log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(Path.of("/proc/" + pid)) && Procfs.state(pid) != 'Z') {
            if (System.nanoTime() > deadline) {
                fail("recorder " + pid + " still running 30 s after SIGINT; stderr: " + log);
            }
            Thread.sleep(20);
        }
    }

    static void awaitText(Path file, String text, Process owner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!contains(file, text)) {
            boolean ownerGone = owner != null && !owner.isAlive();
            if (System.nanoTime() > deadline || ownerGone && !contains(file, text)) {
                fail("no '" + text + "' in " + file + ": " + (Files.exists(file) ? Files.readString(file) : "(none)"));
            }
            Thread.sleep(20);
        }
    }

    private static boolean contains(Path file, String text) throws Exception {
        return Files.exists(file) && Files.readString(file, StandardCharsets.ISO_8859_1).contains(text);
    }

    static void kill(String signal, long pid) throws Exception {
        new ProcessBuilder("kill", signal, "--", Long.toString(pid)).inheritIO().start().waitFor();
    }

    static void requireTool(String name) throws Exception {
        if (new ProcessBuilder("sh", "-c", "command -v " + name).start().waitFor() != 0) {
            if ("true".equals(System.getenv("CI"))) {
                fail(name + " is needed under CI=true");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, name + " not installed");
        }
    }
}
