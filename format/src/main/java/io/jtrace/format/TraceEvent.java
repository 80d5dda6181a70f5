package io.jtrace.format;

import io.jtrace.format.proto.Record;

/**
 * One record of a trace with its time resolved: the delta encoding of the file is undone by the
 * reader, so {@link #timeNs()} is nanoseconds since the recording started.
 */
public final class TraceEvent {
    private final Record record;
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
        this.timeNs = timeNs;
        this.frame = frame;
        this.note = note;
    }

    /** The decoded message. */
    public Record record() {
        return record;
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
        return o instanceof TraceEvent e && e.timeNs == timeNs && e.record.equals(record);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeNs) * 31 + record.hashCode();
    }

    @Override
    public String toString() {
        return "TraceEvent[" + timeNs + " ns, " + record.getKindCase() + "]";
    }
}
