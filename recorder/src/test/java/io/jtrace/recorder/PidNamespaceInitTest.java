package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jtrace.recorder.trace.Ptraces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * jtrace-record started as pid 1 of a new pid namespace ({@code unshare -pf --mount-proc}, as container
 * tooling and strace's own suite run it): the namespace's orphans become its children, and its exit kills
 * everything left in the namespace. Like strace there, it reaps them while recording and waits for the
 * last before it exits; a Ctrl-C ends that wait.
 */
@Timeout(120)
@ExtendWith(Ptraces.class)
class PidNamespaceInitTest {
    @TempDir
    Path dir;

    private Process recorder(String script, String... options) throws Exception {
        StopSignalTest.requireTool("unshare");
        StopSignalTest.requireTool("setsid");
        Path err = dir.resolve("recorder.err");
        String cmd = "exec setsid unshare -pf --mount-proc " + StopSignalTest.recorder(options) + " -w '"
                + dir.resolve("t.jtr") + "' -- sh -c '" + script.replace("'", "'\\''") + "'";
        return new ProcessBuilder("sh", "-c", cmd).redirectError(err.toFile())
                .redirectOutput(dir.resolve("recorder.out").toFile()).start();
    }

    private String stderr() throws Exception {
        return Files.readString(dir.resolve("recorder.err"), StandardCharsets.UTF_8);
    }

    @Test
    void whatTheCommandLeftRunningIsWaitedForNotKilled() throws Exception {
        Path done = dir.resolve("grandchild-done");
        // the command's child forks a grandchild and exits: the grandchild, untraced (no -f), is an orphan
        Process p = recorder("sh -c \"(sleep 2; echo done > " + done + ") &\"; exit 3", "-q");
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the recorder did not end: " + stderr());
        }
        assertEquals(3, p.exitValue(), stderr());
        assertTrue(Files.exists(done), "the orphan was killed by the recorder's exit: " + stderr());
    }

    @Test
    void orphansThatDieAreReapedWhileRecording() throws Exception {
        Path zombies = dir.resolve("zombies");
        // an orphan dies while the traced shell still runs; the shell then counts zombies in its namespace
        Process p = recorder("sh -c \"sleep 0.2 &\"; sleep 1.5; cat /proc/[0-9]*/stat | awk '$3 == \"Z\"' | wc -l > "
                + zombies, "-q");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), stderr());
        assertEquals(0, p.exitValue(), stderr());
        assertEquals("0", Files.readString(zombies).trim(), "zombies left unreaped: " + stderr());
    }

    @Test
    void ctrlCEndsTheWaitForWhatIsLeft() throws Exception {
        Process p = recorder("sleep 100 & exit 5");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!stderr().contains("waiting for the processes")) {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "no wait announced: " + stderr());
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the recorder ended while the sleep still ran: " + stderr());
        // Ctrl-C: the terminal signals the whole foreground group (setsid made unshare its leader); the
        // recorder, unshare's child, is in it, the sleep in the namespace too
        StopSignalTest.kill("-INT", -p.pid());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "Ctrl-C did not end the recorder: " + stderr());
        assertEquals(5, p.exitValue(), stderr());
    }
}
