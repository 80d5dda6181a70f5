package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.TraceeBytes;
import io.jtrace.recorder.ptrace.TraceeMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Keeps what the tracer reports, for assertions on the test thread. */
class CollectingSink implements TraceSink {
    /** A write(2)-like call: buffer read at entry, fd resolved through /proc while the tracee waits. */
    record Call(int tid, int pid, int nr, long fd, String fdTarget, String data, int errno, long ret, boolean finished) {
    }

    record Exited(int tid, int pid, ExitStatus status) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<Call> unfinished = new CopyOnWriteArrayList<>();
    final List<NewTask> tasks = new CopyOnWriteArrayList<>();
    final List<Exited> exits = new CopyOnWriteArrayList<>();
    final List<Integer> detached = new CopyOnWriteArrayList<>();
    final List<Integer> groupStops = new CopyOnWriteArrayList<>();
    final List<Integer> signals = new CopyOnWriteArrayList<>();
    final CountDownLatch firstCall = new CountDownLatch(1);
    final CountDownLatch groupStopped = new CountDownLatch(1);
    volatile String threadName;

    @Override
    public void syscallEntry(SyscallEvent call, TraceeMemory memory) {
        threadName = Thread.currentThread().getName();
        TraceeBytes bytes = memory.read(call.tid(), call.arg(1), call.arg(2), 4096);
        call.attach(new Call(call.tid(), call.pid(), call.nr(), call.arg(0), fdTarget(call.pid(), call.arg(0)),
            new String(bytes.data(), StandardCharsets.ISO_8859_1), bytes.errno(), 0, false));
    }

    @Override
    public void syscallExit(SyscallEvent call, TraceeMemory memory) {
        Call c = (Call) call.attachment();
        calls.add(new Call(c.tid(), c.pid(), c.nr(), c.fd(), c.fdTarget(), c.data(), c.errno(), call.returnValue(), true));
        firstCall.countDown();
    }

    @Override
    public void syscallUnfinished(SyscallEvent call) {
        unfinished.add((Call) call.attachment());
    }

    @Override
    public void taskStart(NewTask task) {
        tasks.add(task);
    }

    @Override
    public void exit(int tid, int pid, ExitStatus status, long timeNanos) {
        exits.add(new Exited(tid, pid, status));
    }

    @Override
    public void detached(int tid, int pid, long timeNanos) {
        detached.add(tid);
    }

    @Override
    public void signal(int tid, int pid, int signo, byte[] siginfo, long timeNanos) {
        signals.add(signo);
    }

    @Override
    public void groupStop(int tid, int pid, int signo, long timeNanos) {
        groupStops.add(tid);
        groupStopped.countDown();
    }

    private static String fdTarget(int pid, long fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), "fd", Long.toString(fd))).toString();
        } catch (IOException e) {
            return "?";
        }
    }
}
