package io.jtrace.recorder.ptrace;

/** Decodes a wait status the way {@code <sys/wait.h>}'s macros do. */
public final class WaitStatus {
    private WaitStatus() {
    }

    public static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    public static int exitStatus(int status) {
        return (status >> 8) & 0xff;
    }

    public static boolean signaled(int status) {
        return ((status & 0x7f) + 1) >> 1 > 0 && !stopped(status) && !exited(status);
    }

    public static int termSignal(int status) {
        return status & 0x7f;
    }

    public static boolean coreDumped(int status) {
        return (status & 0x80) != 0;
    }

    public static boolean stopped(int status) {
        return (status & 0xff) == 0x7f;
    }

    /** The stop signal; SIGTRAP|0x80 for a syscall-stop under PTRACE_O_TRACESYSGOOD. */
    public static int stopSignal(int status) {
        return (status >> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* of an event-stop, 0 otherwise. */
    public static int event(int status) {
        return (status >>> 16) & 0xff;
    }
}
