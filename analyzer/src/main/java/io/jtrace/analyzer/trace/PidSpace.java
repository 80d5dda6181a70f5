package io.jtrace.analyzer.trace;

import com.google.protobuf.ByteString;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.TraceEvent;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.ThreadInfo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the processes of different recordings read together apart: the pids and tids of the n-th recording
 * (from 0, oldest first) are shown moved by n × 4194304, Linux's largest pid plus one (PID_MAX_LIMIT), so two
 * hosts' pid 3314 stay two processes in every view and a moved number never equals a real one. The first
 * recording's pids are shown as recorded. Every pid a record carries moves: the records' own, a call's pid
 * arguments ({@code kill(3315, SIGTERM)}, {@code wait4}, {@code tgkill}, ...) and pid results ({@code clone},
 * {@code getpid}, {@code wait4}), and a signal's {@code si_pid}, so {@code clone() = N} names the child the
 * lines of {@code [pid N]} show. Pids inside structures a call points to (waitid's siginfo) do not move.
 */
public final class PidSpace {
    /** PID_MAX_LIMIT: no pid or tid reaches it. */
    public static final int SPAN = 1 << 22;

    /** A positive argument is a pid; 0 and -1 mean the caller or "any". */
    private static final int ID = 1;
    /** kill's and wait4's pid: positive a process, below -1 a process group (-pgid). */
    private static final int TARGET = 2;
    /** waitid's id: a pid or a process group when the idtype before it is P_PID or P_PGID. */
    private static final int WAITID = 3;
    /** The result, when positive, is a pid or tid. */
    private static final int RESULT = 6;

    /** Which argument (0..5) or the result ({@link #RESULT}) of a call holds a pid, and how. */
    private static final Map<String, int[][]> CALLS = Map.ofEntries(
            Map.entry("clone", result()), Map.entry("clone3", result()), Map.entry("fork", result()),
            Map.entry("vfork", result()), Map.entry("getpid", result()), Map.entry("gettid", result()),
            Map.entry("getppid", result()), Map.entry("getpgrp", result()), Map.entry("setsid", result()),
            Map.entry("set_tid_address", result()),
            Map.entry("kill", args(0, TARGET)), Map.entry("tkill", args(0, ID)),
            Map.entry("tgkill", args(0, ID, 1, ID)),
            Map.entry("wait4", new int[][] {{0, TARGET}, {RESULT, ID}}),
            Map.entry("waitid", args(1, WAITID)),
            Map.entry("getpgid", new int[][] {{0, ID}, {RESULT, ID}}),
            Map.entry("getsid", new int[][] {{0, ID}, {RESULT, ID}}),
            Map.entry("setpgid", args(0, ID, 1, ID)), Map.entry("ptrace", args(1, ID)),
            Map.entry("sched_setaffinity", args(0, ID)), Map.entry("sched_getaffinity", args(0, ID)),
            Map.entry("sched_setscheduler", args(0, ID)), Map.entry("sched_getscheduler", args(0, ID)),
            Map.entry("sched_setparam", args(0, ID)), Map.entry("sched_getparam", args(0, ID)),
            Map.entry("sched_rr_get_interval", args(0, ID)), Map.entry("sched_setattr", args(0, ID)),
            Map.entry("sched_getattr", args(0, ID)), Map.entry("prlimit64", args(0, ID)),
            Map.entry("process_vm_readv", args(0, ID)), Map.entry("process_vm_writev", args(0, ID)),
            Map.entry("pidfd_open", args(0, ID)), Map.entry("kcmp", args(0, ID, 1, ID)),
            Map.entry("get_robust_list", args(0, ID)), Map.entry("rt_sigqueueinfo", args(0, ID)),
            Map.entry("rt_tgsigqueueinfo", args(0, ID, 1, ID)), Map.entry("perf_event_open", args(1, ID)),
            Map.entry("migrate_pages", args(0, ID)), Map.entry("move_pages", args(0, ID)));

    private static final int SI_USER = 0;
    private static final int SI_QUEUE = -1;
    private static final int SI_MESGQ = -3;
    private static final int SI_ASYNCIO = -4;
    private static final int SI_TKILL = -6;
    private static final int SI_KERNEL = 0x80;

    private final int offset;
    private final int sigchld;
    /** {@link #CALLS} by syscall number of the recording's architecture. */
    private final Map<Integer, int[][]> calls = new HashMap<>();

    /** The pid space of the {@code n}-th recording (from 0), of architecture {@code arch}. */
    PidSpace(int n, Arch arch) {
        this.offset = n * SPAN;
        this.sigchld = arch.signals().number("SIGCHLD");
        CALLS.forEach((name, where) -> {
            int nr = arch.syscalls().number(name);
            if (nr >= 0) {
                calls.put(nr, where);
            }
        });
    }

    /** The offset of this recording's pids: 0 for the first. */
    int offset() {
        return offset;
    }

    Header shift(Header h) {
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

    Record shift(Record r) {
        if (offset == 0) {
            return r;
        }
        Record.Builder b = r.toBuilder();
        switch (r.getKindCase()) {
            case SYSCALL -> b.setSyscall(moved(RecordedSyscall.of(r.getSyscall())).toProto());
            case TASK_START -> b.getTaskStartBuilder().setTid(r.getTaskStart().getTid() + offset)
                    .setPid(r.getTaskStart().getPid() + offset)
                    .setParentTid(moved(r.getTaskStart().getParentTid()));
            case TASK_NAME -> b.getTaskNameBuilder().setTid(r.getTaskName().getTid() + offset)
                    .setPid(r.getTaskName().getPid() + offset);
            case TASK_PIDS -> b.getTaskPidsBuilder().setTid(r.getTaskPids().getTid() + offset)
                    .setPid(r.getTaskPids().getPid() + offset);
            case EXEC -> b.getExecBuilder().setTid(r.getExec().getTid() + offset).setPid(r.getExec().getPid() + offset)
                    .setFormerTid(moved(r.getExec().getFormerTid()));
            case EXIT -> b.getExitBuilder().setTid(r.getExit().getTid() + offset).setPid(r.getExit().getPid() + offset);
            case SIGNAL -> signal(r.getSignal(), b.getSignalBuilder());
            case LOSS -> b.getLossBuilder().setTid(moved(r.getLoss().getTid()));
            default -> {
                return r;
            }
        }
        return b.build();
    }

    /** A syscall record moved into this pid space, as the reader hands it over; as {@link #shift(Record)} moves it. */
    TraceEvent shift(TraceEvent e, long timeNs) {
        if (e.kind() != Record.KindCase.SYSCALL) {
            return new TraceEvent(shift(e.record()), timeNs, e.frame(), e.note());
        }
        return e.with(timeNs, moved(e.syscall()));
    }

    /** The call with its own tid and pid moved, and the pids it names or returns (a message it was read from too). */
    private RecordedSyscall moved(RecordedSyscall s) {
        long[] args = new long[s.getArgsCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = s.getArgs(i);
        }
        long ret = moveIds(s.getNr(), args, s.getRet(), s.getUnfinished());
        return s.with(s.getTid() + offset, s.getPid() + offset, args, ret);
    }

    /** Moves the pid arguments of a call in place; returns its result, moved when it is a pid. */
    private long moveIds(int nr, long[] args, long ret, boolean unfinished) {
        int[][] where = calls.get(nr);
        if (where == null) {
            return ret;
        }
        long result = ret;
        long[] before = args.clone();   // waitid's idtype is read as recorded
        for (int[] w : where) {
            if (w[0] == RESULT) {
                if (!unfinished && ret > 0 && ret < SPAN) {
                    result = ret + offset;
                }
            } else if (w[0] < args.length) {
                long raw = before[w[0]];
                int id = (int) raw;
                int moved = switch (w[1]) {
                    case TARGET -> id > 0 ? id + offset : id < -1 && id > -SPAN ? id - offset : id;
                    case WAITID -> {
                        long idtype = w[0] > 0 ? before[w[0] - 1] : 0;
                        yield (idtype == 1 || idtype == 2) && id > 0 ? id + offset : id;   // P_PID, P_PGID
                    }
                    default -> id > 0 && id < SPAN ? id + offset : id;
                };
                if (moved != id) {
                    args[w[0]] = raw & 0xffffffff00000000L | moved & 0xffffffffL;
                }
            }
        }
        return result;
    }

    /** Moves the tid and pid, and the sender's or child's si_pid where the siginfo carries one. */
    private void signal(Signal s, Signal.Builder b) {
        b.setTid(s.getTid() + offset).setPid(s.getPid() + offset);
        byte[] raw = s.getSiginfo().toByteArray();
        if (raw.length < 12) {
            return;
        }
        // trailing zero bytes are not stored: si_pid 3495 is 2 of its 4 bytes
        ByteBuffer le = ByteBuffer.wrap(Arrays.copyOf(raw, Math.max(raw.length, 20))).order(ByteOrder.LITTLE_ENDIAN);
        int code = le.getInt(8);
        boolean hasPid = code == SI_USER || code == SI_TKILL || code == SI_QUEUE || code == SI_MESGQ
                || code == SI_ASYNCIO || s.getSigno() == sigchld && code > 0 && code != SI_KERNEL;
        int pid = le.getInt(16);
        if (hasPid && pid > 0 && pid < SPAN) {
            le.putInt(16, pid + offset);
            byte[] info = le.array();
            int n = info.length;
            while (n > 0 && info[n - 1] == 0) {
                n--;
            }
            b.setSiginfo(ByteString.copyFrom(info, 0, n));
        }
    }

    private int moved(int id) {
        return id == 0 ? 0 : id + offset;
    }

    private static int[][] result() {
        return new int[][] {{RESULT, ID}};
    }

    private static int[][] args(int... pairs) {
        int[][] where = new int[pairs.length / 2][];
        for (int i = 0; i < where.length; i++) {
            where[i] = new int[] {pairs[2 * i], pairs[2 * i + 1]};
        }
        return where;
    }
}
