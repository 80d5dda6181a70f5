package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.WALL;
import static io.jtrace.recorder.ptrace.PtraceConstants.WNOHANG;

import io.jtrace.recorder.ptrace.Arch;
import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.Ptrace;
import java.util.function.BooleanSupplier;

/**
 * The recorder as pid 1 of a pid namespace ({@code unshare -pf jtrace-record -- CMD}): the kernel makes it
 * the parent of every orphan of the namespace and kills them all when it exits. As strace does there, it
 * reaps them while tracing (see {@link EventLoop#WAIT_FLAGS}) and, once the recording is over, waits until
 * no child is left ({@code ECHILD}) before it exits, so that what the traced command left running (a
 * daemon, a background job) is not killed by the recorder's end. A stop request (SIGINT, SIGTERM) ends the
 * wait: the user asked for the namespace's end.
 */
public final class InitReaper {
    private static final boolean INIT = ProcessHandle.current().pid() == 1;
    private static final long POLL_MS = 20;

    private InitReaper() {
    }

    /** Whether this process is pid 1 of its pid namespace. */
    public static boolean isInit() {
        return INIT;
    }

    /**
     * Reaps children until none is left or {@code stop} says so; returns true when none is left. Runs
     * {@code waiting} once, when a child still runs. Call after the launched command's status was taken:
     * its exit would be reaped here too.
     */
    public static boolean reapAll(BooleanSupplier stop, Runnable waiting) throws InterruptedException {
        if (!INIT) {
            return true;
        }
        Ptrace ptrace = new Ptrace(Arch.current());
        boolean told = false;
        while (!stop.getAsBoolean()) {
            try {
                if (ptrace.wait4(-1, WALL | WNOHANG) == 0) {
                    if (!told) {
                        waiting.run();
                        told = true;
                    }
                    Thread.sleep(POLL_MS);
                }
            } catch (NativeException e) {
                if (e.errno() == Errno.ECHILD) {
                    return true;
                }
                throw e;
            }
        }
        return false;
    }
}
