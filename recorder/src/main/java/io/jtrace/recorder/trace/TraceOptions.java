package io.jtrace.recorder.trace;

import io.jtrace.recorder.inject.Injections;
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
 * @param injections  {@code -e inject=} / {@code -e fault=}: the calls of the filter to tamper with
 *                    ({@link Tampering}); none unless the user asked
 */
public record TraceOptions(boolean followForks, SyscallFilter filter, List<String> ignoredSignals, boolean seccompBpf,
                           Injections injections) {
    public TraceOptions {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(injections, "injections");
        ignoredSignals = List.copyOf(ignoredSignals);
    }

    public TraceOptions(boolean followForks, SyscallFilter filter, List<String> ignoredSignals, boolean seccompBpf) {
        this(followForks, filter, ignoredSignals, seccompBpf, Injections.none());
    }

    public TraceOptions(boolean followForks, SyscallFilter filter, List<String> ignoredSignals) {
        this(followForks, filter, ignoredSignals, false);
    }

    public TraceOptions(boolean followForks, SyscallFilter filter) {
        this(followForks, filter, List.of(), false);
    }

    public TraceOptions withSeccompBpf() {
        return new TraceOptions(followForks, filter, ignoredSignals, true, injections);
    }

    public TraceOptions withInjections(Injections value) {
        return new TraceOptions(followForks, filter, ignoredSignals, seccompBpf, value);
    }
}
