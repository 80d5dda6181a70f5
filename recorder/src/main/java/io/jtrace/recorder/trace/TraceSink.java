package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.TraceeMemory;

/**
 * Receives what the tracer sees, on the tracer thread, while the tracee waits in its stop: keep
 * callbacks short (copy buffers, queue a record) and never block. Times are System.nanoTime().
 * Syscall callbacks fire only for syscalls in the {@link SyscallFilter}.
 */
public interface TraceSink {
    /** A selected syscall entered: read its input buffers now through {@code memory}. */
    default void syscallEntry(SyscallEvent call, TraceeMemory memory) {
    }

    /** The same call returned: read its output buffers, limited by the return value. */
    default void syscallExit(SyscallEvent call, TraceeMemory memory) {
    }

    /**
     * The call returned but is not the program's: one of the launch trampoline's execve attempts as it
     * searches PATH for the command. Forget what its entry copied; nothing is recorded.
     */
    default void syscallDropped(SyscallEvent call) {
    }

    /** The call never returned while traced: the thread died in it, or the tracer detached. */
    default void syscallUnfinished(SyscallEvent call) {
    }

    default void taskStart(NewTask task) {
    }

    /** {@code tid} (now the leader, equal to {@code pid}) completed an execve issued by {@code formerTid}. */
    default void exec(int tid, int pid, int formerTid, long timeNanos) {
    }

    default void exit(int tid, int pid, ExitStatus status, long timeNanos) {
    }

    /** The tracer let go of a live task (stop requested). */
    default void detached(int tid, int pid, long timeNanos) {
    }

    /** A signal is being delivered (and will be, after this call); {@code siginfo} is the raw siginfo_t. */
    default void signal(int tid, int pid, int signo, byte[] siginfo, long timeNanos) {
    }

    /** The task entered a group-stop (SIGSTOP and friends); the tracer keeps it stopped. */
    default void groupStop(int tid, int pid, int signo, long timeNanos) {
    }
}
