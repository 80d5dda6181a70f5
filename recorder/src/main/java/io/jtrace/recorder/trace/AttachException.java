package io.jtrace.recorder.trace;

/** Tracing could not start; the message is one line meant for the user ("no such process: 1234"). */
public final class AttachException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttachException(String message) {
        super(message);
    }

    public AttachException(String message, Throwable cause) {
        super(message, cause);
    }
}
