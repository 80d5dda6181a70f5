package io.jtrace.recorder;

import io.jtrace.format.proto.Exec;
import io.jtrace.format.proto.Exit;
import io.jtrace.format.proto.Loss;
import io.jtrace.format.proto.Signal;
import io.jtrace.format.proto.TaskPids;
import io.jtrace.format.proto.TaskStart;
import io.jtrace.recorder.capture.BufferReader;
import io.jtrace.recorder.capture.CaptureTable;
import io.jtrace.recorder.output.RawSyscall;
import io.jtrace.recorder.output.RecordQueue;
import io.jtrace.recorder.proc.FdProbe;
import io.jtrace.recorder.proc.PidNamespaces;
import io.jtrace.recorder.proc.ProcessSnapshot;
import io.jtrace.recorder.ptrace.TraceeMemory;
import io.jtrace.recorder.trace.ExitStatus;
import io.jtrace.recorder.trace.NewTask;
import io.jtrace.recorder.trace.SyscallEvent;
import io.jtrace.recorder.trace.TraceSink;
import java.nio.file.Path;
import java.util.ArrayDeque;

/**
 * Turns what the tracer sees into records on the queue: copies buffers per the capture table
 * straight into a reused off-heap record, queues syscalls as raw values (the writer encodes them)
 * and the rare events as messages, and counts syscalls for {@code -c}. Runs on the tracer thread,
 * and allocates nothing per syscall.
 */
final class RecordingSink implements TraceSink {
    /** A pooled record grown past this (one huge buffer) gives its memory back. */
    private static final int MAX_POOLED_BYTES = 1 << 20;
    private final CaptureTable captures;
    private final long snaplen;
    private final RecordQueue queue;
    private final long limit;
    private final Runnable onLimit;
    private BufferReader reader;
    private long syscalls;
    /** The record of a call that copied nothing at entry: filled at the exit stop and queued at once. */
    private final RawSyscall record = new RawSyscall();
    /** Records for calls that copied buffers at entry, kept for reuse: as many as calls in flight at once. */
    private final ArrayDeque<RawSyscall> free = new ArrayDeque<>();
    private final long[] args = new long[6];

    private final TracedProcesses processes;
    private final PidNamespaces pidNamespaces;

    /**
     * @param limit   stop after this many syscalls (-c), 0 = no limit
     * @param onLimit called once when the limit is reached
     */
    private final FdProbe probe;
    private final byte[] fdPair = new byte[8];
    /** struct msghdr on LP64; msg_control at 32, msg_controllen at 40. */
    private static final int MSGHDR_SIZE = 56;
    /** The most of a received msg_control searched for fds: SCM_MAX_FD (253) of them fit. */
    private static final int RIGHTS_CONTROL_MAX = 4096;
    private static final int CMSG_HEADER = 16;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private final byte[] msghdr = new byte[MSGHDR_SIZE];
    private final byte[] control = new byte[RIGHTS_CONTROL_MAX];

    RecordingSink(CaptureTable captures, FdProbe probe, long snaplen, RecordQueue queue, long limit, Runnable onLimit,
                  TracedProcesses processes, PidNamespaces pidNamespaces) {
        this.probe = probe;
        this.pidNamespaces = pidNamespaces;
        this.processes = processes;
        this.captures = captures;
        this.snaplen = snaplen;
        this.queue = queue;
        this.limit = limit;
        this.onLimit = onLimit;
    }

    private BufferReader reader(TraceeMemory memory, int tid, RawSyscall record) {
        if (reader == null) {
            reader = new BufferReader(memory, snaplen);
        }
        reader.use(tid, record);
        return reader;
    }

    @Override
    public void syscallEntry(SyscallEvent call, TraceeMemory memory) {
        if (captures.capturesAtEntry(call.nr())) {
            RawSyscall record = free.isEmpty() ? new RawSyscall() : free.pop();
            record.clear();
            captures.atEntry(call, reader(memory, call.tid(), record));
            if (record.empty()) {
                free.push(record);
            } else {
                call.attach(record); // held until the exit, while other threads' calls go by
            }
        }
    }

    @Override
    public void syscallExit(SyscallEvent call, TraceeMemory memory) {
        RawSyscall record = record(call);
        try {
            if (limit > 0 && syscalls >= limit) {
                return; // the stop is under way; calls finishing meanwhile are beyond -c
            }
            if (captures.capturesAtExit(call)) {
                captures.atExit(call, reader(memory, call.tid(), record));
            }
            call.copyArgs(args);
            probeFds(call, memory, record);
            record.header(call.tid(), call.pid(), call.nr(), args, call.returnValue(), call.entryNanos(),
                    call.exitNanos() - call.entryNanos(), false);
            if (call.injected()) {
                record.injected();
            }
            if (call.poked()) {
                record.poked();
            }
            TaskPids ids = pidNamespaces.due(call.tid(), call.pid(), call.nr(), call.returnValue());
            if (ids != null) {
                queue.put(call.entryNanos(), ids); // before the record: the analyzer reads it first
            }
            queue.put(record);
        } catch (RuntimeException e) {
            // never silently: the syscall becomes a loss record, the error goes to the tracer's list
            queue.put(call.entryNanos(), Loss.newBuilder().setReason(Loss.Reason.CAPTURE_FAILED)
                    .setTid(call.tid()).setRecords(1).build());
            throw e;
        } finally {
            release(call, record);
        }
        if (limit > 0 && ++syscalls == limit) {
            onLimit.run();
        }
    }

    /** The state of the fds the call created or changed, for -y/-yy ({@link FdProbe}). */
    private void probeFds(SyscallEvent call, TraceeMemory memory, RawSyscall record) {
        long ret = call.returnValue();
        int fd = probe.fdOf(call.nr(), args, ret);
        if (fd >= 0) {
            addFd(call, fd, record);
            return;
        }
        long pair = probe.pairAddress(call.nr(), args, ret);
        if (pair != 0 && memory.readInto(call.tid(), pair, fdPair, 0, 8) == 8) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(fdPair).order(java.nio.ByteOrder.nativeOrder());
            addFd(call, b.getInt(0), record);
            addFd(call, b.getInt(4), record);
        }
        long pidfd = probe.pidfdAddress(call.nr(), args, ret);
        if (pidfd == FdProbe.CLONE_ARGS && memory.readInto(call.tid(), args[0], fdPair, 0, 8) == 8
                && (java.nio.ByteBuffer.wrap(fdPair).order(java.nio.ByteOrder.nativeOrder()).getLong(0)
                    & FdProbe.CLONE_PIDFD) != 0) {
            pidfd = memory.readInto(call.tid(), args[0] + 8, fdPair, 0, 8) == 8
                    ? java.nio.ByteBuffer.wrap(fdPair).order(java.nio.ByteOrder.nativeOrder()).getLong(0) : 0;
        } else if (pidfd == FdProbe.CLONE_ARGS) {
            pidfd = 0;
        }
        if (pidfd != 0 && memory.readInto(call.tid(), pidfd, fdPair, 0, 4) == 4) {
            addFd(call, java.nio.ByteBuffer.wrap(fdPair).order(java.nio.ByteOrder.nativeOrder()).getInt(0), record);
        }
        long hdr = probe.msghdrAddress(call.nr(), args, ret);
        if (hdr != 0) {
            receivedFds(call, memory, hdr, record);
        }
    }

    /** The fds a recvmsg received in SCM_RIGHTS messages (msg_controllen as the kernel left it). */
    private void receivedFds(SyscallEvent call, TraceeMemory memory, long hdr, RawSyscall record) {
        if (memory.readInto(call.tid(), hdr, msghdr, 0, MSGHDR_SIZE) != MSGHDR_SIZE) {
            return;
        }
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(msghdr).order(java.nio.ByteOrder.nativeOrder());
        long controlAddress = h.getLong(32);
        int length = (int) Math.min(h.getLong(40), RIGHTS_CONTROL_MAX);
        if (controlAddress == 0 || length < CMSG_HEADER || memory.readInto(call.tid(), controlAddress, control, 0, length) != length) {
            return;
        }
        java.nio.ByteBuffer c = java.nio.ByteBuffer.wrap(control, 0, length).order(java.nio.ByteOrder.nativeOrder());
        for (int at = 0; at + CMSG_HEADER <= length; ) {
            long len = c.getLong(at);
            if (len < CMSG_HEADER || len > length - at) {
                break;
            }
            if (c.getInt(at + 8) == SOL_SOCKET && c.getInt(at + 12) == SCM_RIGHTS) {
                for (int i = at + CMSG_HEADER; i + 4 <= at + len; i += 4) {
                    addFd(call, c.getInt(i), record);
                }
            }
            at += (int) ((len + 7) & ~7L);
        }
    }

    private void addFd(SyscallEvent call, int fd, RawSyscall record) {
        byte[] state = probe.probe(call.pid(), call.tid(), fd);
        if (state != null) {
            record.fdState(state);
        }
    }

    @Override
    public void syscallDropped(SyscallEvent call) {
        release(call, record(call));
    }

    @Override
    public void syscallUnfinished(SyscallEvent call) {
        RawSyscall record = record(call);
        try {
            call.copyArgs(args);
            record.header(call.tid(), call.pid(), call.nr(), args, 0, call.entryNanos(), 0, true);
            queue.put(record);
        } finally {
            release(call, record);
        }
    }

    /** The record the call's entry filled, or the shared one, empty, for a call that copied nothing at entry. */
    private RawSyscall record(SyscallEvent call) {
        if (call.attachment() instanceof RawSyscall entered) {
            return entered;
        }
        record.clear();
        return record;
    }

    private void release(SyscallEvent call, RawSyscall used) {
        if (used != record) {
            call.attach(null);
            used.shrink(MAX_POOLED_BYTES);
            free.push(used);
        }
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
        processes.execed(pid);
        captures.forget(pid);
        Path proc = Path.of("/proc", Integer.toString(pid));
        Exec.Builder e = Exec.newBuilder().setTid(tid).setPid(pid).setFormerTid(formerTid == tid ? 0 : formerTid)
                .addAllArgv(ProcessSnapshot.readNulSeparated(proc.resolve("cmdline")));
        ProcessSnapshot.readLink(proc.resolve("exe")).ifPresent(e::setExe);
        e.setComm(ProcessSnapshot.readFirstLine(proc.resolve("comm")));
        queue.put(timeNanos, e.build());
    }

    @Override
    public void exit(int tid, int pid, ExitStatus status, long timeNanos) {
        pidNamespaces.forget(tid);
        if (tid == pid) {
            processes.remove(pid);
            probe.forget(pid);
            captures.forget(pid);
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
