package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;

/**
 * struct epoll_event as strace's epoll.c prints it: events, then 8 bytes of data, packed on x86_64
 * ({@link ArchTables#epollEventSize}).
 */
final class Epolls {
    private static final int EPOLL_CTL_DEL = 2;
    private static final Flags EVENTS = Flags.of("EPOLL???", "EPOLLIN", 0x1, "EPOLLPRI", 0x2, "EPOLLOUT", 0x4,
            "EPOLLERR", 0x8, "EPOLLHUP", 0x10, "EPOLLNVAL", 0x20, "EPOLLRDNORM", 0x40, "EPOLLRDBAND", 0x80,
            "EPOLLWRNORM", 0x100, "EPOLLWRBAND", 0x200, "EPOLLMSG", 0x400, "EPOLLRDHUP", 0x2000,
            "EPOLLEXCLUSIVE", 0x10000000, "EPOLLWAKEUP", 0x20000000, "EPOLLONESHOT", 0x40000000, "EPOLLET", 0x80000000L);

    private Epolls() {
    }

    /** {@code {events=EPOLLIN, data={u32=4294967295, u64=18446744073709551615}}}. */
    static void event(Call c, LineBuffer out, ByteBuffer b, int offset) {
        out.append("{events=");
        EVENTS.flags(out, b.getInt(offset) & 0xffffffffL);
        long data = b.getLong(offset + c.arch.epollEventSize - 8);
        out.append(", data={u32=").append(data & 0xffffffffL).append(", u64=").appendUnsigned(data).append("}}");
    }

    /** epoll_ctl's event; EPOLL_CTL_DEL's is printed as an address. */
    static final Arg CTL_EVENT = Arg.in((c, i, out) -> {
        if ((int) c.arg(1) == EPOLL_CTL_DEL) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        ByteBuffer e = Umove.orAddress(c, out, c.atEntry(i), c.arg(i), c.arch.epollEventSize, false);
        if (e != null) {
            event(c, out, e, 0);
        }
    });

    /** epoll_wait's events, as many as it returned; a failed call's address. */
    static final Arg EVENTS_OUT = Arg.out((c, i, out) -> {
        if (c.failed()) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        Umove.array(c, out, c.atExit(i), c.arg(i), c.ret(), c.arch.epollEventSize, true, Epolls::event);
    });
}
