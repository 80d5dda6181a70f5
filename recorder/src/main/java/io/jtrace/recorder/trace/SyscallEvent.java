package io.jtrace.recorder.trace;

/**
 * One traced thread's current syscall. The tracer reuses one instance per thread, so the values
 * are valid only during a {@link TraceSink} callback; {@link #attachment} carries what the sink
 * captured at entry to the exit callback of the same call.
 */
public final class SyscallEvent {
    int tid;
    int pid;
    long nr;
    final long[] args = new long[6];
    long returnValue;
    long entryNanos;
    long exitNanos;
    boolean injected;
    /** poke_enter=/poke_exit= wrote where the call's arguments point. */
    boolean poked;
    private Object attachment;

    SyscallEvent(int tid, int pid) {
        this.tid = tid;
        this.pid = pid;
    }

    public int tid() {
        return tid;
    }

    public int pid() {
        return pid;
    }

    public int nr() {
        return (int) nr;
    }

    public long arg(int index) {
        return args[index];
    }

    /** Copies the six argument registers into {@code into}. */
    public void copyArgs(long[] into) {
        System.arraycopy(args, 0, into, 0, 6);
    }

    /** Raw return value, -errno on failure; valid at exit only. */
    public long returnValue() {
        return returnValue;
    }

    /** System.nanoTime() (CLOCK_MONOTONIC) when the entry stop was seen. */
    public long entryNanos() {
        return entryNanos;
    }

    /** System.nanoTime() when the exit stop was seen; 0 before the exit. */
    public long exitNanos() {
        return exitNanos;
    }

    /** The tracer tampered with the call ({@code -e inject=}): the kernel skipped it, {@link #returnValue()} was written. */
    public boolean injected() {
        return injected;
    }

    /** The tracer wrote into the memory the call's arguments point to ({@code -e inject=...:poke_enter=}). */
    public boolean poked() {
        return poked;
    }

    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    void enter(long number, long now) {
        nr = number;
        entryNanos = now;
        exitNanos = 0;
        returnValue = 0;
        injected = false;
        poked = false;
        attachment = null;
    }
}
