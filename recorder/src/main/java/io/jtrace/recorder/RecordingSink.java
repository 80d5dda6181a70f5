package io.jtrace.recorder;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.Syscall;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.recorder.capture.BufferReader;
import io.jtrace.recorder.capture.CaptureTable;
import io.jtrace.recorder.output.RecordQueue;
import io.jtrace.recorder.proc.ProcessSnapshot;
import io.jtrace.recorder.ptrace.TraceeMemory;
import io.jtrace.recorder.trace.ExitStatus;
import io.jtrace.recorder.trace.NewTask;
import io.jtrace.recorder.trace.SyscallEvent;
import io.jtrace.recorder.trace.TraceSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the tracer sees into records on the queue: copies buffers per the capture table,
 * builds the messages (raw values only, nothing decoded) and counts syscalls for {@code -c}.
 * Runs on the tracer thread.
 */
final class RecordingSink implements TraceSink {
    private final CaptureTable captures;
    private final long snaplen;
    private final RecordQueue queue;
    private final long limit;
    private final Runnable onLimit;
    private BufferReader reader;
    private long syscalls;

    /**
     * @param limit   stop after this many syscalls (-c), 0 = no limit
     * @param onLimit called once when the limit is reached
     */
    private final TracedProcesses processes;
    private final io.jtrace.format.syscalls.SyscallTable argCounts;

    RecordingSink(io.jtrace.format.syscalls.SyscallTable table, CaptureTable captures, long snaplen, RecordQueue queue, long limit, Runnable onLimit,
                  TracedProcesses processes) {
        this.processes = processes;
        this.argCounts = table;
        this.captures = captures;
        this.snaplen = snaplen;
        this.queue = queue;
        this.limit = limit;
        this.onLimit = onLimit;
    }

    private BufferReader reader(TraceeMemory memory, int tid) {
        if (reader == null) {
            reader = new BufferReader(memory, snaplen);
        }
        reader.use(tid);
        return reader;
    }

    @Override
    public void syscallEntry(SyscallEvent call, TraceeMemory memory) {
        if (captures.capturesAtEntry(call.nr())) {
            List<Buffer> buffers = new ArrayList<>(2);
            captures.atEntry(call, reader(memory, call.tid()), buffers);
            call.attach(buffers);
        }
    }

    @Override
    public void syscallExit(SyscallEvent call, TraceeMemory memory) {
        if (limit > 0 && syscalls >= limit) {
            return; // the stop is under way; calls finishing meanwhile are beyond -c
        }
        try {
            Syscall.Builder s = syscall(call).setRet(call.returnValue())
                    .setDurationNs(call.exitNanos() - call.entryNanos());
            if (captures.capturesAtExit(call)) {
                List<Buffer> buffers = new ArrayList<>(2);
                captures.atExit(call, reader(memory, call.tid()), buffers);
                s.addAllBuffers(buffers);
            }
            queue.put(call.entryNanos(), s.build());
        } catch (RuntimeException e) {
            // never silently: the syscall becomes a loss record, the error goes to the tracer's list
            queue.put(call.entryNanos(), Loss.newBuilder().setReason(Loss.Reason.CAPTURE_FAILED)
                    .setTid(call.tid()).setRecords(1).build());
            throw e;
        }
        if (limit > 0 && ++syscalls == limit) {
            onLimit.run();
        }
    }

    @Override
    public void syscallUnfinished(SyscallEvent call) {
        queue.put(call.entryNanos(), syscall(call).setUnfinished(true).build());
    }

    @SuppressWarnings("unchecked")
    private Syscall.Builder syscall(SyscallEvent call) {
        Syscall.Builder s = Syscall.newBuilder().setTid(call.tid()).setPid(call.pid()).setNr(call.nr());
        // registers beyond the syscall's own arguments hold leftovers: not worth 7 bytes each
        int last = argCounts.argCount(call.nr()) - 1;
        while (last >= 0 && call.arg(last) == 0) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            s.addArgs(call.arg(i));
        }
        if (call.attachment() instanceof List<?> entryBuffers) {
            s.addAllBuffers((List<Buffer>) entryBuffers);
        }
        return s;
    }

    @Override
    public void taskStart(NewTask t) {
        if (t.newProcess()) {
            processes.add(t.pid());
        }
        queue.put(t.timeNanos(), TaskStart.newBuilder().setTid(t.tid()).setPid(t.pid()).setParentTid(t.parentTid())
                .setCloneFlags(t.cloneFlags()).setNewProcess(t.newProcess()).setAttached(t.attached()).build());
    }

    @Override
    public void exec(int tid, int pid, int formerTid, long timeNanos) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        Exec.Builder e = Exec.newBuilder().setTid(tid).setPid(pid).setFormerTid(formerTid == tid ? 0 : formerTid)
                .addAllArgv(ProcessSnapshot.readNulSeparated(proc.resolve("cmdline")));
        ProcessSnapshot.readLink(proc.resolve("exe")).ifPresent(e::setExe);
        e.setComm(ProcessSnapshot.readFirstLine(proc.resolve("comm")));
        queue.put(timeNanos, e.build());
    }

    @Override
    public void exit(int tid, int pid, ExitStatus status, long timeNanos) {
        if (tid == pid) {
            processes.remove(pid);
        }
        queue.put(timeNanos, Exit.newBuilder().setTid(tid).setPid(pid).setStatus(status.code())
                .setSignal(status.signal()).setCoreDumped(status.coreDumped()).build());
    }

    @Override
    public void detached(int tid, int pid, long timeNanos) {
        queue.put(timeNanos, Exit.newBuilder().setTid(tid).setPid(pid).setDetached(true).build());
    }

    @Override
    public void signal(int tid, int pid, int signo, byte[] siginfo, long timeNanos) {
        int end = siginfo.length;
        while (end > 0 && siginfo[end - 1] == 0) {
            end--;
        }
        queue.put(timeNanos, Signal.newBuilder().setTid(tid).setPid(pid).setSigno(signo)
                .setSiginfo(com.google.protobuf.ByteString.copyFrom(siginfo, 0, end)).build());
    }

    @Override
    public void groupStop(int tid, int pid, int signo, long timeNanos) {
        queue.put(timeNanos, Signal.newBuilder().setTid(tid).setPid(pid).setSigno(signo).setGroupStop(true).build());
    }

    long syscalls() {
        return syscalls;
    }
}
