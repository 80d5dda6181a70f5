package io.jtrace.recorder.trace;

import java.util.Optional;

/**
 * How tracing ended.
 *
 * @param reason       why the loop ended
 * @param launchedExit exit of the command started by {@link Tracer#launch}, when it ended while traced
 * @param failure      an unexpected error that ended tracing (every tracee was still detached), or null
 */
public record TraceResult(Reason reason, Optional<ExitStatus> launchedExit, Throwable failure) {
    public enum Reason {
        /** {@link Tracer#stop()} was called; every live tracee was detached. */
        STOPPED,
        /** Every tracee exited. */
        TRACEES_EXITED,
        /** The tracer thread failed; see {@link #failure()}. */
        FAILED
    }
}
