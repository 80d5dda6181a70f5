package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/**
 * How one syscall argument is printed. An argument marked {@code atExit} is an output the kernel
 * fills: strace prints it at exit, so an unfinished call's line stops before it. A {@code plain}
 * argument prints only digits, a pointer (hex or NULL), an fd (decorated only under -y) or the
 * call's captured bytes quoted: --grep relies on that to skip lines that cannot match. An argument
 * that prints nothing is left out with its comma (open's mode without O_CREAT) unless it
 * {@code keepsEmpty} (statx's flags 0 under -X raw, which strace prints as {@code "path", , 0xfff}).
 * {@code isFd} marks the arguments printed as fds; trace/FdCalls, the table the fd model goes by, must
 * agree (FdArgsAgreeTest).
 */
public record Arg(Format format, boolean atExit, boolean isFd, boolean plain, boolean keepsEmpty) {
    public Arg(Format format, boolean atExit, boolean isFd, boolean plain) {
        this(format, atExit, isFd, plain, false);
    }

    @FunctionalInterface
    public interface Format {
        void append(Call call, int index, LineBuffer out);
    }

    static Arg in(Format f) {
        return new Arg(f, false, false, false);
    }

    static Arg out(Format f) {
        return new Arg(f, true, false, false);
    }

    static Arg fd(Format f) {
        return new Arg(f, false, true, false);
    }

    /** This argument, marked as printing nothing but numbers, pointers, fds and captured bytes. */
    Arg asPlain() {
        return new Arg(format, atExit, isFd, true, keepsEmpty);
    }

    /** This argument, its place kept between commas when it prints nothing. */
    Arg keepingEmpty() {
        return new Arg(format, atExit, isFd, plain, true);
    }
}
