package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.Ptrace;
import io.jtrace.recorder.ptrace.SyscallReader;
import io.jtrace.recorder.ptrace.TraceeMemory;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.util.Map;

/**
 * Turns one wait status into sink callbacks and the restart that fits the stop. Runs on the
 * tracer thread only. The kinds of stop (ptrace(2), "Stopped states"): syscall-stop
 * (SIGTRAP|0x80), event-stop (PTRACE_EVENT_* in status bits 16..23; PTRACE_EVENT_STOP with a stop
 * signal is a group-stop), and signal-delivery-stop (anything else, the signal is re-injected).
 */
final class EventLoop {
    /**
     * WNOTHREAD: never reap the JDK's or other threads' children. Except as pid 1 of a pid namespace
     * ({@code unshare -pf jtrace-record ...}): orphans of the namespace become children of the JVM's
     * first thread then, and reaping them as they die is an init's job ({@link InitReaper}).
     */
    static final int WAIT_FLAGS = InitReaper.isInit() ? WALL : WALL | WNOTHREAD;

    final Ptrace ptrace;
    final SyscallReader reader;
    final TraceeMemory memory;
    final TraceSink sink;
    final TraceOptions options;
    final TraceeMap tracees = new TraceeMap();
    final Tasks tasks;
    /** Threads seized per process by {@code -p}, in the order given. */
    final Map<Integer, Integer> attachedThreads = new java.util.LinkedHashMap<>();
    int launchedPid = -1;
    ExitStatus launchedExit;
    /**
     * {@code --seccomp-bpf}: the launched command carries its filter. Tracees then run with
     * PTRACE_CONT and stop at a syscall only at PTRACE_EVENT_SECCOMP (the call's entry); a call
     * that needs its exit stop is resumed with PTRACE_SYSCALL while {@link Tracee#inSyscall}.
     */
    boolean seccompActive;
    /** ptrace-stops handled, for tests and measurements. */
    long stops;
    /** {@code -e inject=} / {@code -e fault=}; null when the user asked for none (the tracees are only observed). */
    final Tampering tampering;

    EventLoop(Ptrace ptrace, TraceSink sink, TraceOptions options) {
        this.ptrace = ptrace;
        this.reader = new SyscallReader(ptrace);
        this.memory = new TraceeMemory(ptrace);
        this.sink = sink;
        this.options = options;
        this.tasks = new Tasks(this);
        this.tampering = options.injections().isEmpty() ? null : new Tampering(options.injections(), ptrace);
    }

    int ptraceOptions() {
        int o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT;
        if (options.seccompBpf()) {
            // A filter cannot be removed and SECCOMP_RET_TRACE without a tracer fails the call
            // (ENOSYS): the tracees must not outlive the tracer.
            o |= PTRACE_O_TRACESECCOMP | PTRACE_O_EXITKILL;
        }
        return options.followForks() ? o | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK : o;
    }

    void handle(int tid, int status, long now) {
        Tracee t = tracees.get(tid);
        stops++;
        try {
            if (t == null) {
                tasks.unknown(tid, status, now);
            } else if (!WaitStatus.stopped(status)) {
                died(t, status, now);
            } else {
                int sig = WaitStatus.stopSignal(status);
                int event = WaitStatus.event(status);
                if (sig == (SIGTRAP | 0x80)) {
                    syscallStop(t, now);
                } else if (event != 0) {
                    eventStop(t, event, sig, now);
                } else {
                    signalStop(t, sig, now);
                }
            }
        } catch (NativeException e) {
            // ESRCH: the tracee was killed under us; its death report follows. Anything else: do
            // not leave it stopped.
            if (t != null && e.errno() != Errno.ESRCH) {
                resume(t, 0);
                throw e;
            }
        }
    }

    private void syscallStop(Tracee t, long now) {
        if (t.inSyscall && !t.selected) {
            t.inSyscall = false; // exit of an unrecorded call: no read, straight on
            resume(t, 0);
            return;
        }
        int op = reader.read(t.tid, t.inSyscall);
        SyscallEvent call = t.call;
        int sig = 0;
        if (op == SyscallReader.ENTRY) {
            t.inSyscall = true;
            t.tampered = false;
            call.enter(reader.nr(), now);
            reader.copyArgs(call.args);
            t.selected = reader.nativeArch() && options.filter().contains(reader.nr());
            if (t.selected) {
                // tampering first: what poke_enter= writes is what the entry's capture copies, as strace prints it
                if (tampering != null && !t.launching) {
                    // not in our launch trampoline before its exec: strace spares its own code too
                    sig = tampering.atEntry(t, call);
                    if (seccompActive) {
                        // resuming a PTRACE_EVENT_SECCOMP stop drops a signal: deliver it at the exit stop
                        t.injectSignal = sig;
                        sig = 0;
                    }
                }
                sink.syscallEntry(call, memory);
            }
        } else {
            if (t.inSyscall && t.selected && t.launching) {
                // Our trampoline's exec "$0" failing in a PATH directory: a successful exec would have ended
                // launching at its PTRACE_EVENT_EXEC, before this exit. strace searches PATH itself and runs
                // the command's file directly, so its first line is the execve that succeeds; so is ours.
                sink.syscallDropped(call);
            } else if (t.inSyscall && t.selected) {
                call.returnValue = reader.returnValue();
                call.exitNanos = now;
                if (tampering != null && Tampering.dueAtExit(t)) {
                    tampering.atExit(t, call);
                }
                sink.syscallExit(call, memory);
            }
            sig = t.injectSignal;
            t.injectSignal = 0;
            t.inSyscall = false;
            t.selected = false;
        }
        resume(t, sig);
    }

    private void eventStop(Tracee t, int event, int sig, long now) {
        switch (event) {
            case PTRACE_EVENT_STOP:
                if (isStopSignal(sig)) {
                    t.groupStopped = true;
                    if (!t.launching) {
                        sink.groupStop(t.tid, t.pid, sig, now);
                    }
                    ptrace.listen(t.tid); // stays stopped; SIGCONT or PTRACE_INTERRUPT brings it back to us
                    return;
                }
                t.groupStopped = false; // initial stop, our interrupt, or woken from group-stop
                if (t.unwanted) {
                    letGo(t);
                    return;
                }
                break;
            case PTRACE_EVENT_CLONE:
            case PTRACE_EVENT_FORK:
            case PTRACE_EVENT_VFORK:
                tasks.created(t, event, now);
                break;
            case PTRACE_EVENT_EXEC:
                t = tasks.exec(t, now);
                break;
            case PTRACE_EVENT_EXIT:
                t.exiting = true; // the death report follows and carries the status
                break;
            case PTRACE_EVENT_SECCOMP:
                if (t.inSyscall) {
                    // never expected: the last call's exit stop went missing; start afresh
                    if (t.selected) {
                        sink.syscallUnfinished(t.call);
                    }
                    t.inSyscall = false;
                }
                syscallStop(t, now); // the entry of a filtered call; its exit stop follows
                return;
            default:
                break;
        }
        resume(t, 0);
    }

    private void signalStop(Tracee t, int sig, long now) {
        byte[] siginfo = ptrace.sigInfo(t.tid);
        // Launch mode: the SIGCONT that releases our stopped trampoline is ours, not the program's.
        if (!(t.launching && sig == SIGCONT)) {
            sink.signal(t.tid, t.pid, sig, siginfo, now);
        }
        resume(t, sig);
    }

    /** Detaches a task that is not to be traced, in its first stop, leaving no record of it. */
    void letGo(Tracee t) {
        tracees.remove(t.tid);
        try {
            ptrace.detach(t.tid, 0);
        } catch (NativeException e) {
            // gone already (ESRCH): nothing to let go of
        }
    }

    void died(Tracee t, int status, long now) {
        tracees.remove(t.tid);
        if (t.unwanted) {
            return; // never traced: no record
        }
        if (t.held) {
            tasks.heldDied(t, now);
        }
        if (t.inSyscall && t.selected) {
            sink.syscallUnfinished(t.call);
        }
        ExitStatus exit = ExitStatus.fromWaitStatus(status);
        if (t.tid == launchedPid) {
            launchedExit = exit;
        }
        sink.exit(t.tid, t.pid, exit, now);
        tasks.releaseHeld(t, now);
    }

    /**
     * PTRACE_SYSCALL with {@code sig} injected, or PTRACE_CONT under a seccomp filter outside a
     * call whose exit we want; a vanished tracee is not an error.
     */
    void resume(Tracee t, int sig) {
        try {
            if (seccompActive && !t.inSyscall) {
                ptrace.cont(t.tid, sig);
            } else {
                ptrace.syscall(t.tid, sig);
            }
        } catch (NativeException e) {
            if (e.errno() != Errno.ESRCH) {
                throw e;
            }
        }
    }

    void add(Tracee t) {
        tracees.put(t.tid, t);
    }
}
