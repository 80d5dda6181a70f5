package io.jtrace.recorder.trace;

import java.util.List;
import java.util.Objects;

/**
 * What the tracer follows and records.
 *
 * @param followForks also trace child processes (fork, vfork, clone without CLONE_THREAD): {@code -f}
 * @param filter      the syscalls handed to the sink
 * @param ignoredSignals signals (names without SIG) the recorder inherited as ignored and a launched
 *                    command must inherit so too, although the recorder handles them itself
 */
public record TraceOptions(boolean followForks, SyscallFilter filter, List<String> ignoredSignals) {
    public TraceOptions {
        Objects.requireNonNull(filter, "filter");
        ignoredSignals = List.copyOf(ignoredSignals);
    }

    public TraceOptions(boolean followForks, SyscallFilter filter) {
        this(followForks, filter, List.of());
    }
}
