package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;

/**
 * POSIX message queues as strace 6.1's mq.c prints them: mq_open's attributes, the messages and
 * timeouts of mq_timedsend and mq_timedreceive, mq_notify's struct sigevent, mq_getsetattr. Its
 * structures print as addresses when {@code -e verbose=} leaves the call out (strace's umove_or_printaddr).
 */
final class Mq {
    private static final int MQ_ATTR_SIZE = 64;
    private static final int SIGEVENT_SIZE = 32;
    private static final int SIGEV_SIGNAL = 0;
    private static final int SIGEV_THREAD = 2;
    private static final int SIGEV_THREAD_ID = 4;

    static final Flags SIGEV = Flags.of("SIGEV_???", "SIGEV_SIGNAL", 0, "SIGEV_NONE", 1, "SIGEV_THREAD", 2,
            "SIGEV_THREAD_ID", 4);

    private Mq() {
    }

    /** mq_open's flags and, with O_CREAT only, its mode and struct mq_attr (mq_flags in hex). */
    static final Arg OPEN_REST = Arg.in((c, i, out) -> {
        ConstStyle.composite(out, c.arg(i) & 0xffffffffL, o -> Args.openFlags(c, o, c.arg(i)));
        if ((c.arg(i) & c.arch.oCreat) != 0) {
            Formats.mode(out.append(", "), c.arg(i + 1));
            attr(c, out.append(", "), c.atEntry(i + 2), c.arg(i + 2), false);
        }
    });

    /** mq_timedsend's message: strace's printstrn of the length argument's bytes. */
    static final Arg MESSAGE_IN = Arg.in((c, i, out) -> c.string(out, c.atEntry(i), c.arg(i), c.arg(i + 1), false));

    /** mq_timedreceive's message: the bytes returned, the address when the call failed. */
    static final Arg MESSAGE_OUT = Arg.out((c, i, out) -> {
        if (c.failed()) {
            Formats.pointer(out, c.arg(i));
        } else {
            c.string(out, c.atExit(i), c.arg(i), c.ret(), false);
        }
    });

    static final Arg ULONG_OUT = Arg.out((c, i, out) -> Formats.unsigned(out, c.arg(i)));

    /** mq_timedreceive's priority: {@code [42]}, the address when the call failed or it was unreadable. */
    static final Arg PRIORITY_OUT = Arg.out((c, i, out) -> {
        ByteBuffer b = Umove.fetch(c, c.atExit(i), c.arg(i), 4, true);
        if (b == null) {
            Formats.pointer(out, c.arg(i));
        } else {
            out.append('[').append(b.getInt(0) & 0xffffffffL).append(']');
        }
    });

    /** The timeout, read by the kernel at entry and printed whatever the outcome. */
    static final Arg TIMEOUT = Times.TIMESPEC_IN;

    /** mq_timedreceive's timeout, printed at exit after the outputs. */
    static final Arg TIMEOUT_AT_EXIT = Arg.out(Times.TIMESPEC_IN.format());

    static final Arg SIGEVENT = Arg.in((c, i, out) -> {
        ByteBuffer b = Umove.fetch(c, c.atEntry(i), c.arg(i), SIGEVENT_SIZE, false);
        if (b == null) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        out.append('{');
        long value = b.getLong(0);
        if (value != 0) {
            out.append("sigev_value={sival_int=").append(b.getInt(0)).append(", sival_ptr=");
            Formats.pointer(out, value).append("}, ");
        }
        int signo = b.getInt(8);
        int notify = b.getInt(12);
        out.append("sigev_signo=");
        if (notify == SIGEV_SIGNAL || notify == SIGEV_THREAD || notify == SIGEV_THREAD_ID) {
            Siginfo.signal(out, c.arch.signals, signo);
        } else {
            out.append(signo & 0xffffffffL);
        }
        out.append(", sigev_notify=");
        SIGEV.hexValue(out, notify & 0xffffffffL);
        if (notify == SIGEV_THREAD_ID) {
            out.append(", sigev_notify_thread_id=").append(b.getInt(16));
        } else if (notify == SIGEV_THREAD) {
            Formats.pointer(out.append(", sigev_notify_function="), b.getLong(16));
            Formats.pointer(out.append(", sigev_notify_attributes="), b.getLong(24));
        }
        out.append('}');
    });

    /** mq_getsetattr's new attributes (read at entry, printed also for a failed call). */
    static final Arg ATTR_IN = Arg.in((c, i, out) -> attr(c, out, c.atEntry(i), c.arg(i), true));

    /** mq_getsetattr's old attributes: the address when the call failed. */
    static final Arg ATTR_OUT = Arg.out((c, i, out) -> attr(c, out, c.failed() ? null : c.atExit(i), c.arg(i), true));

    /** printmqattr: mq_flags as flags or in hex, the other fields signed. */
    private static void attr(Call c, LineBuffer out, RecordedBuffer buffer, long address, boolean decodeFlags) {
        ByteBuffer b = Umove.fetch(c, buffer, address, MQ_ATTR_SIZE, false);
        if (b == null) {
            Formats.pointer(out, address);
            return;
        }
        out.append("{mq_flags=");
        if (decodeFlags) {
            c.arch.mqAttrFlags.flags(out, b.getLong(0));
        } else {
            Formats.hex(out, b.getLong(0));
        }
        out.append(", mq_maxmsg=").append(b.getLong(8)).append(", mq_msgsize=").append(b.getLong(16))
                .append(", mq_curmsgs=").append(b.getLong(24)).append('}');
    }
}
