package io.jtrace.recorder.output;

import com.google.protobuf.MessageLite;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.ThreadInfo;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.proc.ProcessSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The thread names the current file has told, so that the writer names a thread before its first
 * syscall record (threads created after the attach carry no name otherwise) and after a traced
 * prctl(PR_SET_NAME). Writer thread only, never the tracer's: reading /proc costs a few
 * microseconds, once per thread and file.
 */
public final class TaskNames {
    /** A thread's current name; null when the thread is gone. */
    @FunctionalInterface
    public interface Source {
        String comm(int pid, int tid);
    }

    private static final long PR_SET_NAME = 15;
    /** TASK_COMM_LEN - 1: the bytes of a name the kernel keeps. */
    private static final int COMM_BYTES = 15;
    /** Exits dropped with --drop would leave their tids here: past this many, start over. */
    static final int MAX_THREADS = 1 << 16;

    private final int prctl;
    private final Source source;
    /** tid to the name this file gave it; "" for a thread that was gone when asked. */
    private final Map<Integer, String> told = new HashMap<>();
    /** Tids {@link #told} holds, direct-mapped (0: none): spares a boxed look-up per syscall. */
    private final int[] toldCache = new int[1024];

    /** @param prctl the prctl syscall number, or -1 when the architecture's table has none */
    public TaskNames(int prctl, Source source) {
        this.prctl = prctl;
        this.source = source;
    }

    /** Names read from /proc/PID/task/TID/comm. */
    public static TaskNames fromProc(SyscallTable table) {
        return new TaskNames(table.number("prctl"), ProcessSnapshot::threadComm);
    }

    /** A new file begins: its header names the threads it lists, and nothing else is told yet. */
    void reset(Header header) {
        told.clear();
        java.util.Arrays.fill(toldCache, 0);
        for (ProcessInfo p : header.getProcessesList()) {
            for (ThreadInfo t : p.getThreadsList()) {
                told.put(t.getTid(), t.getComm());
            }
        }
    }

    /** The syscall a name is told around: what the writer has of it, a message or a raw record. */
    interface Call {
        int tid();

        int pid();

        int nr();

        boolean unfinished();

        long ret();

        long arg0();

        /** The name a prctl(PR_SET_NAME) passed, as captured (at most 15 bytes); null if not captured. */
        String capturedName();
    }

    /** The record to write before {@code s}: its thread's name, read now, if this file has not named it. */
    TaskName before(Syscall s) {
        return before(s.getTid(), s.getPid());
    }

    TaskName before(int tid, int pid) {
        int slot = tid & (toldCache.length - 1);
        if (toldCache[slot] == tid && tid != 0) {
            return null;
        }
        Integer key = tid;
        if (told.containsKey(key)) {
            toldCache[slot] = tid;
            return null;
        }
        if (told.size() >= MAX_THREADS) {
            told.clear(); // names are told again: harmless, and memory stays bounded
            java.util.Arrays.fill(toldCache, 0);
        }
        String comm = source.comm(pid, tid);
        told.put(key, comm == null ? "" : comm); // a thread that is gone is not asked again
        toldCache[slot] = tid;
        return comm == null ? null : name(tid, pid, comm);
    }

    /** The record to write after {@code s}: the new name, when it is a successful prctl(PR_SET_NAME) that changed it. */
    TaskName after(Syscall s) {
        return after(new MessageCall(s));
    }

    TaskName after(Call s) {
        if (s.nr() != prctl || s.unfinished() || s.ret() != 0 || s.arg0() != PR_SET_NAME) {
            return null;
        }
        String comm = s.capturedName();
        if (comm == null) {
            comm = source.comm(s.pid(), s.tid()); // the name was not captured: ask /proc
            if (comm == null) {
                return null;
            }
        }
        if (comm.equals(told.put(s.tid(), comm))) {
            return null;
        }
        return name(s.tid(), s.pid(), comm);
    }

    /** A Syscall message as a {@link Call}. */
    private record MessageCall(Syscall s) implements Call {
        @Override
        public int tid() {
            return s.getTid();
        }

        @Override
        public int pid() {
            return s.getPid();
        }

        @Override
        public int nr() {
            return s.getNr();
        }

        @Override
        public boolean unfinished() {
            return s.getUnfinished();
        }

        @Override
        public long ret() {
            return s.getRet();
        }

        @Override
        public long arg0() {
            return s.getArgsCount() == 0 ? 0 : s.getArgs(0);
        }

        @Override
        public String capturedName() {
            String comm = null;
            for (Buffer b : s.getBuffersList()) {
                if (b.getArg() == 1 && !b.getAtExit() && b.getError() == 0 && b.getPart() == Buffer.Part.WHOLE) {
                    var data = b.getData();
                    comm = data.substring(0, Math.min(data.size(), COMM_BYTES)).toString(StandardCharsets.UTF_8);
                }
            }
            return comm;
        }
    }

    /** Keeps up with exec (the thread takes the program's name) and exit (its tid is forgotten). */
    void seen(MessageLite m) {
        if (m instanceof Exec e) {
            if (e.getFormerTid() != 0) {
                forget(e.getFormerTid());
            }
            told.put(e.getTid(), e.getComm());
        } else if (m instanceof Exit x) {
            forget(x.getTid());
        }
    }

    private void forget(int tid) {
        told.remove(tid);
        int slot = tid & (toldCache.length - 1);
        if (toldCache[slot] == tid) {
            toldCache[slot] = 0;
        }
    }

    /** Threads this file has named or asked about. */
    int size() {
        return told.size();
    }

    private static TaskName name(int tid, int pid, String comm) {
        return TaskName.newBuilder().setTid(tid).setPid(pid).setComm(comm).build();
    }
}
