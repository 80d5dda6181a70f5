package io.jtrace.format;

import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Syscall;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A syscall record as {@link TraceReader} reads it: the fields of a {@link Syscall} message, read by the same
 * accessors, held without protobuf's objects. The reader makes one object, an array of arguments and a small list of
 * buffers per record, where the generated message costs a builder's lists copied and wrapped at every build
 * (BENCHMARKS.md, "Issue 15, eighth session"). {@link #toProto()} gives the message, equal to the one protobuf's
 * parser makes of the same bytes; a record that protobuf's parser read (one with fields of a newer minor version)
 * keeps that message, unknown fields and all.
 */
public final class RecordedSyscall {
    private static final long[] NO_ARGS = {};

    /** What a record of another kind has for a syscall: every field zero or empty, as the message's default. */
    public static final RecordedSyscall EMPTY = new RecordedSyscall(0, 0, 0, NO_ARGS, 0, 0, List.of(), false,
            List.of(), false, false, Syscall.getDefaultInstance());

    private final int tid;
    private final int pid;
    private final int nr;
    private final long[] args;
    private final long ret;
    private final long durationNs;
    private final List<RecordedBuffer> buffers;
    private final boolean unfinished;
    private final List<Fd> fds;
    private final boolean injected;
    private final boolean poked;
    /** The message it was read from, or null when it was read without one. */
    private final Syscall source;

    /**
     * The fields as decoded; {@code args} and the lists are kept, not copied (the caller hands them over), and
     * {@code source} is the message they were read from, or null.
     */
    public RecordedSyscall(int tid, int pid, int nr, long[] args, long ret, long durationNs,
            List<RecordedBuffer> buffers, boolean unfinished, List<Fd> fds, boolean injected, boolean poked,
            Syscall source) {
        this.tid = tid;
        this.pid = pid;
        this.nr = nr;
        this.args = args;
        this.ret = ret;
        this.durationNs = durationNs;
        this.buffers = buffers;
        this.unfinished = unfinished;
        this.fds = fds;
        this.injected = injected;
        this.poked = poked;
        this.source = source;
    }

    /** The message's fields (the message is kept: {@link #toProto()} returns it). */
    public static RecordedSyscall of(Syscall s) {
        long[] args = new long[s.getArgsCount()];
        for (int i = 0; i < args.length; i++) {
            args[i] = s.getArgs(i);
        }
        List<RecordedBuffer> buffers = new ArrayList<>(s.getBuffersCount());
        for (Buffer b : s.getBuffersList()) {
            buffers.add(RecordedBuffer.of(b));
        }
        return new RecordedSyscall(s.getTid(), s.getPid(), s.getNr(), args, s.getRet(), s.getDurationNs(),
                List.copyOf(buffers), s.getUnfinished(), s.getFdsList(), s.getInjected(), s.getPoked(), s);
    }

    /**
     * The same call with other thread and process ids, arguments and result (pids moved apart, as merged recordings
     * show them); a message it was read from is changed alike, unknown fields kept. {@code args} is kept, not copied.
     */
    public RecordedSyscall with(int tid, int pid, long[] args, long ret) {
        Syscall moved = null;
        if (source != null) {
            Syscall.Builder b = source.toBuilder().setTid(tid).setPid(pid).setRet(ret).clearArgs();
            for (long a : args) {
                b.addArgs(a);
            }
            moved = b.build();
        }
        return new RecordedSyscall(tid, pid, nr, args, ret, durationNs, buffers, unfinished, fds, injected, poked,
                moved);
    }

    /** The message: the one it was read from, or one made with its fields. */
    public Syscall toProto() {
        if (source != null) {
            return source;
        }
        Syscall.Builder b = Syscall.newBuilder().setTid(tid).setPid(pid).setNr(nr).setRet(ret).setDurationNs(durationNs)
                .setUnfinished(unfinished).addAllFds(fds).setInjected(injected).setPoked(poked);
        for (long a : args) {
            b.addArgs(a);
        }
        for (RecordedBuffer buffer : buffers) {
            b.addBuffers(buffer.toProto());
        }
        return b.build();
    }

    public int getTid() {
        return tid;
    }

    public int getPid() {
        return pid;
    }

    public int getNr() {
        return nr;
    }

    public int getArgsCount() {
        return args.length;
    }

    /** @throws IndexOutOfBoundsException beyond {@link #getArgsCount()}, as the message's accessor */
    public long getArgs(int index) {
        return args[index];
    }

    public long getRet() {
        return ret;
    }

    public long getDurationNs() {
        return durationNs;
    }

    public int getBuffersCount() {
        return buffers.size();
    }

    public RecordedBuffer getBuffers(int index) {
        return buffers.get(index);
    }

    /** The buffers, unmodifiable. */
    public List<RecordedBuffer> getBuffersList() {
        return buffers;
    }

    public boolean getUnfinished() {
        return unfinished;
    }

    public int getFdsCount() {
        return fds.size();
    }

    public Fd getFds(int index) {
        return fds.get(index);
    }

    /** The fds, unmodifiable. */
    public List<Fd> getFdsList() {
        return fds;
    }

    public boolean getInjected() {
        return injected;
    }

    public boolean getPoked() {
        return poked;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RecordedSyscall s)) {
            return false;
        }
        if (source != null || s.source != null) {
            return toProto().equals(s.toProto());   // unknown fields count too, as between messages
        }
        return s.tid == tid && s.pid == pid && s.nr == nr && s.ret == ret && s.durationNs == durationNs
                && s.unfinished == unfinished && s.injected == injected && s.poked == poked
                && Arrays.equals(s.args, args) && s.buffers.equals(buffers) && s.fds.equals(fds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tid, pid, nr, ret, durationNs, Arrays.hashCode(args), buffers, fds);
    }

    @Override
    public String toString() {
        return "RecordedSyscall[nr " + nr + ", pid " + pid + ", tid " + tid + ", ret " + ret + ", "
                + args.length + " args, " + buffers.size() + " buffers" + (unfinished ? ", unfinished" : "") + "]";
    }
}
