package io.jtrace.format;

/**
 * The file ends early: in the middle of a frame, or after whole frames but without the trailer
 * a clean stop writes (the recorder was killed, or the file is still being written). Every
 * record before the cut has been returned when this is thrown.
 */
public class TruncatedTraceException extends TraceException {
    private final boolean midFrame;

    public TruncatedTraceException(String message, long frame, long offset, boolean midFrame) {
        super(message, frame, offset);
        this.midFrame = midFrame;
    }

    /** True when the cut is inside a frame; false when the file simply stops without a trailer. */
    public boolean midFrame() {
        return midFrame;
    }
}
