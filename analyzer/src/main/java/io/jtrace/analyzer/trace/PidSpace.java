package io.jtrace.analyzer.trace;

import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.ThreadInfo;

/**
 * Keeps the processes of different recordings read together apart: the pids and tids of the n-th recording
 * (from 0, oldest first) are shown moved by n × 4194304, Linux's largest pid plus one (PID_MAX_LIMIT), so two
 * hosts' pid 3314 stay two processes in every view and a moved number never equals a real one. The first
 * recording's pids are shown as recorded. Pids inside a call's arguments (kill, waitpid) are not moved.
 */
public final class PidSpace {
    /** PID_MAX_LIMIT: no pid or tid reaches it. */
    public static final int SPAN = 1 << 22;

    private PidSpace() {
    }

    /** The offset of the {@code n}-th recording. */
    static int offset(int n) {
        return n * SPAN;
    }

    static Header shift(Header h, int offset) {
        if (offset == 0) {
            return h;
        }
        Header.Builder b = h.toBuilder();
        for (int i = 0; i < b.getProcessesCount(); i++) {
            ProcessInfo.Builder p = b.getProcessesBuilder(i);
            p.setPid(p.getPid() + offset);
            if (p.getPpid() != 0) {
                p.setPpid(p.getPpid() + offset);
            }
            for (ThreadInfo.Builder t : p.getThreadsBuilderList()) {
                t.setTid(t.getTid() + offset);
            }
        }
        return b.build();
    }

    static Record shift(Record r, int offset) {
        if (offset == 0) {
            return r;
        }
        Record.Builder b = r.toBuilder();
        switch (r.getKindCase()) {
            case SYSCALL -> b.getSyscallBuilder().setTid(r.getSyscall().getTid() + offset)
                    .setPid(r.getSyscall().getPid() + offset);
            case TASK_START -> b.getTaskStartBuilder().setTid(r.getTaskStart().getTid() + offset)
                    .setPid(r.getTaskStart().getPid() + offset)
                    .setParentTid(moved(r.getTaskStart().getParentTid(), offset));
            case TASK_NAME -> b.getTaskNameBuilder().setTid(r.getTaskName().getTid() + offset)
                    .setPid(r.getTaskName().getPid() + offset);
            case TASK_PIDS -> b.getTaskPidsBuilder().setTid(r.getTaskPids().getTid() + offset)
                    .setPid(r.getTaskPids().getPid() + offset);
            case EXEC -> b.getExecBuilder().setTid(r.getExec().getTid() + offset).setPid(r.getExec().getPid() + offset)
                    .setFormerTid(moved(r.getExec().getFormerTid(), offset));
            case EXIT -> b.getExitBuilder().setTid(r.getExit().getTid() + offset).setPid(r.getExit().getPid() + offset);
            case SIGNAL -> b.getSignalBuilder().setTid(r.getSignal().getTid() + offset)
                    .setPid(r.getSignal().getPid() + offset);
            case LOSS -> b.getLossBuilder().setTid(moved(r.getLoss().getTid(), offset));
            default -> {
                return r;
            }
        }
        return b.build();
    }

    private static int moved(int id, int offset) {
        return id == 0 ? 0 : id + offset;
    }
}
