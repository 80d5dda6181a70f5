package io.jtrace.recorder.ptrace;

import com.kenai.jffi.Library;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The few signal dispositions the recorder sets natively, where {@code sun.misc.Signal} cannot:
 * a handler that only interrupts a blocking call, a disposition reset before dying by a signal,
 * and the test whether a signal was inherited as ignored.
 */
public final class Signals {
    // glibc's struct sigaction on x86_64 and aarch64: handler@0, sa_mask (128 bytes)@8 (left empty), sa_flags@136.
    private static final int SIGACTION_SIZE = 152;
    private static final int SA_FLAGS = 136;
    private static final int SIGSET_SIZE = 128;
    private static final int SIG_UNBLOCK = 1;
    private static final long SIG_DFL = 0;
    private static final long SIG_IGN = 1;
    private static final int RLIMIT_CORE = 4;
    /**
     * A handler that does nothing, so a signal only makes a blocking call (wait4) return EINTR.
     * A Java upcall is not safe in a signal handler; getpid is async-signal-safe, has no effect and
     * ignores the argument it is called with.
     */
    private static final long NO_OP_HANDLER = Library.getDefault().getSymbolAddress("getpid");

    private Signals() {
    }

    /** A real-time signal neither glibc nor HotSpot uses: the one that interrupts the tracer's wait4. */
    public static int wakeSignal() {
        return Native.libc().__libc_current_sigrtmin() + 5;
    }

    /** Whether {@code sig} is ignored (SIG_IGN) now, e.g. inherited so from a shell. */
    public static boolean ignored(int sig) {
        Pointer old = Memory.allocateDirect(Native.runtime(), SIGACTION_SIZE, true);
        Native.check(Native.libc().sigaction(sig, null, old), "sigaction(" + sig + ")");
        return old.getLong(0) == SIG_IGN;
    }

    /**
     * Installs the no-op handler for {@code sig}, without SA_RESTART: the signal interrupts a
     * blocking call of the thread it is sent to and does nothing else.
     */
    public static void interruptOnly(int sig) {
        setHandler(sig, NO_OP_HANDLER);
    }

    /** Unblocks {@code sig} in the calling thread. */
    public static void unblock(int sig) {
        Pointer set = Memory.allocateDirect(Native.runtime(), SIGSET_SIZE, true);
        set.putLong(8L * ((sig - 1) / 64), 1L << ((sig - 1) % 64));
        Native.check(Native.libc().pthread_sigmask(SIG_UNBLOCK, set, null), "pthread_sigmask");
    }

    /** Sends {@code sig} to one thread of this process. */
    public static void signalThread(int tid, int sig) {
        Native.libc().tgkill(Native.libc().getpid(), tid, sig);
    }

    /**
     * Ends this process by {@code sig}, as a shell sees a program killed by it (strace does the
     * same when its command was killed): default disposition, no core file of ours, unblocked,
     * raised. Returns only if the signal is not fatal.
     */
    public static void dieBy(int sig) {
        Pointer rlimit = Memory.allocateDirect(Native.runtime(), 16, true);
        Native.libc().setrlimit(RLIMIT_CORE, rlimit);
        if (sig != PtraceConstants.SIGKILL && sig != PtraceConstants.SIGSTOP) { // they have no handler to reset
            setHandler(sig, SIG_DFL);
        }
        Native.libc().kill(Native.libc().getpid(), sig);
        unblock(sig); // this thread first, if the JVM blocks it here; any thread that does not block it takes it
        try {
            Thread.sleep(1000); // a process-directed signal may be delivered on another thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void setHandler(int sig, long handler) {
        Pointer act = Memory.allocateDirect(Native.runtime(), SIGACTION_SIZE, true);
        act.putLong(0, handler);
        act.putInt(SA_FLAGS, 0);
        Native.check(Native.libc().sigaction(sig, act, null), "sigaction(" + sig + ")");
    }
}
