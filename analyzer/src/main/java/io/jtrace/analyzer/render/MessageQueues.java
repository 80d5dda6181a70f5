package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/** POSIX message queue calls' arguments as strace's mq.c prints them: mq_open's mode and attributes, struct mq_attr. */
final class MessageQueues {
    /** struct mq_attr: mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs and four reserved longs. */
    private static final int MQ_ATTR = 64;
    private static final long O_CREAT = 0100;
    private static final Flags MQ_FLAGS = Flags.of("O_???", "O_NONBLOCK", 04000);
    /** struct sigevent as strace reads it: value, signo, notify, then a tid or a function and its attributes. */
    private static final int SIGEVENT = 32;
    private static final Flags SIGEV = Flags.of("SIGEV_???", "SIGEV_SIGNAL", 0, "SIGEV_NONE", 1, "SIGEV_THREAD", 2,
            "SIGEV_THREAD_ID", 4);

    private MessageQueues() {
    }

    /** mq_open's mode, only with O_CREAT. */
    static final Arg MODE = Arg.in((c, i, out) -> {
        if ((c.arg(1) & O_CREAT) != 0) {
            Formats.mode(out, c.arg(i));
        }
    });

    /** mq_open's attributes, only with O_CREAT, mq_flags in hex. */
    static final Arg OPEN_ATTR = Arg.in((c, i, out) -> {
        if ((c.arg(1) & O_CREAT) != 0) {
            attr(c, out, i, false, false);
        }
    });

    /** mq_getsetattr's new attributes, mq_flags by name. */
    static final Arg NEW_ATTR = Arg.in((c, i, out) -> attr(c, out, i, false, true));
    /** mq_getsetattr's old attributes, filled by the call. */
    static final Arg OLD_ATTR = Arg.out((c, i, out) -> attr(c, out, i, true, true));

    /** mq_timedsend's message, msg_len bytes (strace's printstrn). */
    static final Arg MSG_IN = Arg.in((c, i, out) -> c.string(out, c.atEntry(i), c.arg(i), c.arg(i + 1), false));
    /** mq_timedreceive's message, as many bytes as it returned; a failed call's address. */
    static final Arg MSG_OUT = Arg.out((c, i, out) -> {
        if (c.failed()) {
            Formats.pointer(out, c.arg(i));
        } else {
            c.string(out, c.atExit(i), c.arg(i), c.ret(), false);
        }
    });
    /** mq_timedreceive's priority, {@code [3]}, filled by the call. */
    static final Arg PRIO_OUT = Arg.out((c, i, out) -> {
        ByteBuffer p = Umove.orAddress(c, out, c.atExit(i), c.arg(i), 4, true);
        if (p != null) {
            out.append('[').append(p.getInt(0) & 0xffffffffL).append(']');
        }
    });

    /** mq_notify's struct sigevent (strace's print_sigevent). */
    static final Arg SIGEVENT_IN = Arg.in((c, i, out) -> {
        ByteBuffer e = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), SIGEVENT, false);
        if (e == null) {
            return;
        }
        out.append('{');
        long value = e.getLong(0);
        if (value != 0) {
            out.append("sigev_value={sival_int=").append(e.getInt(0)).append(", sival_ptr=");
            Formats.pointer(out, value).append("}, ");
        }
        int signo = e.getInt(8);
        int notify = e.getInt(12);
        out.append("sigev_signo=");
        if (notify == 0 || notify == 2 || notify == 4) {
            String name = signo > 0 && signo <= 64 ? io.jtrace.analyzer.trace.Signals.name(signo) : null;
            out.append(name != null ? name : Integer.toString(signo));
        } else {
            out.append(signo & 0xffffffffL);
        }
        out.append(", sigev_notify=");
        SIGEV.hexValue(out, notify & 0xffffffffL);
        if (notify == 4) {
            out.append(", sigev_notify_thread_id=").append(e.getInt(16));
        } else if (notify == 2) {
            Formats.pointer(out.append(", sigev_notify_function="), e.getLong(16));
            Formats.pointer(out.append(", sigev_notify_attributes="), e.getLong(24));
        }
        out.append('}');
    });

    private static void attr(Call c, LineBuffer out, int arg, boolean atExit, boolean flagNames) {
        ByteBuffer a = Umove.orAddress(c, out, atExit ? c.atExit(arg) : c.atEntry(arg), c.arg(arg), MQ_ATTR, atExit);
        if (a == null) {
            return;
        }
        out.append("{mq_flags=");
        if (flagNames) {
            MQ_FLAGS.flags(out, a.getLong(0));
        } else {
            Formats.hex(out, a.getLong(0));
        }
        out.append(", mq_maxmsg=").append(a.getLong(8)).append(", mq_msgsize=").append(a.getLong(16))
                .append(", mq_curmsgs=").append(a.getLong(24)).append('}');
    }
}
