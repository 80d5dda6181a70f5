package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.TraceeMemory;
import java.util.function.Consumer;

/**
 * Keeps a throwing sink from leaving a tracee stopped: the error is kept and tracing goes on.
 * Plain try/catch per method rather than a lambda helper: no allocation per syscall.
 */
final class GuardedSink implements TraceSink {
    private final TraceSink sink;
    private final Consumer<Throwable> errors;

    GuardedSink(TraceSink sink, Consumer<Throwable> errors) {
        this.sink = sink;
        this.errors = errors;
    }

    @Override
    public void syscallEntry(SyscallEvent call, TraceeMemory memory) {
        try {
            sink.syscallEntry(call, memory);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void syscallExit(SyscallEvent call, TraceeMemory memory) {
        try {
            sink.syscallExit(call, memory);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void syscallDropped(SyscallEvent call) {
        try {
            sink.syscallDropped(call);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void syscallUnfinished(SyscallEvent call) {
        try {
            sink.syscallUnfinished(call);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void taskStart(NewTask task) {
        try {
            sink.taskStart(task);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void exec(int tid, int pid, int formerTid, long timeNanos) {
        try {
            sink.exec(tid, pid, formerTid, timeNanos);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void exit(int tid, int pid, ExitStatus status, long timeNanos) {
        try {
            sink.exit(tid, pid, status, timeNanos);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void detached(int tid, int pid, long timeNanos) {
        try {
            sink.detached(tid, pid, timeNanos);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void signal(int tid, int pid, int signo, byte[] siginfo, long timeNanos) {
        try {
            sink.signal(tid, pid, signo, siginfo, timeNanos);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }

    @Override
    public void groupStop(int tid, int pid, int signo, long timeNanos) {
        try {
            sink.groupStop(tid, pid, signo, timeNanos);
        } catch (RuntimeException e) {
            errors.accept(e);
        }
    }
}
