package io.jtrace.recorder.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.recorder.trace.CollectingSink.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real ptrace against a real multi-threaded JVM (x86_64 syscall numbers). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(Ptraces.class)
class TracerTest {
    static final int READ = 0;
    static final int WRITE = 1;
    static final TraceOptions WRITES = new TraceOptions(false, SyscallFilter.of(WRITE));

    @TempDir
    Path dir;

    @Test
    void attachSeesEveryThreadsWritesWithFdsAndBytes() throws Exception {
        try (Target target = Target.workload(dir, 3, 5, 5, 7)) {
            CollectingSink sink = new CollectingSink();
            Tracer tracer = Tracer.attach(WRITES, sink, List.of(target.pid));
            assertTrue(sink.tasks.stream().filter(NewTask::attached).count() > 5, "JVM threads found at attach");
            target.go();
            TraceResult result = tracer.await(Duration.ofSeconds(60)).orElseThrow();

            assertEquals(TraceResult.Reason.TRACEES_EXITED, result.reason());
            Set<String> expected = new HashSet<>();
            for (int t = 0; t < 3; t++) {
                for (int n = 0; n < 5; n++) {
                    expected.add("w" + t + ":" + n + "\n");
                }
            }
            Set<String> seen = new HashSet<>();
            for (Call c : sink.calls) {
                if (c.data().matches("w\\d:\\d\n")) {
                    seen.add(c.data());
                    String thread = c.data().substring(1, 2);
                    assertEquals(dir.resolve("out-" + thread).toString(), c.fdTarget(), "fd " + c.fd() + " of " + c.data());
                    assertEquals(c.data().length(), c.ret());
                    assertEquals(target.pid, c.pid());
                }
            }
            assertEquals(expected, seen);
            assertEquals("jtrace-tracer", sink.threadName);
            assertTrue(sink.exits.contains(new CollectingSink.Exited(target.pid, target.pid, new ExitStatus(7, 0, false))),
                sink.exits.toString());
            assertEquals(7, target.exitStatus());
        }
    }

    @Test
    void threadsCreatedAfterAttachAreTraced() throws Exception {
        try (Target target = Target.workload(dir, 2, 2, 1, 0)) {
            CollectingSink sink = new CollectingSink();
            Tracer tracer = Tracer.attach(WRITES, sink, List.of(target.pid));
            Set<Integer> before = new HashSet<>();
            sink.tasks.forEach(t -> before.add(t.tid()));
            target.go();
            tracer.await(Duration.ofSeconds(60)).orElseThrow();

            List<NewTask> created = sink.tasks.stream().filter(t -> !t.attached()).toList();
            assertTrue(created.size() >= 2, created.toString());
            for (NewTask t : created) {
                assertFalse(before.contains(t.tid()));
                assertEquals(target.pid, t.pid());
                assertFalse(t.newProcess());
                assertNotEquals(0, t.parentTid(), t.toString());
                assertNotEquals(0, t.cloneFlags() & 0x10000, "CLONE_THREAD in " + Long.toHexString(t.cloneFlags()));
            }
            Set<Integer> writers = new HashSet<>();
            sink.calls.stream().filter(c -> c.data().startsWith("w")).forEach(c -> writers.add(c.tid()));
            assertEquals(2, writers.size());
            for (int tid : writers) {
                assertFalse(before.contains(tid), "worker " + tid + " was created after attach");
            }
        }
    }

    @Test
    void stopLeavesTheTargetRunningToItsNormalEnd() throws Exception {
        try (Target target = Target.workload(dir, 2, 40, 25, 5)) {
            CollectingSink sink = new CollectingSink();
            Tracer tracer = Tracer.attach(WRITES, sink, List.of(target.pid));
            target.go();
            assertTrue(sink.firstCall.await(30, TimeUnit.SECONDS));
            tracer.stop();
            TraceResult result = tracer.await(Duration.ofSeconds(30)).orElseThrow();

            assertEquals(TraceResult.Reason.STOPPED, result.reason(), String.valueOf(result.failure()));
            assertEquals(0, io.jtrace.recorder.trace.Procfs.tracerPid(target.pid));
            assertTrue(sink.detached.contains(target.pid));
            assertEquals(5, target.exitStatus());
            assertEquals(40, target.lines("out-0").size());
            assertEquals(40, target.lines("out-1").size());
            assertTrue(sink.calls.size() < 80, "tracing ended early: " + sink.calls.size());
            assertTrue(tracer.errors().isEmpty(), tracer.errors().toString());
        }
    }

    @Test
    void targetStoppedWhileTracedStaysStoppedAfterDetach() throws Exception {
        try (Target target = Target.workload(dir, 1, 3, 1, 0)) {
            CollectingSink sink = new CollectingSink();
            Tracer tracer = Tracer.attach(WRITES, sink, List.of(target.pid));
            kill("-STOP", target.pid);
            assertTrue(sink.groupStopped.await(30, TimeUnit.SECONDS), "group-stop seen");
            tracer.stop();
            assertEquals(TraceResult.Reason.STOPPED, tracer.await(Duration.ofSeconds(30)).orElseThrow().reason());

            assertStoppedUntraced(target.pid);
            kill("-CONT", target.pid);
            target.go();
            assertEquals(0, target.exitStatus());
        }
    }

    @Test
    void targetStoppedBeforeAttachStaysStopped() throws Exception {
        try (Target target = Target.workload(dir, 1, 3, 1, 0)) {
            kill("-STOP", target.pid);
            waitForState(target.pid, 'T');
            CollectingSink sink = new CollectingSink();
            Tracer tracer = Tracer.attach(WRITES, sink, List.of(target.pid));
            assertTrue(sink.groupStopped.await(30, TimeUnit.SECONDS), "group-stop seen");
            tracer.stop();
            tracer.await(Duration.ofSeconds(30)).orElseThrow();

            assertStoppedUntraced(target.pid);
            kill("-CONT", target.pid);
            target.go();
            assertEquals(0, target.exitStatus());
        }
    }

    @Test
    void blockedReadIsReportedUnfinishedAtDetachAndCarriesOn() throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", dir.resolve("fifo").toString()).start().waitFor());
        try (Target target = Target.start(dir, "exec cat 0<>\"$DIR/fifo\"")) {
            waitForState(target.pid, 'S');
            CollectingSink sink = new CollectingSink();
            Tracer tracer = Tracer.attach(new TraceOptions(false, SyscallFilter.of(READ)), sink, List.of(target.pid));
            Thread.sleep(300); // let cat re-enter its read after the attach interrupt
            tracer.stop();
            tracer.await(Duration.ofSeconds(30)).orElseThrow();

            assertEquals(1, sink.unfinished.size(), sink.unfinished.toString());
            assertEquals(0, sink.unfinished.get(0).fd());
            assertTrue(sink.calls.isEmpty(), sink.calls.toString());
            assertEquals(0, Procfs.tracerPid(target.pid));
            waitForState(target.pid, 'S');
        }
    }

    @Test
    void attachErrorsAreOneLine() throws Exception {
        AttachException missing = org.junit.jupiter.api.Assertions.assertThrows(AttachException.class,
            () -> Tracer.attach(WRITES, new CollectingSink(), List.of(4_194_304 + 1)));
        assertEquals("no such process: 4194305", missing.getMessage());

        try (Target target = Target.start(dir, "exec sleep 60")) {
            Tracer first = Tracer.attach(WRITES, new CollectingSink(), List.of(target.pid));
            AttachException traced = org.junit.jupiter.api.Assertions.assertThrows(AttachException.class,
                () -> Tracer.attach(WRITES, new CollectingSink(), List.of(target.pid)));
            assertEquals("process " + target.pid + " is already traced by process " + ProcessHandle.current().pid(),
                traced.getMessage());
            first.stop();
            first.await(Duration.ofSeconds(30)).orElseThrow();
        }
    }

    @Test
    void launchReturnsTheExitStatusAndTracesFromTheStart() throws Exception {
        CollectingSink sink = new CollectingSink();
        Tracer tracer = Tracer.launch(WRITES, sink, List.of("sh", "-c", "echo launched > \"$0\"; exit 3", dir.resolve("f").toString()));
        TraceResult result = tracer.await(Duration.ofSeconds(30)).orElseThrow();

        assertEquals(TraceResult.Reason.TRACEES_EXITED, result.reason());
        assertEquals(new ExitStatus(3, 0, false), result.launchedExit().orElseThrow());
        assertTrue(sink.calls.stream().anyMatch(c -> c.data().equals("launched\n")), sink.calls.toString());
        assertTrue(sink.signals.isEmpty(), "the trampoline's SIGCONT is not reported: " + sink.signals);

        Tracer killed = Tracer.launch(WRITES, new CollectingSink(), List.of("sh", "-c", "kill -TERM $$"));
        ExitStatus status = killed.await(Duration.ofSeconds(30)).orElseThrow().launchedExit().orElseThrow();
        assertEquals(15, status.signal());
        assertEquals(143, status.shellStatus());
    }

    @Test
    void launchingAMissingCommandFailsWithItsShellStatus() throws Exception {
        Tracer tracer = Tracer.launch(WRITES, new CollectingSink(), List.of("/nonexistent/command"));
        assertEquals(127, tracer.waitForLaunched().code());
    }

    @Test
    void followForksTracesChildrenAndExecs() throws Exception {
        CollectingSink sink = new CollectingSink();
        String script = "echo parent; sh -c 'echo child' ; exit 4";
        Tracer tracer = Tracer.launch(new TraceOptions(true, SyscallFilter.of(WRITE)), sink, List.of("sh", "-c", script));
        TraceResult result = tracer.await(Duration.ofSeconds(30)).orElseThrow();

        assertEquals(4, result.launchedExit().orElseThrow().code());
        List<NewTask> children = sink.tasks.stream().filter(NewTask::newProcess).filter(t -> t.tid() != tracer.launchedPid()).toList();
        assertEquals(1, children.size(), sink.tasks.toString());
        int child = children.get(0).tid();
        assertEquals(tracer.launchedPid(), children.get(0).parentTid());
        assertTrue(sink.calls.stream().anyMatch(c -> c.tid() == child && c.data().equals("child\n")), sink.calls.toString());
        assertTrue(sink.exits.stream().anyMatch(e -> e.tid() == child && e.status().code() == 0));
    }

    @Test
    void withoutFollowForksChildrenRunUntraced() throws Exception {
        CollectingSink sink = new CollectingSink();
        Tracer tracer = Tracer.launch(WRITES, sink, List.of("sh", "-c", "sh -c 'echo child'; echo parent"));
        tracer.await(Duration.ofSeconds(30)).orElseThrow();

        assertTrue(sink.calls.stream().anyMatch(c -> c.data().equals("parent\n")));
        assertFalse(sink.calls.stream().anyMatch(c -> c.data().equals("child\n")), sink.calls.toString());
    }

    private static void assertStoppedUntraced(int pid) throws Exception {
        waitForState(pid, 'T');
        assertEquals(0, Procfs.tracerPid(pid));
        Thread.sleep(200);
        assertEquals('T', Procfs.state(pid), "still stopped a moment later");
    }

    static void waitForState(int pid, char state) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Procfs.state(pid) != state) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(pid + " state " + Procfs.state(pid) + ", expected " + state);
            }
            Thread.sleep(10);
        }
    }

    static void kill(String signal, int pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", signal, Integer.toString(pid)).start().waitFor());
    }
}
