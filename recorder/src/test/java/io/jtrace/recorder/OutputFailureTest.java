package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jtrace.recorder.output.StatusLine;
import io.jtrace.recorder.trace.Procfs;
import io.jtrace.recorder.trace.Ptraces;
import io.jtrace.recorder.trace.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An output that fails (a pipe whose reader went away, a full disk, a file that refuses writes)
 * ends the recording with one line naming the output and exit status 1, whenever it fails, the
 * last records and the trailer included; the tracee is detached and runs on. Real processes,
 * real faults: a closed pipe, a 1 MiB tmpfs filled up, /dev/full, /proc/version.
 */
@Timeout(180)
@ExtendWith(Ptraces.class)
class OutputFailureTest {
    /** How long a recorder may take to end once its output failed (or it was told to stop). */
    private static final int BOUND_SECONDS = 20;

    @TempDir
    Path dir;

    @Test
    void aPipeWhoseReaderExitsWhileTheTraceeIsBusyEndsTheRecording() throws Exception {
        // like `jtrace-record -p PID -w - | head -c 1000`
        try (Target t = Target.start(dir, "exec sh -c 'i=0; while :; do i=$((i+1)); echo $i > \"$1/count\"; done' sh \"$DIR\"")) {
            RecorderRun r = RecorderRun.startPiped(dir, "-p", Integer.toString(t.pid), "-w", "-");
            try (InputStream out = r.process.getInputStream()) {
                assertEquals(1000, out.readNBytes(1000).length, r.stderr());
            }
            assertEquals(1, r.await(BOUND_SECONDS), r.stderr());
            assertEquals("jtrace-record: writing stdout failed: Broken pipe", lastLine(r.stderr()), r.stderr());
            assertRunsOn(t.pid, () -> count(dir.resolve("count")));
        }
    }

    /**
     * {@code jtrace-record -p PID -w - | less} with the pager left open: the reader lives but reads
     * nothing, the pipe fills, the writer blocks in write(2) and the queue fills behind it. SIGTERM
     * must still detach the tracee and end the recorder, with a line saying the output stalled.
     */
    @Test
    void aPipeThatStopsBeingReadDoesNotKeepTheRecorderFromStopping() throws Exception {
        try (Target t = Target.start(dir, "exec sh -c 'i=0; while :; do i=$((i+1)); echo $i > \"$1/count\"; done' sh \"$DIR\"")) {
            RecorderRun r = RecorderRun.startPiped(dir, "-p", Integer.toString(t.pid), "-w", "-");
            InputStream out = r.process.getInputStream(); // never read: the pipe fills up
            // the tracee waits for room in the queue, behind the full pipe: in a ptrace stop for good
            long deadline = System.nanoTime() + 60_000_000_000L;
            int stoppedSamples = 0;
            while (stoppedSamples < 40 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                stoppedSamples = Procfs.state(t.pid) == 't' ? stoppedSamples + 1 : 0;
            }
            assertEquals('t', Procfs.state(t.pid), "the tracee waits for the stuck recorder");
            r.signal("TERM");
            assertEquals(1, r.await(BOUND_SECONDS), r.stderr());
            assertTrue(lastLine(r.stderr()).startsWith("jtrace-record: writing stdout stalled: "), r.stderr());
            assertRunsOn(t.pid, () -> count(dir.resolve("count")));
            out.close();
        }
    }

    @Test
    void aPipeWhoseReaderExitsWhileTheTraceeIsIdleFailsAtTheEndAndStillEnds() throws Exception {
        // The reader takes everything, then goes away while nothing is recorded: the first write to
        // fail is the last one (the trailer, after SIGTERM). It used to wait forever for an end marker.
        Path fifo = mkfifo("in.fifo");
        try (Target t = Target.start(dir, "exec sh -c 'while read l; do echo \"$l\" >> \"$1/got\"; done' sh \"$DIR\" 0<>\"$DIR/in.fifo\"")) {
            RecorderRun r = RecorderRun.startPiped(dir, "-p", Integer.toString(t.pid), "-w", "-");
            long read = 0;
            try (InputStream out = r.process.getInputStream()) {
                // never blocked in read(2) when closing: a blocked read would keep the pipe open
                byte[] buf = new byte[8192];
                // until the header has come and a second more (a loaded machine starts the JVM slowly)
                long deadline = System.nanoTime() + 60_000_000_000L;
                for (long end = deadline; System.nanoTime() < end && System.nanoTime() < deadline; ) {
                    int n = out.available();
                    if (n > 0 && read == 0) {
                        end = System.nanoTime() + 1_000_000_000L;
                    }
                    if (n > 0) {
                        read += out.read(buf, 0, Math.min(n, buf.length));
                    } else {
                        Thread.sleep(20);
                    }
                }
            }
            assertTrue(read > 0, "nothing came through the pipe: " + r.stderr());
            Thread.sleep(1500);
            assertTrue(r.process.isAlive(), "nothing was written since the reader left: " + r.stderr());
            r.signal("TERM");
            assertEquals(1, r.await(BOUND_SECONDS), r.stderr());
            assertEquals("jtrace-record: writing stdout failed: Broken pipe", lastLine(r.stderr()), r.stderr());
            assertRunsOn(t.pid, null);
            Files.writeString(fifo, "still there\n");
            awaitContent(dir.resolve("got"), "still there\n");
        }
    }

    @Test
    void aDiskThatFillsUpBeforeTheLastRecordsEndsTheRecording() throws Exception {
        // dd writes 200 kB into a FIFO nobody reads and blocks; with -s 0 its unfinished write,
        // recorded at the detach, holds those 200 kB: the disk is filled after the file has what
        // came before, so the failure comes with the last records (or the trailer, or the close).
        Path rand = dir.resolve("rand");
        try (var in = Files.newInputStream(Path.of("/dev/urandom"))) {
            Files.write(rand, in.readNBytes(200_000));
        }
        Path fifo = mkfifo("blocked.fifo");
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("mnt"));
             Target t = Target.start(dir, "exec sh -c 'while [ ! -e \"$1/go\" ]; do sleep 0.05; done; "
                     + "exec dd if=\"$1/rand\" bs=200000 count=1 1<>\"$1/blocked.fifo\"' sh \"$DIR\"")) {
            Path out = disk.dir.resolve("out.jtr");
            RecorderRun r = RecorderRun.start(dir, "-s", "0", "-p", Integer.toString(t.pid), "-w", out.toString());
            awaitSize(out, 1, r); // the header: attached
            Files.writeString(dir.resolve("go"), "");
            awaitSize(out, 200_000, r); // dd's read of 200 kB is in the file
            Thread.sleep(1500);
            disk.fill();
            r.signal("TERM");
            assertEquals(1, r.await(BOUND_SECONDS), r.stderr());
            assertEquals("jtrace-record: writing " + out + " failed: No space left on device", lastLine(r.stderr()),
                    r.stderr());
            assertWrittenIs(Files.size(out), r.stderr());
            assertRunsOn(t.pid, null);
            try (InputStream drain = Files.newInputStream(fifo)) {
                assertEquals(200_000, drain.readAllBytes().length);
            }
            assertEquals(0, t.exitStatus(), "dd wrote on and ended: " + t.log());
        }
    }

    @Test
    void anOutputThatRefusesWritesIsReportedBeforeTheCommandStarts() throws Exception {
        Path ran = dir.resolve("ran");
        String[] command = {"--", "sh", "-c", "touch '" + ran + "'"};
        for (String[] output : List.of(new String[] {"/proc/version", "Input/output error"},
                new String[] {"/dev/full", "No space left on device"})) {
            RecorderRun r = RecorderRun.run(dir, RecordCommandTest.args(List.of("-w", output[0]), List.of(command)));
            assertEquals(1, r.exitValue(), r.stderr());
            assertEquals("jtrace-record: writing " + output[0] + " failed: " + output[1] + "\n", r.stderr());
            assertFalse(Files.exists(ran), "the command ran although " + output[0] + " took no trace");
        }
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("mnt"))) {
            disk.fill();
            Path out = disk.dir.resolve("full.jtr");
            RecorderRun r = RecorderRun.run(dir, RecordCommandTest.args(List.of("-w", out.toString()), List.of(command)));
            assertEquals(1, r.exitValue(), r.stderr());
            assertEquals("jtrace-record: writing " + out + " failed: No space left on device\n", r.stderr());
            assertFalse(Files.exists(ran), "the command ran on a full disk");
            assertFalse(Files.exists(out), "an empty file left behind");
        }
    }

    @Test
    void aLaunchedCommandRunsOnAfterAnOutputFailureAndItsStatusIsTold() throws Exception {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("mnt"))) {
            Path out = disk.dir.resolve("launch.jtr");
            Path done = dir.resolve("done");
            RecorderRun r = RecorderRun.run(dir, "-f", "-s", "0", "-w", out.toString(), "--", "sh", "-c",
                    "head -c 3000000 /dev/urandom >/dev/null; sleep 1; touch '" + done + "'; exit 3");
            assertEquals(1, r.exitValue(), r.stderr());
            assertTrue(Files.exists(done), "the command ran to its end: " + r.stderr());
            List<String> lines = r.stderr().lines().toList();
            assertEquals(List.of("jtrace-record: writing " + out + " failed: No space left on device; sh runs on"
                    + " untraced, waiting for it to exit", "jtrace-record: sh exited with status 3"),
                    lines.subList(lines.size() - 2, lines.size()), r.stderr());
            // the final line counts what reached the file, not 0 B
            assertWrittenIs(Files.size(out), r.stderr());
            assertTrue(Files.size(out) > 900_000, "the disk was filled: " + Files.size(out));
        }
    }

    private interface Progress {
        long value() throws Exception;
    }

    /** The number the busy tracee rewrites in {@code file} (read again when caught between truncate and write). */
    /** The counter the tracee rewrites; -1 while it is caught between truncating and writing it. */
    private static long count(Path file) throws Exception {
        for (int i = 0; i < 100; i++) {
            String text = Files.readString(file).trim();
            if (!text.isEmpty()) {
                return Long.parseLong(text);
            }
            Thread.sleep(1);
        }
        return -1;
    }

    /** The process is detached, not stopped, and (when {@code progress} is given) still advancing. */
    private static void assertRunsOn(int pid, Progress progress) throws Exception {
        String status = Files.readString(Path.of("/proc", Integer.toString(pid), "status"));
        Matcher state = Pattern.compile("State:\\s+(\\S)").matcher(status);
        assertTrue(state.find(), status);
        assertFalse(state.group(1).equalsIgnoreCase("t"), "tracee left stopped: " + status);
        assertTrue(status.contains("TracerPid:\t0\n"), "tracee still traced: " + status);
        if (progress != null) {
            // within seconds, not 500 ms: a loaded disk keeps the tracee's writes in D state for a while
            long before = progress.value();
            long deadline = System.nanoTime() + 10_000_000_000L;
            long now = before;
            while ((now = progress.value()) <= before && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(now > before, "the tracee made no progress after the recorder ended: " + before + ", " + now);
        }
    }

    /** The final status line tells the bytes that reached the output. */
    private static void assertWrittenIs(long bytes, String stderr) {
        Matcher m = Pattern.compile(", (\\S+ k?M?B) written to ").matcher(stderr);
        assertTrue(m.find(), stderr);
        assertEquals(StatusLine.size(bytes), m.group(1), stderr);
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private Path mkfifo(String name) throws Exception {
        Path fifo = dir.resolve(name);
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor());
        return fifo;
    }

    private static void awaitSize(Path file, long size, RecorderRun r) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(file) || Files.size(file) < size) {
            if (!r.process.isAlive() || System.nanoTime() > deadline) {
                fail(file + " did not reach " + size + " bytes; recorder: " + r.stderr());
            }
            Thread.sleep(50);
        }
    }

    private static void awaitContent(Path file, String content) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(file) || !Files.readString(file).equals(content)) {
            if (System.nanoTime() > deadline) {
                fail(file + " never held " + content);
            }
            Thread.sleep(50);
        }
    }

    /** A 1 MiB tmpfs: a disk that fills up for real. Root only; under CI=true its absence fails. */
    static final class Tmpfs implements AutoCloseable {
        final Path dir;

        private Tmpfs(Path dir) {
            this.dir = dir;
        }

        static Tmpfs mount(Path dir) throws Exception {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                if ("true".equals(System.getenv("CI"))) {
                    fail("cannot mount a tmpfs under CI=true: " + out);
                }
                assumeTrue(false, "cannot mount a tmpfs: " + out);
            }
            return new Tmpfs(dir);
        }

        /** Writes until the disk is full. */
        void fill() throws IOException {
            try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
                byte[] block = new byte[4096];
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                    out.flush();
                }
                fail("a 1 MiB tmpfs took 4 MiB");
            } catch (IOException full) {
                assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
            }
        }

        @Override
        public void close() throws Exception {
            new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor();
        }
    }
}
