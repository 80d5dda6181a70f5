package io.jtrace.recorder.trace;

import java.util.Objects;

/**
 * What the tracer follows and records.
 *
 * @param followForks also trace child processes (fork, vfork, clone without CLONE_THREAD): {@code -f}
 * @param filter      the syscalls handed to the sink
 */
public record TraceOptions(boolean followForks, SyscallFilter filter) {
    public TraceOptions {
        Objects.requireNonNull(filter, "filter");
    }
}
