package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/** struct timespec, timeval and itimerspec, and the time pairs of utimensat and futimesat, as strace prints them. */
final class Times {
    static final int TIMESPEC = 16;
    static final int TIMEVAL = 16;
    private static final long UTIME_NOW = (1L << 30) - 1;
    private static final long UTIME_OMIT = (1L << 30) - 2;

    private Times() {
    }

    /** {@code {tv_sec=1, tv_nsec=2}}: seconds signed, nanoseconds as an unsigned long. */
    static void timespec(LineBuffer out, ByteBuffer b, int offset) {
        out.append("{tv_sec=").append(b.getLong(offset)).append(", tv_nsec=").appendUnsigned(b.getLong(offset + 8))
                .append('}');
    }

    static void timeval(LineBuffer out, ByteBuffer b, int offset) {
        out.append("{tv_sec=").append(b.getLong(offset)).append(", tv_usec=").appendUnsigned(b.getLong(offset + 8))
                .append('}');
    }

    /** strace's print_timespec: NULL, the address, or the timespec the call read. */
    static final Arg TIMESPEC_IN = Arg.in((c, i, out) -> {
        ByteBuffer t = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), TIMESPEC, false);
        if (t != null) {
            timespec(out, t, 0);
        }
    });

    static final Arg TIMEVAL_IN = Arg.in((c, i, out) -> {
        ByteBuffer t = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), TIMEVAL, false);
        if (t != null) {
            timeval(out, t, 0);
        }
    });

    /** strace's sprint_timespec at exit (ppoll's, pselect6's, recvmmsg's time left): NULL, the address, or the value. */
    static void timespecLeft(Call c, LineBuffer out, int arg) {
        ByteBuffer t = Umove.fetch(c, c.atExit(arg), c.arg(arg), TIMESPEC, true);
        if (t == null) {
            Formats.pointer(out, c.arg(arg));
        } else {
            timespec(out, t, 0);
        }
    }

    static void timevalLeft(Call c, LineBuffer out, int arg) {
        ByteBuffer t = Umove.fetch(c, c.atExit(arg), c.arg(arg), TIMEVAL, true);
        if (t == null) {
            Formats.pointer(out, c.arg(arg));
        } else {
            timeval(out, t, 0);
        }
    }

    /** recvmmsg's return: {@code 0 (Timeout)}, or the time left of its timeout. */
    static final Decoders.Ret RECVMMSG_RET = (c, out) -> {
        out.append(c.ret());
        if (c.ret() == 0) {
            out.append(" (Timeout)");
        } else if (c.verbose() && c.arg(4) != 0) {
            timespecLeft(c, out.append(" (left "), 4);
            out.append(')');
        }
    };

    /** struct itimerspec: {@code {it_interval={...}, it_value={...}}}. */
    static Arg itimerspec(boolean atExit) {
        Arg.Format f = (c, i, out) -> {
            ByteBuffer t = Umove.orAddress(c, out, atExit ? c.atExit(i) : c.atEntry(i), c.arg(i), 2 * TIMESPEC, atExit);
            if (t != null) {
                out.append("{it_interval=");
                timespec(out, t, 0);
                out.append(", it_value=");
                timespec(out, t, TIMESPEC);
                out.append('}');
            }
        };
        return atExit ? Arg.out(f) : Arg.in(f);
    }

    /** utimensat's times: UTIME_NOW and UTIME_OMIT by name, other times with their date in a comment. */
    static final Arg UTIMENSAT_TIMES = Arg.in((c, i, out) -> {
        ByteBuffer t = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), 2 * TIMESPEC, false);
        if (t == null) {
            return;
        }
        out.append('[');
        for (int k = 0; k < 2; k++) {
            if (k > 0) {
                out.append(", ");
            }
            long nsec = t.getLong(k * TIMESPEC + 8);
            if (nsec == UTIME_NOW || nsec == UTIME_OMIT) {
                // -X raw: the timespec alone; -X verbose: the timespec and the name in a comment
                String name = nsec == UTIME_NOW ? "UTIME_NOW" : "UTIME_OMIT";
                ConstStyle style = ConstStyle.current();
                if (style != ConstStyle.ABBREV) {
                    timespec(out, t, k * TIMESPEC);
                }
                if (style == ConstStyle.ABBREV) {
                    out.append(name);
                } else if (style == ConstStyle.VERBOSE) {
                    ConstStyle.comment(out, name);
                }
            } else {
                timespec(out, t, k * TIMESPEC);
                comment(out, date(c, t.getLong(k * TIMESPEC), nsec, 999_999_999L, 9));
            }
        }
        out.append(']');
    });

    /** futimesat's and utimes' times: two timevals, each with its date in a comment. */
    static final Arg UTIMES_TIMES = Arg.in((c, i, out) -> {
        ByteBuffer t = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), 2 * TIMEVAL, false);
        if (t == null) {
            return;
        }
        out.append('[');
        for (int k = 0; k < 2; k++) {
            if (k > 0) {
                out.append(", ");
            }
            timeval(out, t, k * TIMEVAL);
            comment(out, date(c, t.getLong(k * TIMEVAL), t.getLong(k * TIMEVAL + 8), 999_999L, 6));
        }
        out.append(']');
    });

    static void comment(LineBuffer out, String text) {
        if (text != null) {
            out.append(" /* ").append(text).append(" */");
        }
    }

    /**
     * strace's sprinttime_ex: the local date and time ({@code 2017-04-16T16:05:06.123456789+0000}),
     * with the fraction when not zero; null for zero, a fraction out of range, or a year out of reach.
     */
    static String date(Call c, long sec, long part, long maxPart, int width) {
        return Dates.sprinttime(sec, part, maxPart, width, c.options.zone);
    }
}
