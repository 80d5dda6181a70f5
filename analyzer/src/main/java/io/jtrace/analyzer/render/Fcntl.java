package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;

/** fcntl's command-dependent third argument and return value, and open's optional mode. */
final class Fcntl {
    private Fcntl() {
    }

    private static final int F_DUPFD = 0;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int O_CREAT = 0100;
    private static final int O_TMPFILE = 020000000;

    /** fd, command, and the third argument only for commands that take one. */
    static final Arg ARGS = Arg.fd((c, i, out) -> {
        c.fd(out, c.arg(0));
        out.append(", ");
        int cmd = (int) c.arg(1);
        Consts.FCNTL.hexValue(out, cmd);
        switch (cmd) {
            case F_GETFD, F_GETFL, 9, 11, 1025, 1032, 1034 -> {
            }
            case F_SETFD -> Consts.FD_FLAGS.bits(out.append(", "), c.arg(2) & 0xffffffffL);
            case F_SETFL -> Args.openFlags(out.append(", "), c.arg(2));
            case F_DUPFD, F_DUPFD_CLOEXEC, 8, 10, 1024, 1031 -> out.append(", ").append((int) c.arg(2));
            default -> Formats.pointer(out.append(", "), c.arg(2));
        }
    });

    static final Decoders.Ret RET = (c, out) -> {
        int cmd = (int) c.arg(1);
        long r = c.ret();
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> Decoders.NEW_FD.append(c, out);
            case F_GETFD -> {
                Formats.hex(out, r);
                if (r != 0) {
                    Consts.FD_FLAGS.bits(out.append(" (flags "), r);
                    out.append(')');
                }
            }
            case F_GETFL -> {
                Formats.hex(out, r);
                Args.openFlags(out.append(" (flags "), r);
                out.append(')');
            }
            default -> out.append(r);
        }
    };

    /** open's mode: printed only when O_CREAT or O_TMPFILE asks for it. */
    static final Arg CREATE_MODE = Arg.in((c, i, out) -> {
        if (hasMode(c, i - 1)) {
            Formats.mode(out, c.arg(i));
        }
    });

    static boolean hasMode(Call c, int flagsArg) {
        long flags = c.arg(flagsArg);
        return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE;
    }
}
