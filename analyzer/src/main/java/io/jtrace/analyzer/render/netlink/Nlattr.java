package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;

/** Lists of netlink attributes (struct nlattr and its data), as strace's nlattr.c prints them. */
final class Nlattr {
    private Nlattr() {
    }

    private static final int NLA_HDRLEN = 4;
    private static final int NLA_F_NESTED = 0x8000;
    private static final int NLA_F_NET_BYTEORDER = 0x4000;
    private static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    /** One attribute's data decoder: false when it does not apply (then the data is printed in hex). */
    interface Decoder {
        boolean decode(NetlinkDecoder d, long addr, long len);
    }

    static final Decoder STR = (d, addr, len) -> {
        str(d, addr, len);
        return true;
    };
    static final Decoder STRN = (d, addr, len) -> {
        d.string(addr, len);
        return true;
    };
    static final Decoder U8 = integer(1, false);
    static final Decoder U16 = integer(2, false);
    static final Decoder U32 = integer(4, false);
    static final Decoder U64 = integer(8, false);
    static final Decoder S32 = integer(4, true);

    static final Decoder S8 = signedSmall(1);
    static final Decoder S16 = signedSmall(2);
    static final Decoder S64 = (d, addr, len) -> {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            d.out.append(d.mem.u64(addr));
        }
        return true;
    };
    static final Decoder X32 = (d, addr, len) -> {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            Formats.hex(d.out, d.mem.u32(addr));
        }
        return true;
    };
    /** struct in_addr: {@code inet_addr("1.2.3.4")}. */
    static final Decoder IN_ADDR = (d, addr, len) -> {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            Fields.inetAddr(d, null, addr, Fields.AF_INET, 4);
        }
        return true;
    };
    static final Decoder IN6_ADDR = (d, addr, len) -> {
        if (len < 16) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 16)) {
            Fields.inetAddr(d, null, addr, Fields.AF_INET6, 16);
        }
        return true;
    };
    /** A network-order u16: {@code htons(80)}. */
    static final Decoder BE16 = (d, addr, len) -> {
        if (len < 2) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 2)) {
            d.out.append("htons(").append(d.mem.be16(addr)).append(')');
        }
        return true;
    };
    static final Decoder BE64 = (d, addr, len) -> {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            Formats.unsigned(d.out.append("htobe64("), Long.reverseBytes(d.mem.u64(addr))).append(')');
        }
        return true;
    };
    /** A uid or gid: -1 as -1. */
    static final Decoder UID = (d, addr, len) -> {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            long uid = d.mem.u32(addr);
            d.out.append(uid == 0xffffffffL ? -1 : uid);
        }
        return true;
    };
    /** A file descriptor (printfd). */
    static final Decoder FD = (d, addr, len) -> {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            d.fds.accept(d.out, d.mem.s32(addr));
        }
        return true;
    };
    /** An interface index: {@code if_nametoindex("lo")} when the recording names it. */
    static final Decoder IFINDEX = (d, addr, len) -> {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            Fields.ifindex(d, d.mem.u32(addr));
        }
        return true;
    };

    private static Decoder signedSmall(int size) {
        return (d, addr, len) -> {
            if (len < size) {
                return false;
            }
            if (d.mem.orAddress(d.out, addr, size)) {
                d.out.append(size == 1 ? (byte) d.mem.u8(addr) : (short) d.mem.u16(addr));
            }
            return true;
        };
    }

    /** little-endian unsigned value of {@code len} (at most 8) bytes. */
    private static long value(Mem mem, long addr, int len) {
        long v = 0;
        for (int i = len - 1; i >= 0; i--) {
            v = v << 8 | mem.u8(addr + i);
        }
        return v;
    }

    /** decode_nla_xval: a value of {@code size} bytes (0: any up to 8) named by {@code table}. */
    static Decoder xval(String table, String dflt, int size) {
        return (d, addr, len) -> {
            if (len > 8 || len < size) {
                return false;
            }
            int n = (int) (size != 0 ? Math.min(len, size) : len);
            if (d.mem.orAddress(d.out, addr, n)) {
                Xlat.table(table).value(d.out, value(d.mem, addr, n), dflt);
            }
            return true;
        };
    }

    /** decode_nla_flags: flags of {@code size} bytes (0: any up to 8) named by {@code table}. */
    static Decoder flags(String table, String dflt, int size) {
        return (d, addr, len) -> {
            if (len > 8 || len < size) {
                return false;
            }
            int n = (int) (size != 0 ? Math.min(len, size) : len);
            if (d.mem.orAddress(d.out, addr, n)) {
                Xlat.flags(d.out, value(d.mem, addr, n), dflt, Xlat.table(table));
            }
            return true;
        };
    }

    /** Nested attributes named by {@code table}. */
    static Decoder nested(String table, String dflt, Decoder... decoders) {
        return (d, addr, len) -> {
            decode(d, addr, len, Xlat.table(table), dflt, decoders.length == 0 ? null : decoders);
            return true;
        };
    }

    /** An address of the structure's family (decode_route_addr, decode_ifa_address, ...). */
    static final Decoder FAMILY_ADDR = (d, addr, len) -> {
        Fields.decodeInetAddr(d, addr, len, d.structFamily, null);
        return true;
    };
    /** A hardware address without a family: {@code f8:c2:49:13:57}. */
    static final Decoder HWADDR = (d, addr, len) -> {
        if (len > 32) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, len)) {
            for (int i = 0; i < len; i++) {
                if (i > 0) {
                    d.out.append(':');
                }
                int b = d.mem.u8(addr + i);
                d.out.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
            }
        }
        return true;
    };

    /** Prints one array element at {@code addr}. */
    interface Element {
        void print(NetlinkDecoder d, long addr);
    }

    /** print_array of {@code len / size} elements: at most -s, "..." after; false when there is none. */
    static Decoder array(int size, Element element) {
        return (d, addr, len) -> {
            long n = len / size;
            if (n == 0) {
                return false;
            }
            LineBuffer out = d.out;
            for (long i = 0; i < n; i++) {
                long a = addr + i * size;
                if (i > 0) {
                    out.append(", ");
                }
                if (!d.mem.readable(a, size)) {
                    if (i == 0) {
                        Formats.pointer(out, a);
                        return true;
                    }
                    Formats.hex(out.append("... /* "), a).append(" */");
                    break;
                }
                if (i == 0) {
                    out.append('[');
                }
                if (d.abbrev && i == d.limit) {
                    out.append("...");
                    break;
                }
                element.print(d, a);
            }
            out.append(']');
            return true;
        };
    }

    /** clock ticks with strace's comment in seconds (USER_HZ 100): {@code 12345 /* 123.45 s *}{@code /}; none under -X raw. */
    static final Decoder CLOCK_T = (d, addr, len) -> {
        if (len > 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, len)) {
            long v = value(d.mem, addr, (int) len);
            Formats.unsigned(d.out, v);
            if (v != 0 && ConstStyle.current() != ConstStyle.RAW) {
                String frac = Long.toString(Long.remainderUnsigned(v, 100));
                d.out.append(" /* ").append(Long.toUnsignedString(Long.divideUnsigned(v, 100))).append('.')
                        .append(frac.length() == 1 ? "0" + frac : frac).append(" s */");
            }
        }
        return true;
    };

    /** decode_nla_meminfo: u32s indexed by SK_MEMINFO_* ({@code [[SK_MEMINFO_RMEM_ALLOC]=1, ...]}). */
    static final Decoder MEMINFO = (d, addr, len) -> {
        int[] index = {0};
        return array(4, (dd, a) -> {
            String name = Xlat.name("netlink_sk_meminfo_indices", index[0]);
            ConstStyle.value(dd.out.append('['), index[0], false, name, "SK_MEMINFO_???");
            dd.out.append("]=").append(dd.mem.u32(a));
            index[0]++;
        }).decode(d, addr, len);
    };

    /** An array of u64 printed as {@code %#016llx} (netlink_diag groups). */
    static final Decoder X64_ARRAY = array(8, (d, a) -> {
        long v = d.mem.u64(a);
        String hex = Long.toHexString(v);
        if (v == 0) {
            d.out.append("0000000000000000");
        } else {
            d.out.append("0x").append("0".repeat(Math.max(0, 14 - hex.length()))).append(hex);
        }
    });

    /** An array of u32 ({@code [1, 2]}), at most -s elements; false when shorter than one. */
    static Nlattr.Decoder u32Array() {
        return (d, addr, len) -> {
            long n = len / 4;
            if (n == 0) {
                return false;
            }
            LineBuffer out = d.out;
            if (!d.mem.orAddress(out, addr, 4)) {
                return true;
            }
            out.append('[');
            for (long i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (d.abbrev && i == d.limit) {
                    out.append("...");
                    break;
                }
                if (!d.mem.readable(addr + 4 * i, 4)) {
                    Formats.hex(out.append("... /* "), addr + 4 * i).append(" */");
                    break;
                }
                out.append(d.mem.u32(addr + 4 * i));
            }
            out.append(']');
            return true;
        };
    }

    /** NLMSGERR_ATTR_*: MSG, OFFS, COOKIE (the cookie as an array of bytes). */
    static final Decoder[] NLMSGERR = {null, STR, U32, (d, addr, len) -> {
        bytes(d, addr, len);
        return true;
    }};

    private static Decoder integer(int size, boolean signed) {
        return (d, addr, len) -> {
            if (len < size) {
                return false;
            }
            if (d.mem.orAddress(d.out, addr, size)) {
                long v = switch (size) {
                    case 1 -> d.mem.u8(addr);
                    case 2 -> d.mem.u16(addr);
                    case 4 -> signed ? d.mem.s32(addr) : d.mem.u32(addr);
                    default -> d.mem.u64(addr);
                };
                if (size == 8) {
                    Formats.unsigned(d.out, v);
                } else {
                    d.out.append(v);
                }
            }
            return true;
        };
    }

    /**
     * A string attribute (QUOTE_OMIT_TRAILING_0 | QUOTE_EXPECT_TRAILING_0): the bytes up to -s, a
     * NUL in the last shown place left out; "..." when that place holds no NUL.
     */
    static void str(NetlinkDecoder d, long addr, long len) {
        Mem mem = d.mem;
        long size = Math.min(len, d.limit + 1L);
        if (addr == 0) {
            d.out.append("NULL");
            return;
        }
        if (!mem.readable(addr, size)) {
            Formats.pointer(d.out, addr);
            return;
        }
        int n = (int) Math.min(size, d.limit);
        byte[] b = mem.bytes(addr, n);
        if (d.style == Quote.Hex.ALL || d.style == Quote.Hex.NON_ASCII && !text(b)) {
            // string_quote in hex keeps the trailing NUL, and a string that ends without one gets "..."
            Quote.append(d.out, b, 0, n, Quote.Hex.ALL, false);
            if (len > 0) {
                d.out.append("...");
            }
            return;
        }
        boolean terminated = n > 0 && b[n - 1] == 0;
        Quote.append(d.out, b, 0, terminated ? n - 1 : n, d.style, false);
        if (!terminated && len > 0) {
            d.out.append("...");
        }
    }

    /** Whether -x leaves these bytes as text: printable ASCII and whitespace only. */
    private static boolean text(byte[] b) {
        for (byte x : b) {
            int c = x & 0xff;
            if (c > 0x7e || c < ' ' && (c < 9 || c > 13)) {
                return false;
            }
        }
        return true;
    }

    /** print_array of u8: {@code [1, 2, 3]}, at most -s elements. */
    static void bytes(NetlinkDecoder d, long addr, long len) {
        LineBuffer out = d.out;
        if (!d.mem.orAddress(out, addr, Math.min(len, 1))) {
            return;
        }
        out.append('[');
        for (long i = 0; i < len; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (d.abbrev && i == d.limit) {
                out.append("...");
                break;
            }
            if (!d.mem.readable(addr + i, 1)) {
                Formats.hex(out.append("... /* "), addr + i).append(" */");
                break;
            }
            out.append(d.mem.u8(addr + i));
        }
        out.append(']');
    }

    /** decode_nlattr: the attributes in {@code len} bytes at {@code addr}, their types named by {@code table}. */
    static void decode(NetlinkDecoder d, long addr, long len, Xlat table, String dflt, Decoder[] decoders) {
        decode(d, addr, len, table, dflt, decoders == null ? null : type -> type < decoders.length ? decoders[type] : null);
    }

    static void decode(NetlinkDecoder d, long addr, long len, Xlat table, String dflt,
            java.util.function.IntFunction<Decoder> decoders) {
        LineBuffer out = d.out;
        boolean array = false;
        for (int elt = 0; ; elt++) {
            if (len < NLA_HDRLEN) {
                d.hex(addr, len);
                break;
            }
            if (!d.mem.readable(addr, NLA_HDRLEN)) {
                if (array) {
                    Formats.hex(out.append("... /* "), addr).append(" */");
                } else {
                    Formats.pointer(out, addr);
                }
                break;
            }
            if (d.abbrev && elt == d.limit) {
                out.append("...");
                break;
            }
            int nlaLen = d.mem.u16(addr);
            int nlaType = d.mem.u16(addr + 2);
            long aligned = (nlaLen + 3) & ~3L;
            long nextAddr = 0;
            long nextLen = 0;
            if (nlaLen >= NLA_HDRLEN) {
                nextLen = len >= aligned ? len - aligned : 0;
                if (nextLen != 0) {
                    nextAddr = addr + aligned;
                }
            }
            if (!array && nextAddr != 0) {
                out.append('[');
                array = true;
            }
            long dataLen = Math.min(nlaLen, len);
            if (dataLen > NLA_HDRLEN) {
                out.append('[');
            }
            out.append("{nla_len=").append(nlaLen).append(", nla_type=");
            if ((nlaType & NLA_F_NESTED) != 0) {
                ConstStyle.value(out, NLA_F_NESTED, true, "NLA_F_NESTED", null);
                out.append('|');
            }
            if ((nlaType & NLA_F_NET_BYTEORDER) != 0) {
                ConstStyle.value(out, NLA_F_NET_BYTEORDER, true, "NLA_F_NET_BYTEORDER", null);
                out.append('|');
            }
            table.value(out, nlaType & NLA_TYPE_MASK, dflt);
            out.append('}');
            if (dataLen > NLA_HDRLEN) {
                out.append(", ");
                Decoder decoder = decoders == null ? null : decoders.apply(nlaType & NLA_TYPE_MASK);
                if (decoder == null || !decoder.decode(d, addr + NLA_HDRLEN, dataLen - NLA_HDRLEN)) {
                    d.hex(addr + NLA_HDRLEN, dataLen - NLA_HDRLEN);
                }
                out.append(']');
            }
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
}
