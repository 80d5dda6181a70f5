package io.jtrace.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jtrace.format.TraceEvent;
import io.jtrace.recorder.trace.Ptraces;
import io.jtrace.recorder.trace.Target;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attaching to processes that create and end threads all the time, and targets that cannot be
 * traced at all: what a user meets with busy JVMs and a mistyped pid.
 */
@Timeout(240)
@ExtendWith(Ptraces.class)
class AttachRaceTest {
    @TempDir
    Path dir;

    /** Threads created by threads seized a moment earlier are already ours, not another tracer's. */
    @Test
    void attachingToAJvmCreatingThreadsSucceedsEveryTime() throws Exception {
        String java = RecorderRun.java();
        try (Target storm = Target.start(dir, "exec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + ThreadStorm.class.getName() + " \"$DIR\" 250 120")) {
            awaitFile(dir.resolve("ready"), storm);
            for (int i = 0; i < 10; i++) {
                Path out = dir.resolve("storm-" + i + ".jtr");
                RecorderRun r = RecorderRun.run(dir, "-q", "-p", Integer.toString(storm.pid), "--duration", "1",
                        "-w", out.toString());
                assertEquals(0, r.exitValue(), "attempt " + i + ": " + r.stderr());
                RecordCommandTest.Trace t = RecordCommandTest.Trace.read(out);
                assertEquals("duration", t.trailer().getStopReason());
                assertTrue(newThreads(t) > 50, "threads born while recording are followed: " + newThreads(t));
            }
        }
    }

    /**
     * A C program creates and joins 3,000 threads, 64 at a time, after the attach: the recording
     * ends when it exits, with each thread started once.
     */
    @Test
    void aThreadChurningProgramEndsTheRecordingWhenItExits() throws Exception {
        Path churn = compile("thread_churn");
        for (int i = 0; i < 4; i++) {
            Path run = Files.createDirectories(dir.resolve("run-" + i));
            try (Target target = Target.start(run, "exec '" + churn + "' 3000 64")) {
                Path out = run.resolve("churn.jtr");
                RecorderRun r = RecorderRun.start(run, "-q", "-p", Integer.toString(target.pid), "-w", out.toString());
                r.await(90);
                assertEquals(0, r.exitValue(), r.stderr());
                assertEquals(0, target.exitStatus(), target.log());
                RecordCommandTest.Trace t = RecordCommandTest.Trace.read(out);
                assertEquals("tracees exited", t.trailer().getStopReason());
                assertEquals(3000, newThreads(t), "every thread created once");
            }
        }
    }

    @Test
    void targetsThatCannotBeTracedAreNamedForWhatTheyAre() throws Exception {
        assertEquals("jtrace-record: " + ProcessHandle.current().pid() + " is jtrace-record itself",
                recordInProcess(ProcessHandle.current().pid()));
        // kthreadd is pid 2 where the test sees the kernel's threads; a pid namespace (a container) sees none
        long kthread = kernelThread();
        if (kthread > 0) {
            assertEquals("jtrace-record: " + kthread + " is a kernel thread: it runs no user code and cannot be traced",
                    recordInProcess(kthread));
        }
        try (Target parent = Target.start(dir, "sh -c 'sleep 0.3 & echo $! > " + dir.resolve("zombie") + "; exec sleep 60'")) {
            awaitFile(dir.resolve("zombie"), parent);
            int zombie = Integer.parseInt(Files.readString(dir.resolve("zombie")).trim());
            StopSignalTest.awaitState(zombie, 'Z');
            assertEquals("jtrace-record: process " + zombie + " has exited (a zombie not yet reaped by its parent "
                    + parent.pid + "): nothing left to trace", recordInProcess(zombie));
        }
    }

    /** A kernel thread this process can see (PF_KTHREAD in /proc/PID/stat's flags), pid 2 first; 0 when none is. */
    private static long kernelThread() throws Exception {
        try (var pids = Files.list(Path.of("/proc"))) {
            for (long pid : pids.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+"))
                    .mapToLong(Long::parseLong).sorted().toArray()) {
                String stat;
                try {
                    stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                } catch (java.io.IOException gone) {
                    continue;
                }
                // the fields after the command's closing parenthesis: state ppid pgrp session tty tpgid flags
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if ((Long.parseLong(f[6]) & 0x00200000L) != 0) {
                    return pid;
                }
            }
        }
        return 0;
    }

    /** Runs the recorder in this JVM with -p {@code pid}; expects exit status 1 and returns stderr. */
    private String recordInProcess(long pid) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, RecordCommand.execute("-q", "-p", Long.toString(pid), "-w", dir.resolve("x.jtr").toString()));
        } finally {
            System.setErr(saved);
        }
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    /** TaskStart records of threads created while recording; fails on a tid started twice without an Exit between. */
    private static int newThreads(RecordCommandTest.Trace t) {
        Set<Integer> live = new HashSet<>();
        int born = 0;
        for (TraceEvent e : t.events()) {
            var r = e.record();
            if (r.hasTaskStart()) {
                int tid = r.getTaskStart().getTid();
                assertTrue(live.add(tid), "TaskStart twice for tid " + tid);
                if (!r.getTaskStart().getAttached()) {
                    born++;
                }
            } else if (r.hasExit()) {
                live.remove(r.getExit().getTid());
            }
        }
        return born;
    }

    private Path compile(String name) throws Exception {
        StopSignalTest.requireTool("gcc");
        Path source = dir.resolve(name + ".c");
        try (var in = getClass().getResourceAsStream("/c/" + name + ".c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve(name);
        Process gcc = new ProcessBuilder("gcc", "-O2", "-pthread", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), log);
        return binary;
    }

    private static void awaitFile(Path file, Target owner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file) || Files.size(file) == 0) {
            assertTrue(System.nanoTime() < deadline, file + " did not appear; log: " + owner.log());
            Thread.sleep(20);
        }
    }
}
