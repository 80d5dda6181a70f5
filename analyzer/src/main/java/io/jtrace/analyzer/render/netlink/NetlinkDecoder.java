package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.Errnos;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import io.jtrace.format.RecordedBuffer;

/**
 * Netlink messages as strace 6.1's decode_netlink prints them (src/netlink.c): nlmsghdr with the
 * socket protocol's message types and flags, NLMSG_ERROR and NLMSG_DONE, the protocol's payload
 * structures (a {@link Payloads} decoder), anything else in hex; several messages as an array.
 */
public final class NetlinkDecoder {
    static final int HDRLEN = 16;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_MIN_TYPE = 16;
    static final int NLM_F_CAPPED = 0x100;
    static final int NETLINK_KOBJECT_UEVENT = 15;

    final LineBuffer out;
    final Mem mem;
    final int limit;
    /** -x/-xx: how printstrn quotes. */
    final Quote.Hex style;
    /** Prints an fd number as the call's other fds are printed ({@code 9</dev/full>} under -y). */
    final java.util.function.ObjLongConsumer<LineBuffer> fds;
    /** Names of network interfaces by index where the recording was made (null: not known). */
    final java.util.function.IntFunction<String> interfaces;
    /** A process id (nlmsg_pid) as --decode-pids prints it. */
    java.util.function.IntFunction<String> pids = Integer::toString;
    /** The address family of the structure whose attributes are being decoded (their addresses' family). */
    int structFamily;
    /** The socket's netlink protocol, -1 unknown. */
    final int family;
    /**
     * strace's abbrev(tcp): false under -v, where messages, attribute lists and arrays print whole
     * (not cut at -s elements), socket filters and option bits in full.
     */
    final boolean abbrev;

    /** One message's header. */
    record Header(long len, int type, int flags, long seq, int pid) {
    }

    private NetlinkDecoder(LineBuffer out, Mem mem, int limit, Quote.Hex style, int family,
            java.util.function.IntFunction<String> interfaces, java.util.function.ObjLongConsumer<LineBuffer> fds,
            boolean abbrev) {
        this.out = out;
        this.abbrev = abbrev;
        this.fds = fds;
        this.interfaces = interfaces;
        this.style = style;
        this.mem = mem;
        this.limit = limit;
        this.family = family;
    }

    /**
     * Prints the {@code len} bytes at {@code addr} that buffer {@code b} captured, sent to or
     * received from a netlink socket of protocol {@code family} (-1 unknown).
     */
    public static void decode(LineBuffer out, RecordedBuffer b, long addr, long len, int family, int stringLimit,
            Quote.Hex style, java.util.function.IntFunction<String> interfaces,
            java.util.function.ObjLongConsumer<LineBuffer> fds) {
        decode(out, b, addr, len, family, stringLimit, style, interfaces, fds, true, Integer::toString);
    }

    /**
     * {@link #decode} with strace's abbrev (false under -v, or outside -e abbrev=SET), and nlmsg_pid as
     * {@code pids} prints it (pid namespace translation).
     */
    public static void decode(LineBuffer out, RecordedBuffer b, long addr, long len, int family, int stringLimit,
            Quote.Hex style, java.util.function.IntFunction<String> interfaces,
            java.util.function.ObjLongConsumer<LineBuffer> fds, boolean abbrev,
            java.util.function.IntFunction<String> pids) {
        NetlinkDecoder d = new NetlinkDecoder(out, new Mem(b), stringLimit, style, family, interfaces, fds, abbrev);
        d.pids = pids;
        if (family == NETLINK_KOBJECT_UEVENT) {
            KobjectUevent.decode(d, addr, len);
            return;
        }
        d.messages(addr, len);
    }

    private void messages(long addr, long len) {
        boolean array = false;
        for (int elt = 0; ; elt++) {
            Header h = fetch(addr, len, array);
            if (h == null) {
                break;
            }
            if (abbrev && elt == limit) {   // -v prints every message, as every element
                out.append("...");
                break;
            }
            long aligned = (h.len() + 3) & ~3L;
            long nextAddr = 0;
            long nextLen = 0;
            if (h.len() >= HDRLEN) {
                nextLen = Long.compareUnsigned(len, aligned) >= 0 ? len - aligned : 0;
                if (nextLen != 0 && Long.compareUnsigned(addr + aligned, addr) > 0) {
                    nextAddr = addr + aligned;
                }
            }
            if (!array && nextAddr != 0) {
                out.append('[');
                array = true;
            }
            withPayload(h, addr, len);
            if (nextAddr == 0) {
                break;
            }
            out.append(", ");
            addr = nextAddr;
            len = nextLen;
        }
        if (array) {
            out.append(']');
        }
    }

    private Header fetch(long addr, long len, boolean inArray) {
        if (Long.compareUnsigned(len, HDRLEN) < 0) {
            hex(addr, len);
            return null;
        }
        if (mem.readable(addr, HDRLEN)) {
            return new Header(mem.u32(addr), mem.u16(addr + 4), mem.u16(addr + 6), mem.u32(addr + 8), mem.s32(addr + 12));
        }
        if (inArray) {
            Formats.hex(out.append("... /* "), addr).append(" */");
        } else {
            Formats.pointer(out, addr);
        }
        return null;
    }

    /** printstr_ex with QUOTE_FORCE_HEX. */
    void hex(long addr, long len) {
        mem.string(out, addr, len, limit, Quote.Hex.ALL);
    }

    /** printstrn: the bytes quoted as -x/-xx ask. */
    void string(long addr, long len) {
        mem.string(out, addr, len, limit, style);
    }

    private void withPayload(Header h, long addr, long len) {
        long msgLen = Long.compareUnsigned(h.len(), len) < 0 ? h.len() : len;
        if (msgLen > HDRLEN) {
            out.append('[');
        }
        header(h);
        if (msgLen > HDRLEN) {
            out.append(", ");
            payload(h, addr + HDRLEN, msgLen - HDRLEN);
            out.append(']');
        }
    }

    private void header(Header h) {
        out.append("{nlmsg_len=").append(h.len()).append(", nlmsg_type=");
        MessageTypes.type(this, h.type());
        out.append(", nlmsg_flags=");
        MessageTypes.flags(this, h.flags(), h.type());
        out.append(", nlmsg_seq=").append(h.seq()).append(", nlmsg_pid=").append(pids.apply(h.pid())).append('}');
    }

    private void payload(Header h, long addr, long len) {
        if (h.type() == NLMSG_ERROR) {
            error(addr, len, (h.flags() & NLM_F_CAPPED) != 0);
            return;
        }
        if ((h.type() >= NLMSG_MIN_TYPE || h.type() == NLMSG_DONE) && Payloads.decode(this, h, addr, len)) {
            return;
        }
        if (h.type() == NLMSG_DONE && len == 4) {
            if (mem.orAddress(out, addr, 4)) {
                out.append(mem.s32(addr));
            }
            return;
        }
        hex(addr, len);
    }

    private void error(long addr, long len, boolean capped) {
        int size = 4 + HDRLEN;
        if (len < size) {
            hex(addr, len);
            return;
        }
        if (!mem.orAddress(out, addr, size)) {
            return;
        }
        int error = mem.s32(addr);
        Header msg = new Header(mem.u32(addr + 4), mem.u16(addr + 8), mem.u16(addr + 10), mem.u32(addr + 12),
                mem.s32(addr + 16));
        addr += 4;
        len -= 4;
        long msgLen = Math.max(HDRLEN, msg.len());
        long payload = Math.min(len, capped ? HDRLEN : msgLen);
        if (len > payload) {
            out.append('[');
        }
        Errnos.printNegated(out.append("{error="), error);
        out.append(", msg=");
        withPayload(msg, addr, payload);
        out.append('}');
        if (len > payload) {
            out.append(", ");
            Nlattr.decode(this, addr + payload, len - payload, Xlat.table("nlmsgerr_attrs"), "NLMSGERR_ATTR_???",
                    Nlattr.NLMSGERR);
            out.append(']');
        }
    }
}
