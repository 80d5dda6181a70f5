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
 * @param seccompBpf  {@code --seccomp-bpf}, launch mode only: a seccomp filter installed before
 *                    the command's exec stops its processes only at the filtered syscalls (see
 *                    {@link Launcher}); they die with the tracer (PTRACE_O_EXITKILL)
 */
public record TraceOptions(boolean followForks, SyscallFilter filter, List<String> ignoredSignals, boolean seccompBpf) {
    public TraceOptions {
        Objects.requireNonNull(filter, "filter");
        ignoredSignals = List.copyOf(ignoredSignals);
    }

    public TraceOptions(boolean followForks, SyscallFilter filter, List<String> ignoredSignals) {
        this(followForks, filter, ignoredSignals, false);
    }

    public TraceOptions(boolean followForks, SyscallFilter filter) {
        this(followForks, filter, List.of(), false);
    }

    public TraceOptions withSeccompBpf() {
        return new TraceOptions(followForks, filter, ignoredSignals, true);
    }
}
