package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jtrace.format.TraceEvent;
import io.jtrace.format.TraceReader;
import io.jtrace.format.TruncatedTraceException;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Trailer;
import io.jtrace.recorder.trace.Ptraces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jtrace-record end to end: real ptrace on the HTTP workload of testdata/, the recorder as its own process. */
@Timeout(180)
@ExtendWith(Ptraces.class)
class RecordCommandTest {
    @TempDir
    Path dir;

    /** What a trace file holds, read to its end. */
    record Trace(Header header, List<TraceEvent> events, Trailer trailer, IOException error) {
        static Trace read(Path file) throws IOException {
            List<TraceEvent> events = new ArrayList<>();
            try (TraceReader r = TraceReader.open(file)) {
                try {
                    while (r.hasNext()) {
                        events.add(r.next());
                    }
                } catch (TruncatedTraceException e) {
                    return new Trace(r.header(), events, null, e);
                }
                return new Trace(r.header(), events, r.trailer().orElseThrow(), null);
            }
        }

        SocketTally tally() {
            return SocketTally.of(header, events);
        }
    }

    static String[] args(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all.toArray(String[]::new);
    }

    private void assertMatchesWorkload(SocketTally t, Path summary) throws Exception {
        long requests = DetachedWorkload.field(summary, "requests");
        assertEquals(DetachedWorkload.field(summary, "client_sent") + DetachedWorkload.field(summary, "server_sent"), t.sent);
        assertEquals(DetachedWorkload.field(summary, "client_received")
                + DetachedWorkload.field(summary, "server_received"), t.received);
        assertEquals(t.sent, t.sentCaptured, "every byte sent is in the trace");
        assertEquals(t.received, t.receivedCaptured, "every byte received is in the trace");
        assertEquals(requests, t.requestWrites);
        assertEquals(DetachedWorkload.field(summary, "split_requests"), t.bodyOnlyWrites);
        assertEquals(t.bodyOnlyWritesExpected, t.bodyOnlyWrites);
        assertEquals(DetachedWorkload.field(summary, "responses"), t.responseWrites);
    }

    @Test
    void launchModeRecordsEveryByteAndExitsWithTheCommandsStatus() throws Exception {
        Path out = dir.resolve("launch.jtr");
        Path summary = dir.resolve("summary.json");
        RecorderRun r = RecorderRun.run(dir, args(List.of("-w", out.toString(), "--"),
                RecorderRun.workload("--clients", "3", "--requests", "12", "--late-clients", "2",
                        "--summary", summary.toString(), "--exit-code", "3")));
        assertEquals(3, r.exitValue(), r.stderr());
        assertTrue(r.stderr().matches("(?s)jtrace-record: \\d+ syscalls recorded, .* 0 lost, .* written to .*\n"), r.stderr());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Trace t = Trace.read(out);
        assertEquals("tracees exited", t.trailer().getStopReason());
        assertEquals(t.trailer().getSyscalls(), t.tally().syscalls);
        assertMatchesWorkload(t.tally(), summary);
        // 5 client threads, their server threads and the JVM's own: all started after the launch
        assertTrue(t.tally().taskStarts > 10, "task starts: " + t.tally().taskStarts);
    }

    @Test
    void attachModeRecordsUntilTheTargetExitsAndLeavesItsStatusAlone() throws Exception {
        Path out = dir.resolve("attach.jtr");
        Path summary = dir.resolve("summary.json");
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--clients", "2", "--requests", "15",
                "--late-clients", "2", "--interval-ms", "10", "--wait-for-tracer", "60", "--summary",
                summary.toString(), "--exit-code", "5")) {
            RecorderRun r = RecorderRun.run(dir, "-q", "-p", Integer.toString(w.pid), "-w", out.toString());
            assertEquals(0, r.exitValue(), r.stderr());
            assertEquals("", r.stderr(), "-q prints nothing");
            assertEquals(5, w.exitStatus());
            Trace t = Trace.read(out);
            assertEquals("tracees exited", t.trailer().getStopReason());
            assertEquals(w.pid, t.header().getProcesses(0).getPid());
            assertTrue(t.header().getProcesses(0).getThreadsCount() > 5, "threads listed at attach");
            assertMatchesWorkload(t.tally(), summary);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP", "KILL"})
    void aSignalledRecorderLeavesTheTargetRunningToItsNormalEnd(String signal) throws Exception {
        // Under nohup the recorder inherits SIGHUP ignored and rightly keeps it so (PRODUCT.md): it would not stop.
        assumeFalse(signal.equals("HUP") && hangupIgnored(), "SIGHUP is ignored in this test run (nohup?)");
        Path out = dir.resolve("signal.jtr");
        Path summary = dir.resolve("summary.json");
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--clients", "2", "--requests", "60",
                "--interval-ms", "40", "--wait-for-tracer", "60", "--summary", summary.toString())) {
            w.awaitWaitingForTracer();
            RecorderRun r = RecorderRun.start(dir, "-p", Integer.toString(w.pid), "-w", out.toString());
            awaitRecords(out, r);
            w.awaitTraffic(); // it saw the tracer: detached now, it runs to its end rather than waiting for one
            r.signal(signal);
            int status = r.await(60);
            assertEquals(0, w.exitStatus(), "workload ended normally; log: " + w.log());
            assertEquals(60 * 2, DetachedWorkload.field(summary, "responses"));
            Trace t = Trace.read(out);
            assertTrue(t.tally().syscalls > 0);
            if (signal.equals("KILL")) {
                assertEquals(137, status);
                assertInstanceOf(TruncatedTraceException.class, t.error(), "a killed recorder leaves no trailer");
            } else {
                assertEquals(0, status, r.stderr());
                assertEquals("SIG" + signal, t.trailer().getStopReason());
                assertTrue(t.tally().requestWrites < 120, "stopped before the workload's end");
            }
        }
    }

    /** Whether this JVM, and so the recorder it starts, inherited SIGHUP ignored (/proc/self/status SigIgn, bit 0). */
    private static boolean hangupIgnored() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring(7).trim(), 16) & 1) != 0);
    }

    /** Waits until the workload says its early sockets are open; returns the listening port. */
    private static long awaitListening(DetachedWorkload w) throws Exception {
        java.util.regex.Pattern listening = java.util.regex.Pattern.compile("listening on port (\\d+)");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.regex.Matcher m = listening.matcher(w.log());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the workload did not open its sockets; log: " + w.log());
    }

    /**
     * Waits until the recorder has flushed a frame beyond the header. The attach's own records
     * (a task start and name per thread) can make up the count before the workload made a call.
     */
    private static void awaitRecords(Path out, RecorderRun r) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && countRecords(out) > 20) {
                return;
            }
            if (!r.process.isAlive()) {
                throw new AssertionError("recorder ended early: " + r.stderr());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no records appeared in " + out);
    }

    private static int countRecords(Path out) {
        int n = 0;
        try (TraceReader reader = TraceReader.open(out)) {
            while (reader.hasNext()) {
                reader.next();
                n++;
            }
        } catch (IOException e) {
            // still being written: what was read counts
        }
        return n;
    }

    @Test
    void countLimitStopsAfterExactlyThatManySyscalls() throws Exception {
        Path out = dir.resolve("count.jtr");
        // No --wait-for-tracer: 25 syscalls come and go before the workload could notice the tracer.
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--clients", "2", "--requests", "150",
                "--interval-ms", "20")) {
            RecorderRun r = RecorderRun.run(dir, "-q", "-c", "25", "-p", Integer.toString(w.pid), "-w", out.toString());
            assertEquals(0, r.exitValue(), r.stderr());
            Trace t = Trace.read(out);
            assertEquals("count", t.trailer().getStopReason());
            assertEquals(25, t.events().stream().filter(e -> e.record().hasSyscall()
                    && !e.record().getSyscall().getUnfinished()).count());
            assertEquals(0, w.exitStatus());
        }
    }

    @Test
    void durationStopsTheRecording() throws Exception {
        Path out = dir.resolve("duration.jtr");
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--clients", "1", "--requests", "150",
                "--interval-ms", "30", "--wait-for-tracer", "60")) {
            w.awaitWaitingForTracer(); // else 2 s of recording can end before the workload looks for a tracer
            long start = System.nanoTime();
            RecorderRun r = RecorderRun.run(dir, "-q", "--duration", "2", "-p", Integer.toString(w.pid), "-w",
                    out.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, r.exitValue(), r.stderr());
            assertTrue(seconds < 4.5 + 2, "took " + seconds + " s");
            assertEquals("duration", Trace.read(out).trailer().getStopReason());
            assertEquals(0, w.exitStatus());
        }
    }

    @Test
    void rotationKeepsTheNewestFilesEachAWholeTrace() throws Exception {
        Path pattern = dir.resolve("rot-%Y%m%d-%H%M%S.jtr");
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--clients", "1", "--requests", "100",
                "--interval-ms", "40", "--wait-for-tracer", "60")) {
            RecorderRun r = RecorderRun.run(dir, "-q", "-G", "1", "-W", "2", "-p", Integer.toString(w.pid), "-w",
                    pattern.toString());
            assertEquals(0, r.exitValue(), r.stderr());
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(p -> p.getFileName().toString().startsWith("rot-")).sorted().toList();
            }
            assertEquals(2, files.size(), files.toString());
            Trace older = Trace.read(files.get(0));
            Trace newer = Trace.read(files.get(1));
            assertEquals("rotated", older.trailer().getStopReason());
            assertEquals("tracees exited", newer.trailer().getStopReason());
            assertTrue(newer.header().getFileIndex() > older.header().getFileIndex());
            assertTrue(newer.header().getFileIndex() >= 2, "at least three files were written");
            assertEquals(w.pid, newer.header().getProcesses(0).getPid());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "zstd"})
    void sizeRotationSplitsTheRecordingIntoWholeFilesThatTogetherHoldEveryByte(String codec) throws Exception {
        Path out = dir.resolve("size.jtr");
        Path summary = dir.resolve("summary.json");
        // About 1.5 kB per request raw and 0.1 kB in zstd: enough requests for three or more 1 MB files
        String requests = codec.equals("none") ? "1000" : "8000";
        RecorderRun r = RecorderRun.run(dir, args(List.of("-q", "-C", "1", "--codec", codec, "-w", out.toString(),
                "--"), RecorderRun.workload("--clients", "2", "--requests", requests, "--nodelay", "--summary",
                summary.toString())));
        assertEquals(0, r.exitValue(), r.stderr());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // tcpdump's naming: size.jtr, size.jtr1, size.jtr2, ...
            files = s.filter(p -> p.getFileName().toString().startsWith("size.jtr"))
                    .sorted(java.util.Comparator.comparing((Path p) -> p.toString().length()).thenComparing(p -> p)).toList();
        }
        assertTrue(files.size() >= 3, "files: " + files);
        List<Header> headers = new ArrayList<>();
        List<List<TraceEvent>> events = new ArrayList<>();
        long syscalls = 0;
        int listedLater = 0;
        for (int i = 0; i < files.size(); i++) {
            Trace t = Trace.read(files.get(i));
            assertEquals(i, t.header().getFileIndex(), files.get(i).toString());
            assertEquals("jtrace", t.header().getMagic());
            assertEquals(i == files.size() - 1 ? "tracees exited" : "rotated", t.trailer().getStopReason());
            if (i < files.size() - 1) {
                long size = Files.size(files.get(i));
                // -C counts bytes on disk: uncompressed, a file ends within a record past 1 MB; compressed,
                // the open frame's size is estimated from the compression ratio so far
                boolean exact = codec.equals("none");
                assertTrue(size >= (exact ? 1_000_000 : 900_000) && size < 1_100_000, files.get(i) + ": " + size);
            }
            assertEquals(t.trailer().getSyscalls(), t.events().stream().filter(e -> e.record().hasSyscall()).count());
            syscalls += t.trailer().getSyscalls();
            headers.add(t.header());
            events.add(t.events());
            long port = DetachedWorkload.field(summary, "port");
            if (i > 0 && t.header().getProcesses(0).getFdsList().stream().map(io.jtrace.format.proto.Fd::getSocket)
                    .anyMatch(s -> s.getState() == 10 && s.getLocalPort() == port)) {
                listedLater++;
            }
        }
        // each file's header snapshots the fd table anew: later ones name the listening socket (not
        // necessarily all: the JVM's start-up reads can fill a file before the socket exists)
        assertTrue(listedLater > 0, "no later header names the LISTEN socket");
        // one run: every file carries the same random run id (format 1.6), by which a reader groups them
        assertEquals(16, headers.get(0).getRunId().size());
        assertEquals(1, headers.stream().map(Header::getRunId).distinct().count());
        SocketTally all = SocketTally.ofFiles(headers, events);
        assertEquals(syscalls, all.syscalls);
        assertMatchesWorkload(all, summary);
    }

    @Test
    void socketsOpenedBeforeTheAttachAreInTheHeaderWithTheirEndpoints() throws Exception {
        Path out = dir.resolve("early.jtr");
        Path summary = dir.resolve("summary.json");
        try (DetachedWorkload w = DetachedWorkload.start(dir, "--early-sockets", "--clients", "2", "--requests", "10",
                "--wait-for-tracer", "60", "--summary", summary.toString())) {
            long port = awaitListening(w);
            RecorderRun r = RecorderRun.run(dir, "-q", "-p", Integer.toString(w.pid), "-w", out.toString());
            assertEquals(0, r.exitValue(), r.stderr());
            assertEquals(0, w.exitStatus(), w.log());
            assertEquals(port, DetachedWorkload.field(summary, "port"));
            Trace t = Trace.read(out);
            List<io.jtrace.format.proto.Fd> sockets = t.header().getProcesses(0).getFdsList().stream()
                    .filter(fd -> fd.getKind() == io.jtrace.format.proto.Fd.Kind.SOCKET).toList();
            byte[] loopback = {127, 0, 0, 1};
            io.jtrace.format.proto.Socket listening = sockets.stream().map(io.jtrace.format.proto.Fd::getSocket)
                    .filter(s -> s.getLocalPort() == port).filter(s -> s.getState() == 10).findFirst()
                    .orElseThrow(() -> new AssertionError("no LISTEN socket on port " + port + " in " + sockets));
            assertEquals(6, listening.getProtocol(), "TCP");
            assertEquals(1, listening.getType(), "SOCK_STREAM");
            io.jtrace.format.proto.Socket client = sockets.stream().map(io.jtrace.format.proto.Fd::getSocket)
                    .filter(s -> s.getPeerPort() == port).findFirst()
                    .orElseThrow(() -> new AssertionError("no socket connected to port " + port + " in " + sockets));
            assertEquals(1, client.getState(), "ESTABLISHED");
            assertTrue(client.getLocalPort() > 0);
            // the workload's 127.0.0.1 is IPv4 or IPv4-mapped IPv6, as the JDK chose
            for (io.jtrace.format.proto.Socket s : List.of(listening, client)) {
                byte[] local = s.getLocalAddr().toByteArray();
                assertTrue(java.util.Arrays.equals(local, loopback) || java.util.Arrays.equals(
                        java.util.Arrays.copyOfRange(local, 12, 16), loopback), s.toString());
            }
            // client 0's requests travel on that connection: counted because the header named it
            assertMatchesWorkload(t.tally(), summary);
        }
    }

    @Test
    void execByANonLeaderThreadContinuesAsTheLeader() throws Exception {
        Path out = dir.resolve("exec.jtr");
        RecorderRun r = RecorderRun.run(dir, "-q", "-w", out.toString(), "--", RecorderRun.java(), "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), ThreadExec.class.getName(),
                "/bin/sh", "sh", "-c", "echo after exec; exit 7");
        assertEquals(7, r.exitValue(), r.stderr());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("exec from tid (\\d+) of pid (\\d+)")
                .matcher(Files.readString(dir.resolve("recorder.out")));
        assertTrue(m.find(), "the program's output");
        int tid = Integer.parseInt(m.group(1));
        int pid = Integer.parseInt(m.group(2));
        assertTrue(tid != pid, "exec'd from a thread that is not the leader");
        Trace t = Trace.read(out);
        assertEquals("tracees exited", t.trailer().getStopReason());
        io.jtrace.format.proto.Exec exec = t.events().stream().filter(e -> e.record().hasExec())
                .map(e -> e.record().getExec()).reduce((a, b) -> b).orElseThrow();
        assertEquals(pid, exec.getTid(), "the exec'ing thread took the leader's tid");
        assertEquals(pid, exec.getPid());
        assertEquals(tid, exec.getFormerTid());
        assertEquals(List.of("sh", "-c", "echo after exec; exit 7"), exec.getArgvList());
        assertTrue(t.events().stream().anyMatch(e -> e.record().hasTaskStart() && e.record().getTaskStart().getTid() == tid),
                "the thread's start was recorded");
        // the shell runs on as the leader: its write is recorded under the pid, and so is its exit
        assertTrue(t.events().stream().filter(e -> e.record().hasSyscall()).map(e -> e.record().getSyscall())
                .anyMatch(s -> s.getNr() == 1 && s.getTid() == pid && s.getBuffers(0).getData().toStringUtf8()
                        .equals("after exec\n")), "sh's write after the exec");
        assertTrue(t.events().stream().anyMatch(e -> e.record().hasExit() && e.record().getExit().getTid() == pid
                && e.record().getExit().getStatus() == 7), "the leader's exit with status 7");
    }

    @Test
    void standardOutputAndOwnerHandover() throws Exception {
        RecorderRun stdout = RecorderRun.run(dir, "-q", "-w", "-", "--", "sh", "-c", "echo hi >/dev/null; exit 4");
        assertEquals(4, stdout.exitValue(), stdout.stderr());
        Trace t = Trace.read(dir.resolve("recorder.out"));
        assertEquals("tracees exited", t.trailer().getStopReason());
        assertTrue(t.events().stream().anyMatch(e -> e.record().hasSyscall() && e.record().getSyscall().getNr() == 1
                && e.record().getSyscall().getBuffers(0).getData().toStringUtf8().equals("hi\n")), "echo's write");

        Path owned = dir.resolve("owned.jtr");
        RecorderRun z = RecorderRun.run(dir, "-q", "-Z", "nobody", "-w", owned.toString(), "--", "true");
        assertEquals(0, z.exitValue(), z.stderr());
        assertEquals("nobody", Files.getOwner(owned).getName());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(owned)));

        RecorderRun noUser = RecorderRun.run(dir, "-Z", "no-such-user-x", "-w", owned.toString(), "--", "true");
        assertEquals(1, noUser.exitValue());
        assertEquals("jtrace-record: -Z: no such user or group 'no-such-user-x'\n", noUser.stderr());
    }

    /**
     * {@code -w /dev/null} or a named pipe is written through: never made 0600, chowned or
     * removed, even when tracing never starts (a mistake that would break /dev/null for the box).
     */
    @Test
    void aDeviceOrFifoOutputKeepsItsModeOwnerAndExistence() throws Exception {
        Path fifo = dir.resolve("out.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", "-m", "644", fifo.toString()).start().waitFor());
        for (String[] args : List.of(
                new String[] {"-q", "-Z", "nobody", "-C", "1", "-W", "1", "-w", fifo.toString(), "--", "true"},
                new String[] {"-p", "999999999", "-w", fifo.toString()})) {
            var drained = new java.util.concurrent.atomic.AtomicLong(-1);
            Thread drain = new Thread(() -> {
                try {
                    drained.set(Files.readAllBytes(fifo).length);
                } catch (IOException e) {
                    drained.set(-2);
                }
            });
            drain.start();
            RecorderRun r = RecorderRun.run(dir, args);
            drain.join(30_000);
            assertTrue(Files.exists(fifo), "the FIFO is still there after " + List.of(args) + ": " + r.stderr());
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(fifo)));
            assertEquals("root", Files.getOwner(fifo).getName());
            if (args[0].equals("-q")) {
                assertEquals(0, r.exitValue(), r.stderr());
                assertTrue(drained.get() > 0, "the trace went through the FIFO");
            } else {
                assertEquals(1, r.exitValue());
            }
        }
    }

    @Test
    void errorsAreOneLineWithTheRightStatus() throws Exception {
        RecorderRun noProcess = RecorderRun.run(dir, "-p", "999999999", "-w", dir.resolve("x.jtr").toString());
        assertEquals(1, noProcess.exitValue());
        assertEquals("jtrace-record: no such process: 999999999\n", noProcess.stderr());
        assertTrue(Files.notExists(dir.resolve("x.jtr")), "no file left behind");

        RecorderRun badSet = RecorderRun.run(dir, "-e", "trace=frobnicate", "-p", "1", "-w", "x.jtr");
        assertEquals(2, badSet.exitValue());
        assertEquals("jtrace-record: -e: invalid system call 'frobnicate' (see --help)\n", badSet.stderr());

        RecorderRun unwritable = RecorderRun.run(dir, "-w", "/nonexistent/dir/x.jtr", "--", "true");
        assertEquals(1, unwritable.exitValue());
        assertEquals("jtrace-record: cannot write /nonexistent/dir/x.jtr: No such file or directory\n",
                unwritable.stderr());

        RecorderRun both = RecorderRun.run(dir, "-p", "1", "-w", "x.jtr", "--", "true");
        assertEquals(2, both.exitValue());
        assertEquals("jtrace-record: give -p PID or -- CMD, not both (see --help)\n", both.stderr());

        RecorderRun badPid = RecorderRun.run(dir, "-p", "12,abc", "-w", "x.jtr");
        assertEquals(2, badPid.exitValue());
        assertEquals("jtrace-record: -p: invalid process id 'abc' (see --help)\n", badPid.stderr());
    }
}
