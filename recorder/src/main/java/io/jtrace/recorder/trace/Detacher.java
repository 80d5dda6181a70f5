package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.SyscallReader;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Lets every tracee go unharmed. PTRACE_DETACH needs a ptrace-stop, so each running or listening
 * tracee is interrupted and detached at whatever stop it reports first: a pending signal is
 * handed back, and a tracee in group-stop is detached with no signal, which leaves it stopped
 * (the kernel re-enters the group-stop that is still in effect). A syscall caught mid-flight is
 * reported as unfinished; the kernel restarts it transparently.
 */
final class Detacher {
    private static final long PATIENCE_NANOS = 5_000_000_000L;
    // -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK: the call will be redone.
    private static final long ERESTART_MIN = -516;
    private static final long ERESTART_MAX = -512;

    private final EventLoop loop;
    private final Set<Integer> waiting = new HashSet<>();
    private final Set<Integer> letGo = new HashSet<>();

    Detacher(EventLoop loop) {
        this.loop = loop;
    }

    void detachAll() throws InterruptedException {
        for (Tracee t : new ArrayList<>(loop.tracees.values())) {
            if (t.held) {
                detach(t, 0, System.nanoTime()); // already in a ptrace-stop
            } else if (!t.exiting) {
                try {
                    loop.ptrace.interrupt(t.tid);
                    waiting.add(t.tid);
                } catch (NativeException e) {
                    if (e.errno() != Errno.ESRCH) {
                        throw e;
                    }
                }
            }
        }
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            int tid;
            try {
                tid = loop.ptrace.wait4(-1, EventLoop.WAIT_FLAGS | WNOHANG);
            } catch (NativeException e) {
                if (e.errno() == Errno.ECHILD) {
                    break; // no tracee left to report anything: the rest exited unseen
                }
                throw e;
            }
            if (tid == 0) {
                Thread.sleep(1); // polling is fine here: this runs once, and must not block forever
                continue;
            }
            handle(tid, loop.ptrace.lastStatus(), System.nanoTime());
        }
        // Left over: exiting tasks and any that did not stop in time. The kernel detaches them
        // when the tracer thread ends, which follows right after.
        long now = System.nanoTime();
        for (Tracee t : new ArrayList<>(loop.tracees.values())) {
            forget(t, now);
        }
    }

    private void handle(int tid, int status, long now) {
        Tracee t = loop.tracees.get(tid);
        if (t == null) {
            // Created while we were detaching and auto-attached: let it go at its first stop.
            if (WaitStatus.stopped(status)) {
                detachQuietly(tid, 0);
                letGo.add(tid);
            }
            waiting.remove(tid);
            return;
        }
        if (!WaitStatus.stopped(status)) {
            loop.died(t, status, now);
            waiting.remove(tid);
            return;
        }
        int sig = WaitStatus.stopSignal(status);
        int event = WaitStatus.event(status);
        int inject = 0;
        try {
            if (sig == (SIGTRAP | 0x80)) {
                inject = finishSyscall(t, now);
            } else if (event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK) {
                int child = (int) loop.ptrace.eventMessage(tid);
                if (!letGo.contains(child)) {
                    waiting.add(child);
                }
            } else if (event == PTRACE_EVENT_EXEC) {
                waiting.remove(tid);
                t = loop.tasks.exec(t, now);
            } else if (event == 0) {
                inject = sig; // signal-delivery-stop: the signal goes with the detach
                loop.sink.signal(t.tid, t.pid, sig, loop.ptrace.sigInfo(t.tid), now);
            }
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
        detach(t, inject, now);
    }

    /** Returns the signal=, if any, of a call tampered with (-e inject=) under a seccomp filter, to go with the detach. */
    private int finishSyscall(Tracee t, long now) {
        if (!t.inSyscall || !t.selected) {
            return 0; // an entry stop: the call runs on untraced
        }
        if (loop.reader.read(t.tid, true) != SyscallReader.EXIT) {
            return 0;
        }
        long ret = loop.reader.returnValue();
        if (ret >= ERESTART_MIN && ret <= ERESTART_MAX && !t.tampered) {
            return 0; // interrupted by our PTRACE_INTERRUPT; it restarts after detach: unfinished
        }
        t.call.returnValue = ret;
        t.call.exitNanos = now;
        if (t.tampered) {
            loop.tampering.atExit(t, t.call); // the program must see what the user chose, not the skip's ENOSYS
        }
        loop.sink.syscallExit(t.call, loop.memory);
        t.inSyscall = false;
        int sig = t.injectSignal;
        t.injectSignal = 0;
        return sig;
    }

    private void detach(Tracee t, int sig, long now) {
        detachQuietly(t.tid, sig);
        waiting.remove(t.tid);
        forget(t, now);
    }

    private void forget(Tracee t, long now) {
        loop.tracees.remove(t.tid);
        if (t.inSyscall && t.selected) {
            loop.sink.syscallUnfinished(t.call);
        }
        loop.sink.detached(t.tid, t.pid, now);
    }

    private void detachQuietly(int tid, int sig) {
        try {
            loop.ptrace.detach(tid, sig);
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }
}
