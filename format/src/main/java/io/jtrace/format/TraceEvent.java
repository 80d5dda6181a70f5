package io.jtrace.format;

import io.jtrace.format.proto.Record;

/**
 * One record of a trace with its time resolved: the delta encoding of the file is undone by the
 * reader, so {@link #timeNs()} is nanoseconds since the recording started. A syscall record is
 * read as a {@link RecordedSyscall}, without protobuf's objects; {@link #record()} makes the
 * message when asked.
 */
public final class TraceEvent {
    /** The message; for a syscall read without one, made at the first {@link #record()}. */
    private Record record;
    /** The syscall of a syscall record, else null. */
    private final RecordedSyscall syscall;
    /** The record's time delta field, for the message made of a syscall. */
    private final long timeDelta;
    /** The record's kind, asked of every record many times over by the views. */
    private final Record.KindCase kind;
    private final long timeNs;
    private final long frame;
    private final Object note;

    public TraceEvent(Record record, long timeNs, long frame) {
        this(record, timeNs, frame, null);
    }

    /** @param note what the reader's note function made of the record, or null */
    public TraceEvent(Record record, long timeNs, long frame, Object note) {
        this.record = record;
        this.kind = record.getKindCase();
        this.syscall = kind == Record.KindCase.SYSCALL ? RecordedSyscall.of(record.getSyscall()) : null;
        this.timeDelta = record.getTimeDelta();
        this.timeNs = timeNs;
        this.frame = frame;
        this.note = note;
    }

    /**
     * A syscall record: the call, the record's time delta field (what its message holds), its time resolved, the
     * frame it was read from and its note, or null.
     */
    public TraceEvent(RecordedSyscall syscall, long timeDelta, long timeNs, long frame, Object note) {
        this.syscall = java.util.Objects.requireNonNull(syscall);
        this.kind = Record.KindCase.SYSCALL;
        this.timeDelta = timeDelta;
        this.timeNs = timeNs;
        this.frame = frame;
        this.note = note;
    }

    /** This syscall record at another time, its call changed (pids moved apart in merged recordings). */
    public TraceEvent with(long timeNs, RecordedSyscall syscall) {
        if (kind != Record.KindCase.SYSCALL) {
            throw new IllegalStateException("not a syscall record: " + kind);
        }
        return new TraceEvent(syscall, timeDelta, timeNs, frame, note);
    }

    /** The same record at another time (a later file of a set, on the set's clock). */
    public TraceEvent at(long timeNs) {
        return new TraceEvent(this, timeNs);
    }

    private TraceEvent(TraceEvent e, long timeNs) {
        this.record = e.record;
        this.syscall = e.syscall;
        this.timeDelta = e.timeDelta;
        this.kind = e.kind;
        this.timeNs = timeNs;
        this.frame = e.frame;
        this.note = e.note;
    }

    /** The decoded message (made, for a syscall read without one, at the first call). */
    public Record record() {
        if (record == null) {
            record = Record.newBuilder().setTimeDelta(timeDelta).setSyscall(syscall.toProto()).build();
        }
        return record;
    }

    /** The syscall of a syscall record, read without protobuf's objects; {@link RecordedSyscall#EMPTY} for others. */
    public RecordedSyscall syscall() {
        return syscall != null ? syscall : RecordedSyscall.EMPTY;
    }

    /** Which kind of record this is. */
    public Record.KindCase kind() {
        return kind;
    }

    /**
     * Nanoseconds since the recording started ({@code Header.start_monotonic_ns}); for a syscall
     * its entry time, the exit being {@code timeNs() + syscall.getDurationNs()}.
     */
    public long timeNs() {
        return timeNs;
    }

    /** Index of the frame the record was read from. */
    public long frame() {
        return frame;
    }

    /** What the function {@link TraceReader#note} ran on the record returned; null without one. */
    public Object note() {
        return note;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TraceEvent e && e.timeNs == timeNs && e.kind == kind && e.record().equals(record());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeNs) * 31 + record().hashCode();
    }

    @Override
    public String toString() {
        return "TraceEvent[" + timeNs + " ns, " + kind + "]";
    }
}
