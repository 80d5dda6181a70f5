package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.Errno;
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
            seizeProcess(pid, seized);
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
        if (pid <= 0 || !Procfs.exists(pid)) {
            throw new AttachException("no such process: " + pid);
        }
        if (Procfs.tgid(pid) != pid) {
            throw new AttachException(pid + " is a thread, not a process (its process is " + Procfs.tgid(pid) + ")");
        }
        boolean found = true;
        boolean first = true;
        while (found) {
            found = false;
            for (int tid : Procfs.tasks(pid)) {
                if (loop.tracees.containsKey(tid)) {
                    continue;
                }
                try {
                    loop.ptrace.seize(tid, loop.ptraceOptions());
                } catch (NativeException e) {
                    if (e.errno() == Errno.ESRCH && !(first && tid == pid)) {
                        continue; // the thread exited between listing and seizing
                    }
                    throw explain(pid, e);
                }
                Tracee t = new Tracee(tid, pid);
                loop.add(t);
                seized.add(t);
                found = true;
            }
            if (first && !loop.tracees.containsKey(pid)) {
                throw new AttachException("no such process: " + pid);
            }
            first = false;
        }
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
            return new AttachException("permission denied attaching to " + pid
                + ": run as the process owner or as root with CAP_SYS_PTRACE"
                + (scope != null ? "; /proc/sys/kernel/yama/ptrace_scope is " + scope : ""), e);
        }
        return new AttachException("cannot attach to " + pid + ": " + e.getMessage(), e);
    }
}
