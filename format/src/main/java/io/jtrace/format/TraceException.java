package io.jtrace.format;

import java.io.IOException;

/**
 * A trace file that cannot be read further. Carries where the problem was found: the index of
 * the frame (0 is the header frame) and the byte offset in the file where that frame starts.
 */
public class TraceException extends IOException {
    private final long frame;
    private final long offset;

    public TraceException(String message, long frame, long offset) {
        this(message, frame, offset, null);
    }

    public TraceException(String message, long frame, long offset, Throwable cause) {
        super(message, cause);
        this.frame = frame;
        this.offset = offset;
    }

    /** Index of the frame in which the problem was found, counting from 0. */
    public long frame() {
        return frame;
    }

    /** Byte offset in the file of the start of that frame. */
    public long offset() {
        return offset;
    }
}
