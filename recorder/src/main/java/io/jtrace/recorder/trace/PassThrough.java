package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.util.ArrayList;

/**
 * The end of a {@code --seccomp-bpf} recording. Detaching would harm the tracees: their filter
 * stays, and each filtered call would fail with ENOSYS without a tracer. So the recording ends
 * as a detach does for the sink (unfinished calls, a detached record per task), and then the
 * tracer stays the tracees' tracer, recording nothing, until the last of them has exited: every
 * stop is resumed as it comes, signals are delivered, group-stops kept.
 */
final class PassThrough {
    private final EventLoop loop;
    /** Calls tampered with (-e inject=) still in flight at the end: tid to the return value their exit must get. */
    private final java.util.Map<Integer, long[]> tampered = new java.util.HashMap<>();

    PassThrough(EventLoop loop) {
        this.loop = loop;
    }

    /** Ends the recording; the tracees run on, still traced. Call {@link #serve} next, without the sink. */
    void letGo() {
        long now = System.nanoTime();
        for (Tracee t : new ArrayList<>(loop.tracees.values())) {
            if (t.inSyscall && t.selected) {
                loop.sink.syscallUnfinished(t.call);
            }
            loop.sink.detached(t.tid, t.pid, now);
            if (t.inSyscall && (t.tampered || t.injectSignal != 0)) {
                tampered.put(t.tid, new long[] {t.tampered ? 1 : 0, t.injectedReturn, t.injectSignal});
            }
            if (t.held) {
                restart(t.tid, 0); // parked in its first stop until its creator's event: not any more
            }
        }
    }

    /** Serves the tracees until none is left; returns the launched command's exit status if it ended meanwhile. */
    ExitStatus serve() {
        ExitStatus launched = loop.launchedExit;
        while (true) {
            int tid;
            try {
                tid = loop.ptrace.wait4(-1, EventLoop.WAIT_FLAGS);
            } catch (NativeException e) {
                if (e.errno() == Errno.ECHILD) {
                    return launched; // no tracee left
                }
                throw e;
            }
            int status = loop.ptrace.lastStatus();
            if (!WaitStatus.stopped(status)) {
                if (tid == loop.launchedPid) {
                    launched = ExitStatus.fromWaitStatus(status);
                }
                continue;
            }
            int sig = WaitStatus.stopSignal(status);
            int event = WaitStatus.event(status);
            if (event == PTRACE_EVENT_STOP && isStopSignal(sig)) {
                listen(tid);
            } else if (sig == (SIGTRAP | 0x80) && tampered.containsKey(tid)) {
                long[] call = tampered.remove(tid); // its exit: what the user asked for, not the skip's ENOSYS
                if (call[0] != 0) {
                    try {
                        loop.ptrace.pokeUser(tid, loop.ptrace.arch().returnValueUserOffset(), call[1]);
                    } catch (NativeException e) {
                        if (e.errno() != Errno.ESRCH) {
                            throw e;
                        }
                    }
                }
                restart(tid, (int) call[2]);
            } else {
                restart(tid, sig == (SIGTRAP | 0x80) || event != 0 ? 0 : sig);
            }
        }
    }

    private void restart(int tid, int sig) {
        try {
            loop.ptrace.cont(tid, sig);
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }

    private void listen(int tid) {
        try {
            loop.ptrace.listen(tid);
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }
}
