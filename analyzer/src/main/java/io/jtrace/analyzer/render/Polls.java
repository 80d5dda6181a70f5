package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;

/** poll, ppoll, select and pselect6: pollfd arrays and fd_sets in, ready fds and the time left out (strace's poll.c, desc.c). */
final class Polls {
    private static final int POLLFD = 8;
    /** strace builds the return value's text in a buffer of 1024 bytes and stops short of its end. */
    private static final int AUX_MAX = 1024;
    static final Flags POLL = Flags.of("POLL???", "POLLIN", 0x1, "POLLPRI", 0x2, "POLLOUT", 0x4, "POLLERR", 0x8,
            "POLLHUP", 0x10, "POLLNVAL", 0x20, "POLLRDNORM", 0x40, "POLLRDBAND", 0x80, "POLLWRNORM", 0x100,
            "POLLWRBAND", 0x200, "POLLMSG", 0x400, "POLLREMOVE", 0x1000, "POLLRDHUP", 0x2000,
            "POLL_BUSY_LOOP", 0x8000);

    private Polls() {
    }

    /** The pollfd array: {@code [{fd=3, events=POLLIN}, {fd=-1}]}. */
    static final Arg POLLFDS = Arg.in((c, i, out) -> Umove.array(c, out, c.atEntry(i), c.arg(i),
            c.arg(i + 1) & 0xffffffffL, POLLFD, false, (call, o, b, off) -> {
                int fd = b.getInt(off);
                o.append("{fd=");
                call.fd(o, fd);
                if (fd >= 0) {
                    o.append(", events=");
                    POLL.flags(o, b.getShort(off + 4) & 0xffffL);
                }
                o.append('}');
            }));

    /** poll's return: {@code 2 ([{fd=4, revents=POLLOUT}])}, {@code 0 (Timeout)}. */
    static final Decoders.Ret POLL_RET = (c, out) -> pollRet(c, out, -1);
    /** ppoll's return, with the time left: {@code 1 ([{fd=3, revents=POLLIN}], left {tv_sec=0, tv_nsec=5})}. */
    static final Decoders.Ret PPOLL_RET = (c, out) -> pollRet(c, out, 2);

    /** strace's decode_poll_exiting; {@code timeArg}: the timeout argument whose value is left, or -1. */
    private static void pollRet(Call c, LineBuffer out, int timeArg) {
        out.append(c.ret());
        if (c.ret() == 0) {
            out.append(" (Timeout)");
            return;
        }
        long start = c.arg(0);
        long nfds = c.arg(1) & 0xffffffffL;
        if (!c.verbose() || start == 0 || nfds == 0 || Long.compareUnsigned(start + nfds * POLLFD, start) < 0) {
            return;
        }
        RecordedBuffer b = c.atExit(0);
        int have = Umove.readable(c, b);
        ByteBuffer data = have > 0 ? Umove.bytes(b) : null;
        long maxPrinted = c.abbrev() ? c.options.stringLimit : Long.MAX_VALUE;
        long printed = 0;
        StringBuilder s = new StringBuilder();
        for (long k = 0; k < nfds; k++) {
            long offset = k * POLLFD;
            if (offset + POLLFD > have) {
                s.append(s.length() == 0 ? "[" : ", ").append("0x").append(Long.toHexString(start + offset));
                break;
            }
            int revents = data.getShort((int) offset + 6) & 0xffff;
            if (revents == 0) {
                continue;
            }
            s.append(s.length() == 0 ? "[" : ", ");
            if (printed >= maxPrinted) {
                s.append("...");
                break;
            }
            String fd = "{fd=" + data.getInt((int) offset) + ", revents=";
            LineBuffer flags = new LineBuffer(32);
            POLL.bits(flags, revents);
            if (s.length() + fd.length() + flags.length() + 1 >= AUX_MAX - (2 + 2 * 8 + 9)) {
                s.append("...");
                break;
            }
            s.append(fd).append(flags).append('}');
            printed++;
        }
        if (s.length() > 0) {
            s.append(']');
        }
        if (timeArg >= 0 && c.arg(timeArg) != 0) {
            LineBuffer left = new LineBuffer(64);
            Times.timespecLeft(c, left, timeArg);
            s.append(s.length() == 0 ? "left " : ", left ").append(left);
        }
        if (s.length() > 0) {
            out.append(" (").append(s).append(')');
        }
    }

    /** An fd_set of select: {@code [3 4]}, NULL, or its address when not decoded. */
    static final Arg FD_SET = Arg.in((c, i, out) -> {
        int nfds = nfds(c);
        int size = fdSetSize(nfds);
        if (!c.verbose() || size == 0) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        ByteBuffer set = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), size, false);
        if (set == null) {
            return;
        }
        out.append('[');
        boolean next = false;
        for (int fd = 0; fd < nfds; fd++) {
            if ((set.get(fd >>> 3) & (1 << (fd & 7))) != 0) {
                if (next) {
                    out.append(' ');
                }
                next = true;
                c.fd(out, fd);
            }
        }
        out.append(']');
    });

    /** select's return: {@code 1 (in [3], left {tv_sec=0, tv_usec=5})}, {@code 0 (Timeout)}. */
    static final Decoders.Ret SELECT_RET = (c, out) -> selectRet(c, out, false);
    static final Decoders.Ret PSELECT6_RET = (c, out) -> selectRet(c, out, true);

    /** strace's decode_select at exit (its quirks kept: a set with no ready fd after one with some adds a ']'). */
    private static void selectRet(Call c, LineBuffer out, boolean timespec) {
        out.append(c.ret());
        long ready = c.ret();
        if (ready == 0) {
            out.append(" (Timeout)");
            return;
        }
        int nfds = nfds(c);
        int size = fdSetSize(nfds);
        StringBuilder s = new StringBuilder();
        String sep = "";
        for (int k = 0; k < 3 && ready > 0; k++) {
            boolean first = true;
            int arg = k + 1;
            RecordedBuffer b = c.atExit(arg);
            if (c.arg(arg) == 0 || b == null || b.getError() != 0 || b.getData().size() < size) {
                continue;
            }
            ByteBuffer set = Umove.bytes(b);
            for (int fd = 0; fd < nfds; fd++) {
                if ((set.get(fd >>> 3) & (1 << (fd & 7))) == 0) {
                    continue;
                }
                if (s.length() < AUX_MAX - (11 + 12 + 2)) {
                    if (first) {
                        s.append(sep).append(k == 0 ? "in" : k == 1 ? "out" : "except").append(" [").append(fd);
                        first = false;
                        sep = ", ";
                    } else {
                        s.append(' ').append(fd);
                    }
                }
                if (--ready == 0) {
                    break;
                }
            }
            if (s.length() > 0) {
                s.append(']');
            }
        }
        if (c.arg(4) != 0) {
            LineBuffer left = new LineBuffer(64);
            if (timespec) {
                Times.timespecLeft(c, left, 4);
            } else {
                Times.timevalLeft(c, left, 4);
            }
            if (s.length() + 6 + sep.length() + left.length() < AUX_MAX) {
                s.append(sep).append("left ").append(left);
            }
        }
        out.append(" (").append(s).append(')');
    }

    /** The kernel's nfds: an int, negative as 0, at most 1M as strace reads it. */
    private static int nfds(Call c) {
        return Math.min(Math.max((int) c.arg(0), 0), 1024 * 1024);
    }

    private static int fdSetSize(int nfds) {
        return ((nfds + 7) / 8 + 7) & -8;
    }
}
