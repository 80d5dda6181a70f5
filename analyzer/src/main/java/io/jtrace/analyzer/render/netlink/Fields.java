package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.InetText;
import io.jtrace.analyzer.render.Quote;

/** Field printers the netlink structures share ({@code name=value}, as strace's PRINT_FIELD_*). */
final class Fields {
    private Fields() {
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** Prints a structure's fields after its family byte at {@code addr}. */
    interface Printer {
        void print(NetlinkDecoder d, long addr, int family);
    }


    static void u(NetlinkDecoder d, String name, long value) {
        d.out.append(name).append('=').append(value);
    }

    static void xval(NetlinkDecoder d, String name, String table, long value, String dflt) {
        Xlat.table(table).value(d.out.append(name).append('='), value, dflt);
    }

    static void flags(NetlinkDecoder d, String name, String table, long value, String dflt) {
        Xlat.flags(d.out.append(name).append('='), value, dflt, Xlat.table(table));
    }

    static void cookie(NetlinkDecoder d, String name, long addr) {
        d.out.append(name).append("=[").append(d.mem.u32(addr)).append(", ").append(d.mem.u32(addr + 4)).append(']');
    }

    static NetlinkDecoder next(NetlinkDecoder d) {
        d.out.append(", ");
        return d;
    }

    /** strace's print_inet_addr of a 16-byte field. */
    static void inetAddr(NetlinkDecoder d, String name, long addr, int family) {
        inetAddr(d, name, addr, family, 16);
    }

    /**
     * strace's print_inet_addr of {@code size} bytes: {@code name=inet_addr("1.2.3.4")},
     * {@code inet_pton(AF_INET6, "::1", &name)} ({@code name} null: no name), other families in hex.
     */
    static void inetAddr(NetlinkDecoder d, String name, long addr, int family, int size) {
        LineBuffer out = d.out;
        byte[] b = d.mem.bytes(addr, size);
        ConstStyle style = ConstStyle.current();
        Runnable decoded;
        if (family == AF_INET && size >= 4) {
            decoded = () -> {
                out.append("inet_addr(");
                quoted(d, (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff));
                out.append(')');
            };
        } else if (family == AF_INET6 && size >= 16) {
            decoded = () -> {
                out.append("inet_pton(AF_INET6, ");
                quoted(d, inet6(b));
                if (name != null && style == ConstStyle.ABBREV) {
                    out.append(", &").append(name);   // the field's name goes inside the call in the abbrev style only
                }
                out.append(')');
            };
        } else {
            if (name != null) {
                out.append(name).append('=');
            }
            Quote.append(out, b, 0, size, Quote.Hex.ALL, false);
            return;
        }
        if (name != null && (family == AF_INET || style != ConstStyle.ABBREV)) {
            out.append(name).append('=');
        }
        // -X raw: the bytes in hex; -X verbose: the bytes, and the address in a comment
        if (style != ConstStyle.ABBREV) {
            Quote.append(out, b, 0, size, Quote.Hex.ALL, false);
        }
        if (style == ConstStyle.VERBOSE) {
            out.append(" /* ");
            decoded.run();
            out.append(" */");
        } else if (style == ConstStyle.ABBREV) {
            decoded.run();
        }
    }

    /** An address's text in quotes, as -x/-xx quote it (print_quoted_string). */
    private static void quoted(NetlinkDecoder d, String text) {
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Quote.append(d.out, t, 0, t.length, d.style, false);
    }

    /** strace's decode_inet_addr: an address of the family's size, else the bytes in hex. */
    static void decodeInetAddr(NetlinkDecoder d, long addr, long len, int family, String name) {
        int size = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
        if (size == 0 || len < size) {
            if (name != null) {
                d.out.append(name).append('=');
            }
            d.hex(addr, len);
            return;
        }
        if (!d.mem.readable(addr, size)) {
            if (name != null) {
                d.out.append(name).append('=');
            }
            io.jtrace.analyzer.render.Formats.pointer(d.out, addr);
            return;
        }
        inetAddr(d, name, addr, family, size);
    }

    /** inet_ntop(AF_INET6): the longest run of two or more zero groups as "::", IPv4-mapped tails dotted. */
    static String inet6(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (b[2 * i] & 0xff) << 8 | b[2 * i + 1] & 0xff;
        }
        int best = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                best = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        boolean v4 = best == 0 && (bestLen == 6 || bestLen == 5 && g[5] == 0xffff);
        StringBuilder s = new StringBuilder();
        int groups = v4 ? 6 : 8;
        for (int i = 0; i < groups; i++) {
            if (i == best) {
                s.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            s.append(Integer.toHexString(g[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        if (v4) {
            if (bestLen == 5) {
                s.append("ffff:");
            }
            s.append(b[12] & 0xff).append('.').append(b[13] & 0xff).append('.').append(b[14] & 0xff).append('.')
                    .append(b[15] & 0xff);
        } else if (s.length() > 1 && s.charAt(s.length() - 1) == ':' && s.charAt(s.length() - 2) != ':') {
            s.setLength(s.length() - 1);
        }
        return s.toString();
    }

    static void ifindex(NetlinkDecoder d, long index) {
        String name = index == 0 ? null : d.interfaces.apply((int) index);
        String call = null;
        if (name != null) {
            LineBuffer text = new LineBuffer(32).append("if_nametoindex(");
            Quote.append(text, name.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, name.length(), d.style, false);
            call = text.append(')').toString();
        }
        ConstStyle.value(d.out, index, false, call, null);
    }

    /** PRINT_FIELD_IFINDEX. */
    static void ifindexField(NetlinkDecoder d, String name, long index) {
        d.out.append(name).append('=');
        ifindex(d, index);
    }

    /** PRINT_FIELD_X. */
    static void hex(NetlinkDecoder d, String name, long value) {
        io.jtrace.analyzer.render.Formats.hex(d.out.append(name).append('='), value);
    }
    /** struct inet_diag_sockid (48 bytes) as {@code id={idiag_sport=htons(80), ...}}. */
    static void sockid(NetlinkDecoder d, long addr, int family) {
        LineBuffer out = d.out;
        out.append("id={").append(InetText.port("idiag_sport", d.mem.be16(addr))).append(", ")
                .append(InetText.port("idiag_dport", d.mem.be16(addr + 2))).append(", ");
        inetAddr(d, "idiag_src", addr + 4, family);
        out.append(", ");
        inetAddr(d, "idiag_dst", addr + 20, family);
        out.append(", idiag_if=");
        ifindex(d, d.mem.u32(addr + 36));
        out.append(", ");
        cookie(d, "idiag_cookie", addr + 40);
        out.append('}');
    }

}
