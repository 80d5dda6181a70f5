package io.jtrace.recorder.output;

import java.io.IOException;

/** The output cannot be written; the message is the user's one line and names the output. */
public final class OutputException extends IOException {
    OutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
