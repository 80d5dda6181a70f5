package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Arch;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Thread and process births and execs. A task auto-attached through PTRACE_O_TRACECLONE/FORK may
 * report its first stop before its creator reports the clone event; it is then held in that stop
 * until the event names its parent, so its TaskStart always precedes its syscalls.
 *
 * <p>A creator skips its event only when it is killed first (a fatal signal aborts the stop). A
 * new thread then dies with it (SIGKILL and exit_group take the whole thread group), so a held
 * thread is never released early; a new process outlives its killed parent and is released when
 * the parent dies. A released task's late event (its parent was only one thread of several) names
 * a task already started, possibly already dead: it is not added again.
 */
final class Tasks {
    private static final long UNKNOWN_FLAGS = -1;

    private final EventLoop loop;
    private final Arch arch;
    private int held;
    /** Tasks released before their creator's event; that event, if it comes, adds nothing. */
    private final Set<Integer> released = new HashSet<>();

    Tasks(EventLoop loop) {
        this.loop = loop;
        this.arch = loop.ptrace.arch();
    }

    /** A stop from a tid we do not know yet. */
    void unknown(int tid, int status, long now) {
        if (!WaitStatus.stopped(status)) {
            return; // a task that died before we learnt of it: nothing was traced
        }
        if (WaitStatus.event(status) == PTRACE_EVENT_EXEC) {
            // The old leader was already reported dead: the exec'ing thread "reappears" as the leader.
            int former = (int) loop.ptrace.eventMessage(tid);
            Tracee execer = loop.tracees.get(former);
            if (execer != null) {
                Tracee moved = exec(execer, tid, former, now);
                loop.resume(moved, 0);
                return;
            }
        }
        int pid = Procfs.tgid(tid);
        Tracee t = new Tracee(tid, pid < 0 ? tid : pid);
        t.held = true;
        t.heldParent = t.pid == tid ? Procfs.ppid(tid) : -1;
        loop.add(t);
        held++;
    }

    /** The creator's PTRACE_EVENT_CLONE/FORK/VFORK. */
    void created(Tracee parent, int event, long now) {
        int childTid = (int) loop.ptrace.eventMessage(parent.tid);
        long flags = cloneFlags(parent, event);
        Tracee child = loop.tracees.get(childTid);
        if (released.remove(childTid)) {
            return; // started when released; maybe gone since
        }
        boolean newProcess = event != PTRACE_EVENT_CLONE
            || (flags != UNKNOWN_FLAGS ? (flags & CLONE_THREAD) == 0 : Procfs.tgid(childTid) != parent.pid);
        if (newProcess && !loop.options.followForks() && event == PTRACE_EVENT_CLONE && flags != UNKNOWN_FLAGS) {
            // Without -f only threads are followed: a clone whose exit signal is not SIGCHLD made a process
            // the kernel attached as it attaches threads. strace, which asks for clones only with -f, never
            // sees it; let it go untraced. (Its flags unknown, the creator's entry not seen: followed.)
            if (child == null) {
                child = new Tracee(childTid, childTid);
                child.unwanted = true;
                loop.add(child); // detached at its first stop
            } else if (child.held) {
                child.held = false;
                held--;
                loop.letGo(child); // in its first stop already
            }
            return;
        }
        if (child == null) {
            child = new Tracee(childTid, newProcess ? childTid : parent.pid);
            loop.add(child); // its first stop restarts it like any PTRACE_EVENT_STOP
        }
        start(child, parent.tid, flags == UNKNOWN_FLAGS ? 0 : flags, false, now);
        if (child.held) {
            child.held = false;
            held--;
            loop.resume(child, 0);
        }
    }

    /** {@code dead} died: held new processes it may have created unreported go on with what we know. */
    void releaseHeld(Tracee dead, long now) {
        if (held == 0) {
            return;
        }
        List<Tracee> release = new ArrayList<>();
        for (Tracee t : loop.tracees.values()) {
            if (t.held && t.heldParent == dead.pid) {
                release.add(t);
            }
        }
        for (Tracee t : release) {
            t.held = false;
            held--;
            released.add(t.tid);
            start(t, 0, 0, false, now);
            loop.resume(t, 0);
        }
    }

    /** A held task died (its thread group was killed): its creator's event, should it come, adds nothing. */
    void heldDied(Tracee t, long now) {
        t.held = false;
        held--;
        released.add(t.tid);
        start(t, 0, 0, false, now); // before its Exit
    }

    void start(Tracee t, int parentTid, long flags, boolean attached, long now) {
        if (!t.started) {
            t.started = true;
            loop.sink.taskStart(new NewTask(t.tid, t.pid, parentTid, flags, t.tid == t.pid, attached, now));
        }
    }

    /** PTRACE_EVENT_EXEC reported by {@code t} (the leader's tid); returns the tracee now owning it. */
    Tracee exec(Tracee t, long now) {
        int former = (int) loop.ptrace.eventMessage(t.tid);
        Tracee execer = former == t.tid ? t : loop.tracees.get(former);
        if (execer == null) {
            execer = t;
        }
        return exec(execer, t.tid, former, now);
    }

    private Tracee exec(Tracee execer, int leaderTid, int former, long now) {
        if (former != leaderTid) {
            // A non-leader exec'd: the kernel gave it the leader's tid; the old leader is gone
            // without a death report.
            Tracee oldLeader = loop.tracees.remove(leaderTid);
            if (oldLeader != null && oldLeader.inSyscall && oldLeader.selected) {
                loop.sink.syscallUnfinished(oldLeader.call);
            }
            loop.tracees.remove(former);
            execer.moveTo(leaderTid);
            loop.add(execer);
        }
        execer.launching = false;
        loop.sink.exec(leaderTid, execer.pid, former, now);
        return execer;
    }

    /** Flags of the creating call, read from its entry arguments; UNKNOWN_FLAGS if not seen. */
    private long cloneFlags(Tracee parent, int event) {
        if (parent.inSyscall) {
            long nr = parent.call.nr;
            if (nr == arch.cloneNr()) {
                return parent.call.args[0];
            }
            if (nr == arch.clone3Nr()) {
                byte[] word = new byte[8];
                if (loop.memory.readInto(parent.tid, parent.call.args[0], word, 0, 8) == 8) {
                    return java.nio.ByteBuffer.wrap(word).order(java.nio.ByteOrder.nativeOrder()).getLong();
                }
            }
        }
        if (event == PTRACE_EVENT_FORK) {
            return SIGCHLD;
        }
        return event == PTRACE_EVENT_VFORK ? CLONE_VFORK | 0x100 /* CLONE_VM */ | SIGCHLD : UNKNOWN_FLAGS;
    }
}
