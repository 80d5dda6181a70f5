package io.jtrace.recorder.trace;

/** The tracer's bookkeeping for one traced thread. */
final class Tracee {
    int tid;
    final int pid;
    final SyscallEvent call;

    /** Between a syscall-entry stop and its exit stop. */
    boolean inSyscall;
    /** The current syscall is in the filter (the sink saw its entry). */
    boolean selected;
    /** Reported before its creator's clone event: kept in its first stop until that event names its parent. */
    boolean held;
    /** A held new process: its parent when first seen (the only creator that can die without reporting it); else -1. */
    int heldParent = -1;
    /** taskStart was reported. */
    boolean started;
    /** In group-stop, parked with PTRACE_LISTEN. */
    boolean groupStopped;
    /**
     * A new process the kernel attached without -f (a clone whose exit signal is not SIGCHLD is reported as
     * PTRACE_EVENT_CLONE, as a thread is): let go at its first stop, unrecorded.
     */
    boolean unwanted;
    /** Launched by us and not yet exec'd: the SIGSTOP/SIGCONT of the trampoline are ours, not the program's. */
    boolean launching;
    /** Past PTRACE_EVENT_EXIT: it stops no more, and a leader's death report may wait for its threads. */
    boolean exiting;
    /** -e inject=: per injected syscall, what is left of its when= count ({@link Tampering}); null until needed. */
    int[] injectCounts;
    /** The current call was made to fail or return a value of the user's choosing: its exit writes {@code injectedReturn}. */
    boolean tampered;
    long injectedReturn;
    /** poke_enter= or poke_exit= wrote into the current call's memory: strace's "(INJECTED: args)". */
    boolean poked;
    /** poke_exit= payloads for the current call's exit stop; null for none. */
    java.util.List<io.jtrace.recorder.inject.Pokes.Poke> pokeExit;
    /** A signal=, to be delivered when the current call's exit stop is resumed (seccomp mode). */
    int injectSignal;

    Tracee(int tid, int pid) {
        this.tid = tid;
        this.pid = pid;
        this.call = new SyscallEvent(tid, pid);
    }

    void moveTo(int newTid) {
        tid = newTid;
        call.tid = newTid;
    }
}
