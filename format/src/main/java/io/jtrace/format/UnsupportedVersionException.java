package io.jtrace.format;

/** The file was written with a newer major format version than this reader understands. */
public class UnsupportedVersionException extends TraceException {
    public UnsupportedVersionException(String message) {
        super(message, 0, 0);
    }
}
