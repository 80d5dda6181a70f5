package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;

/** Attribute decoders and table builders the rtnl_link, rtnl_stats, neighbour and diag families share. */
final class NlaFields {
    private NlaFields() {
    }

    /**
     * A decoder table indexed by attribute type, from pairs of the type's name in {@code xlat}
     * and its decoder, so a table reads as strace's {@code [IFLA_BRPORT_STATE] = decode_nla_u8}.
     */
    static Nlattr.Decoder[] table(String xlat, Object... pairs) {
        Xlat names = Xlat.table(xlat);
        long[] values = new long[pairs.length / 2];
        long max = -1;
        for (int i = 0; i < pairs.length; i += 2) {
            values[i / 2] = names.valueOf((String) pairs[i]);
            max = Math.max(max, values[i / 2]);
        }
        Nlattr.Decoder[] t = new Nlattr.Decoder[(int) max + 1];
        for (int i = 0; i < pairs.length; i += 2) {
            if (values[i / 2] >= 0) {   // a name the kernel headers of xlat.tsv lacked: printed in hex
                t[(int) values[i / 2]] = (Nlattr.Decoder) pairs[i + 1];
            }
        }
        return t;
    }

    /**
     * printstr_ex with QUOTE_0_TERMINATED: the bytes up to a NUL, at most -s of them; "..." unless
     * a NUL ends them (or follows the last one shown); the address when unreadable before a NUL.
     */
    static void cstr(NetlinkDecoder d, long addr, long len) {
        if (addr == 0) {
            d.out.append("NULL");
            return;
        }
        long size = Math.min(len, d.limit + 1L);
        int n = 0;
        while (n < size && d.mem.readable(addr + n, 1) && d.mem.u8(addr + n) != 0) {
            n++;
        }
        if (n < size && !d.mem.readable(addr + n, 1)) {
            Formats.pointer(d.out, addr);
            return;
        }
        boolean nul = n < size;   // a NUL at n, within what was fetched (one byte past -s included)
        int shown = Math.min(n, d.limit);
        io.jtrace.analyzer.render.Quote.append(d.out, d.mem.bytes(addr, shown), 0, shown, d.style, false);
        if (!nul && len > 0) {
            d.out.append("...");
        }
    }

    /** decode_nla_x16: {@code 0xabcd}. */
    static final Nlattr.Decoder X16 = (d, addr, len) -> {
        if (len < 2) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 2)) {
            Formats.hex(d.out, d.mem.u16(addr));
        }
        return true;
    };

    /** decode_nla_ether_proto: {@code htons(ETH_P_IP)}. */
    static final Nlattr.Decoder ETHER_PROTO = (d, addr, len) -> {
        if (len > 8 || len < 2) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 2)) {
            d.out.append("htons(");
            Xlat.table("ethernet_protocols").value(d.out, d.mem.be16(addr), "ETHER_P_???");
            d.out.append(')');
        }
        return true;
    };

    /** strace's MAX_ADDR_LEN: a longer address prints as quoted hex only. */
    private static final int MAX_ADDR_LEN = 32;

    /**
     * PRINT_FIELD_MAC's value (print_mac_addr): {@code n} bytes as {@code ab:cd:ef}; -X raw prints them as a
     * string in hex, -X verbose the string with the address in a comment.
     */
    static void mac(NetlinkDecoder d, long addr, int n) {
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.ABBREV || n > MAX_ADDR_LEN) {
            byte[] b = d.mem.bytes(addr, n);
            Quote.append(d.out, b, 0, b.length, Quote.Hex.ALL, false);
        }
        if (style == ConstStyle.RAW || n > MAX_ADDR_LEN) {
            return;
        }
        if (style == ConstStyle.VERBOSE) {
            d.out.append(" /* ");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                d.out.append(':');
            }
            int b = d.mem.u8(addr + i);
            d.out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        if (style == ConstStyle.VERBOSE) {
            d.out.append(" */");
        }
    }

    /** struct ifla_bridge_id: {@code {prio=[128, 0], addr=ab:cd:ef:01:02:03}}. */
    static final Nlattr.Decoder BRIDGE_ID = (d, addr, len) -> {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            d.out.append("{prio=[").append(d.mem.u8(addr)).append(", ").append(d.mem.u8(addr + 1))
                    .append("], addr=");
            mac(d, addr + 2, 6);
            d.out.append('}');
        }
        return true;
    };

    /**
     * print_array_ex with PAF_PRINT_INDICES: {@code [[IPV4_DEVCONF_FORWARDING-1]=1, ...]}, each index
     * named by {@code xlat} (else {@code 7 /* dflt *}{@code /}), values of {@code size} bytes.
     */
    static Nlattr.Decoder indexed(String xlat, String dflt, int size, boolean signed) {
        return (d, addr, len) -> {
            if (len / size == 0) {
                return false;
            }
            return Nlattr.array(size, (dd, a) -> {
                dd.out.append('[');
                Xlat.table(xlat).decimal(dd.out, (a - addr) / size, dflt);
                dd.out.append("]=");
                if (size == 8) {
                    Formats.unsigned(dd.out, dd.mem.u64(a));
                } else if (signed) {
                    dd.out.append(dd.mem.s32(a));
                } else {
                    dd.out.append(dd.mem.u32(a));
                }
            }).decode(d, addr, len);
        };
    }
}
