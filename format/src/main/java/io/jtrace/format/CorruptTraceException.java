package io.jtrace.format;

/** The file is not a trace, or a frame or message in it is damaged. */
public class CorruptTraceException extends TraceException {
    public CorruptTraceException(String message, long frame, long offset) {
        super(message, frame, offset);
    }

    public CorruptTraceException(String message, long frame, long offset, Throwable cause) {
        super(message, frame, offset, cause);
    }
}
