package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/**
 * How one syscall argument is printed. An argument marked {@code atExit} is an output the kernel
 * fills: strace prints it at exit, so an unfinished call's line stops before it.
 */
public record Arg(Format format, boolean atExit, boolean isFd) {
    @FunctionalInterface
    public interface Format {
        void append(Call call, int index, LineBuffer out);
    }

    static Arg in(Format f) {
        return new Arg(f, false, false);
    }

    static Arg out(Format f) {
        return new Arg(f, true, false);
    }

    static Arg fd(Format f) {
        return new Arg(f, false, true);
    }
}
