package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.Native;
import io.jtrace.recorder.ptrace.NativeException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code -p}: seizes every thread of each process, rescanning /proc/PID/task until a pass finds no
 * new thread (a thread created by a not-yet-seized thread escapes TRACECLONE), then interrupts
 * each so it enters syscall tracing. Never PTRACE_O_EXITKILL: a killed recorder must not kill.
 */
final class Attacher {
    private final EventLoop loop;

    Attacher(EventLoop loop) {
        this.loop = loop;
    }

    void attach(Collection<Integer> pids) throws AttachException {
        List<Tracee> seized = new ArrayList<>();
        for (int pid : pids) {
            int before = seized.size();
            seizeProcess(pid, seized);
            loop.attachedThreads.merge(pid, seized.size() - before, Integer::sum);
        }
        long now = System.nanoTime();
        for (Tracee t : seized) {
            try {
                loop.ptrace.interrupt(t.tid);
            } catch (NativeException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw e;
                } // exited meanwhile: its death report follows
            }
            loop.tasks.start(t, 0, 0, true, now);
        }
    }

    private void seizeProcess(int pid, List<Tracee> seized) throws AttachException {
        check(pid);
        boolean found = true;
        boolean any = false;
        while (found) {
            found = false;
            for (int tid : Procfs.tasks(pid)) {
                if (loop.tracees.containsKey(tid)) {
                    continue;
                }
                try {
                    loop.ptrace.seize(tid, loop.ptraceOptions());
                } catch (NativeException e) {
                    if (passedBy(tid, e)) {
                        continue;
                    }
                    throw explain(pid, e);
                }
                Tracee t = new Tracee(tid, pid);
                loop.add(t);
                seized.add(t);
                found = true;
                any = true;
            }
            if (!any) {
                throw Procfs.exists(pid) && Procfs.dead(pid) ? zombie(pid) : new AttachException("no such process: " + pid);
            }
        }
    }

    /** Targets that no attach can work on, named for what they are rather than as a permission problem. */
    private static void check(int pid) throws AttachException {
        if (pid <= 0 || !Procfs.exists(pid)) {
            throw new AttachException("no such process: " + pid);
        }
        if (Procfs.tgid(pid) != pid) {
            throw new AttachException(pid + " is a thread, not a process (its process is " + Procfs.tgid(pid) + ")");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new AttachException(pid + " is jtrace-record itself");
        }
        if (Procfs.kernelThread(pid)) {
            throw new AttachException(pid + " is a kernel thread: it runs no user code and cannot be traced");
        }
        if (Procfs.dead(pid) && Procfs.tasks(pid).size() <= 1) {
            throw zombie(pid);
        }
    }

    private static AttachException zombie(int pid) {
        return new AttachException("process " + pid + " has exited (a zombie not yet reaped by its parent "
                + Procfs.ppid(pid) + "): nothing left to trace");
    }

    /**
     * A thread that cannot be seized and need not be: it exited between listing and seizing (ESRCH;
     * EPERM while it is a zombie), or the kernel already attached it to us because a thread we had
     * seized created it (PTRACE_O_TRACECLONE); it then reports its first stop like any new thread.
     */
    private boolean passedBy(int tid, NativeException e) {
        if (e.errno() == Errno.ESRCH) {
            return true;
        }
        if (e.errno() != Errno.EPERM) {
            return false;
        }
        // TracerPid names the tracing thread: this one (another tracer thread of ours is another tracer)
        return Procfs.dead(tid) || Procfs.tracerPid(tid) == Native.libc().gettid();
    }

    static AttachException explain(int pid, NativeException e) {
        if (e.errno() == Errno.ESRCH) {
            return new AttachException("no such process: " + pid, e);
        }
        if (e.errno() == Errno.EPERM) {
            int tracer = Procfs.tracerPid(pid);
            if (tracer > 0) {
                // TracerPid names the tracing thread; users know processes.
                int tracerProcess = Procfs.tgid(tracer) > 0 ? Procfs.tgid(tracer) : tracer;
                return new AttachException("process " + pid + " is already traced by process " + tracerProcess, e);
            }
            String scope = Procfs.ptraceScope();
            if (Procfs.effectiveUid() == 0) {
                // root and still refused: the cause is a policy, not the user
                return new AttachException("permission denied attaching to " + pid + " although running as root: "
                    + ("3".equals(scope) ? "/proc/sys/kernel/yama/ptrace_scope is 3 (no process may be attached)"
                    : "CAP_SYS_PTRACE is missing (a container?) or a security module (SELinux, AppArmor) forbids it"
                    + (scope != null ? "; /proc/sys/kernel/yama/ptrace_scope is " + scope : "")), e);
            }
            return new AttachException("permission denied attaching to " + pid
                + ": run as the process owner or as root with CAP_SYS_PTRACE"
                + (scope != null ? "; /proc/sys/kernel/yama/ptrace_scope is " + scope : ""), e);
        }
        return new AttachException("cannot attach to " + pid + ": " + e.getMessage(), e);
    }
}
