package io.jtrace.analyzer.render;

/**
 * perf_event_open's arguments but its perf_event_attr, which is printed as its address (strace
 * decodes it unless {@code -e verbose=} leaves the call out; the recorder does not copy it).
 */
final class Perf {
    private static final Flags OPEN_FLAGS = Flags.of("PERF_FLAG_???", "PERF_FLAG_FD_NO_GROUP", 1,
            "PERF_FLAG_FD_OUTPUT", 2, "PERF_FLAG_PID_CGROUP", 4, "PERF_FLAG_FD_CLOEXEC", 8);

    private Perf() {
    }

    /** strace's printflags64: all 64 bits of the register. */
    static final Arg FLAGS = Arg.in((c, i, out) -> OPEN_FLAGS.flags(out, c.arg(i)));
}
