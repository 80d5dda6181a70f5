package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.PidNamespaceIds;
import io.jtrace.analyzer.trace.TraceState;

/** strace's printpid (src/pidns.c): a pid, with --decode-pids=comm its name, with =pidns the recorder's number. */
public final class Pids {
    private Pids() {
    }

    /** {@code 2 /* 6454 in strace's PID NS *}{@code /} for a pid that task {@code tid} passed. */
    public static void append(LineBuffer out, RenderOptions o, TraceState state, int tid, int pid,
                              PidNamespaceIds.Type type) {
        out.append(pid);
        translation(out, o, state, tid, pid, type);
    }

    /** strace's printpid_tgid_pgid: a positive number is a process, below -1 a process group. */
    public static void tgidOrPgid(LineBuffer out, RenderOptions o, TraceState state, int tid, int pid) {
        out.append(pid);
        if (pid > 0) {
            translation(out, o, state, tid, pid, PidNamespaceIds.Type.TGID);
        } else if (pid < -1) {
            translation(out, o, state, tid, -pid, PidNamespaceIds.Type.PGID);
        }
    }

    private static void translation(LineBuffer out, RenderOptions o, TraceState state, int tid, int pid,
                                    PidNamespaceIds.Type type) {
        boolean comm = o.pidComm && (type == PidNamespaceIds.Type.TID || type == PidNamespaceIds.Type.TGID);
        if (!o.pidnsTranslation && !comm) {
            return;
        }
        int ours = state.pidNamespaces().translate(tid, pid, type);
        if (ours == 0) {
            return;
        }
        if (comm) {
            String name = state.threadComm(ours, ours);
            if (!name.isEmpty()) {
                out.append('<').append(name).append('>');
            }
        }
        if (o.pidnsTranslation && ours != pid) {
            out.append(" /* ").append(ours).append(" in strace's PID NS */");
        }
    }
}
