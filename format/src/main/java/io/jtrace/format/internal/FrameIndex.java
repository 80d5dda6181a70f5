package io.jtrace.format.internal;

/**
 * What a frame holds, in its metadata since format 1.5, so that a reader can skip a frame by
 * time without decompressing it: the smallest and largest record time (ns from the recording
 * start, as {@code TraceEvent.timeNs()}), the record count, and flags for the frames a reader
 * must never skip (the header, the trailer, losses, and the records that say which tasks exist and
 * their names: a view's thread state then stays whole whatever it skips).
 */
public record FrameIndex(long firstNs, long lastNs, int records, int flags) {
    /** Bytes the index adds to {@link FrameMeta}. */
    public static final int SIZE = 24;
    /** The frame holds the header record. */
    public static final int HEADER = 1;
    /** The frame holds the trailer record. */
    public static final int TRAILER = 2;
    /** The frame holds a loss record. */
    public static final int LOSS = 4;
    /** The frame holds a TaskStart, Exit, Exec, TaskName or TaskPids record. */
    public static final int TASKS = 8;

    /** True when every record lies outside [since, until] and nothing in the frame must be read. */
    public boolean outside(long since, long until) {
        return (flags & (HEADER | TRAILER | LOSS | TASKS)) == 0 && records > 0 && (lastNs < since || firstNs > until);
    }
}
