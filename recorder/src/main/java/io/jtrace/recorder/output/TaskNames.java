package io.jtrace.recorder.output;

import com.google.protobuf.MessageLite;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.Process;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskName;
import io.jtrace.format.proto.Thread;
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
        for (Process p : header.getProcessesList()) {
            for (Thread t : p.getThreadsList()) {
                told.put(t.getTid(), t.getComm());
            }
        }
    }

    /** The record to write before {@code s}: its thread's name, read now, if this file has not named it. */
    TaskName before(Syscall s) {
        if (told.containsKey(s.getTid())) {
            return null;
        }
        if (told.size() >= MAX_THREADS) {
            told.clear(); // names are told again: harmless, and memory stays bounded
        }
        String comm = source.comm(s.getPid(), s.getTid());
        told.put(s.getTid(), comm == null ? "" : comm); // a thread that is gone is not asked again
        return comm == null ? null : name(s, comm);
    }

    /** The record to write after {@code s}: the new name, when it is a successful prctl(PR_SET_NAME) that changed it. */
    TaskName after(Syscall s) {
        if (s.getNr() != prctl || s.getUnfinished() || s.getRet() != 0 || s.getArgsCount() == 0
                || s.getArgs(0) != PR_SET_NAME) {
            return null;
        }
        String comm = null;
        for (Buffer b : s.getBuffersList()) {
            if (b.getArg() == 1 && !b.getAtExit() && b.getError() == 0 && b.getPart() == Buffer.Part.WHOLE) {
                var data = b.getData();
                comm = data.substring(0, Math.min(data.size(), COMM_BYTES)).toString(StandardCharsets.UTF_8);
            }
        }
        if (comm == null) {
            comm = source.comm(s.getPid(), s.getTid()); // the name was not captured: ask /proc
            if (comm == null) {
                return null;
            }
        }
        if (comm.equals(told.put(s.getTid(), comm))) {
            return null;
        }
        return name(s, comm);
    }

    /** Keeps up with exec (the thread takes the program's name) and exit (its tid is forgotten). */
    void seen(MessageLite m) {
        if (m instanceof Exec e) {
            if (e.getFormerTid() != 0) {
                told.remove(e.getFormerTid());
            }
            told.put(e.getTid(), e.getComm());
        } else if (m instanceof Exit x) {
            told.remove(x.getTid());
        }
    }

    /** Threads this file has named or asked about. */
    int size() {
        return told.size();
    }

    private static TaskName name(Syscall s, String comm) {
        return TaskName.newBuilder().setTid(s.getTid()).setPid(s.getPid()).setComm(comm).build();
    }
}
