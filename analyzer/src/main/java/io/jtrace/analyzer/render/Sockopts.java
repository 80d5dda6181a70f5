package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.Sockaddr;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteBuffer;

/**
 * setsockopt and getsockopt as strace 6.1's net.c prints them: the level, the option's name per
 * level (and per call: 26 is SO_ATTACH_FILTER to set, SO_GET_FILTER to get), and the value by its
 * structure where strace knows it (print_setsockopt, print_getsockopt), else an int when it is 4
 * bytes long and the bytes otherwise. A length strace finds unfit, or memory it could not read,
 * prints the address.
 */
final class Sockopts {
    private static final int SOL_IP = 0;
    private static final int SOL_SOCKET = 1;
    private static final int SOL_IPV6 = 41;
    private static final int SOL_RAW = 255;
    private static final int SOL_PACKET = 263;
    private static final int SOL_NETLINK = 270;
    private static final int AF_VSOCK = 40;

    private static final int SO_ERROR = 4;
    private static final int SO_LINGER = 13;
    private static final int SO_PEERCRED = 17;
    private static final int SO_ATTACH_FILTER = 26;
    private static final int SO_ATTACH_REUSEPORT_CBPF = 51;
    private static final int SO_TXREHASH = 74;
    private static final int IP_ADD_MEMBERSHIP = 35;
    private static final int IP_DROP_MEMBERSHIP = 36;
    private static final int MCAST_JOIN_GROUP = 42;
    private static final int MCAST_LEAVE_GROUP = 45;
    private static final int IPV6_ADD_MEMBERSHIP = 20;
    private static final int IPV6_DROP_MEMBERSHIP = 21;
    private static final int IPV6_JOIN_ANYCAST = 27;
    private static final int IPV6_LEAVE_ANYCAST = 28;
    private static final int PACKET_RX_RING = 5;
    private static final int PACKET_STATISTICS = 6;
    private static final int PACKET_TX_RING = 13;
    private static final int ICMP_FILTER = 1;
    private static final int NETLINK_LIST_MEMBERSHIPS = 9;
    /** sizeof(struct sock_fprog), sizeof(struct group_req) on LP64. */
    private static final int SOCK_FPROG_SIZE = 16;
    private static final int GROUP_REQ_SIZE = 136;

    /** The SOL_SOCKET options strace prints as an int ("All known int-like options"). */
    private static final boolean[] INT_LIKE = new boolean[80];

    static {
        for (int o : new int[] {1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 18, 19, 27, 29, 30, 32, 33, 34, 35, 36,
            37, 40, 41, 42, 43, 44, 45, 46, 49, 53, 56, 60, 63, 64, 65, 68, 69, 70, 73, 75}) {
            INT_LIKE[o] = true;
        }
    }

    static final Flags TXREHASH = Flags.of("SOCK_TXREHASH_???", "SOCK_TXREHASH_DISABLED", 0,
            "SOCK_TXREHASH_ENABLED", 1, "SOCK_TXREHASH_DEFAULT", 255);

    private Sockopts() {
    }

    /** The level: strace's socketlayers, with its own "SOL_??" for unknown levels. */
    static final Arg LEVEL = Arg.in((c, i, out) -> {
        long level = c.arg(i) & 0xffffffffL;
        ConstStyle.value(out, level, true, Consts.SOL.name(level), "SOL_??");
    });

    static final Arg GET_NAME = Arg.in((c, i, out) -> name(out, (int) c.arg(1), c.arg(i) & 0xffffffffL, true));
    static final Arg SET_NAME = Arg.in((c, i, out) -> name(out, (int) c.arg(1), c.arg(i) & 0xffffffffL, false));

    /** strace's print_sockopt_fd_level_name: the level's table, then the call's; a level without one: decimal. */
    private static void name(LineBuffer out, int level, long name, boolean get) {
        Flags common = SockoptNames.of(level);
        if (common == null) {
            out.append(name);
            return;
        }
        Flags own = switch (level) {
            case SOL_SOCKET -> get ? Consts.SO_GET : Consts.SO_SET;
            case SOL_IP -> get ? Consts.IP_GET : Consts.IP_SET;
            case SOL_IPV6 -> get ? Consts.IPV6_GET : Consts.IPV6_SET;
            default -> null;
        };
        String n = common.name(name);
        if (n == null && own != null) {
            n = own.name(name);
        }
        if (n != null) {
            ConstStyle.value(out, name, true, n, null);
        } else {
            common.hexValue(out, name);
        }
    }

    /** setsockopt's optval, captured at entry, {@code optlen} (argument 4) long. */
    static final Arg SET_VALUE = Arg.in((c, i, out) -> {
        int level = (int) c.arg(1);
        int name = (int) c.arg(2);
        long address = c.arg(i);
        int len = (int) c.arg(4);
        RecordedBuffer b = c.atEntry(i);
        if (address != 0 && setStructure(c, out, level, name, b, address, len)) {
            return;
        }
        if (len == 4) {
            intValue(c, out, b, address);
        } else {
            c.string(out, b, address, len, false);
        }
    });

    /** The structures of print_setsockopt; false: the default printing applies. */
    private static boolean setStructure(Call c, LineBuffer out, int level, int name, RecordedBuffer b, long address, int len) {
        switch (level) {
            case SOL_SOCKET -> {
                if (name == SO_LINGER) {
                    ByteBuffer v = len < 8 ? null : c.struct(b, 8);
                    if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        out.append("{l_onoff=").append(v.getInt(0)).append(", l_linger=").append(v.getInt(4))
                                .append('}');
                    }
                } else if (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF) {
                    // fetch_bpf_fprog's umove_or_printaddr: not under -e verbose=none either
                    ByteBuffer v = len == SOCK_FPROG_SIZE && c.verbose() ? c.struct(b, SOCK_FPROG_SIZE) : null;
                    if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        int count = v.getShort(0) & 0xffff;
                        out.append("{len=").append(count).append(", filter=");
                        BpfFilter.sockFprog(c, out, c.part(3, Buffer.Part.IOV, 0, false), v.getLong(8), count, false);
                        out.append('}');
                    }
                } else if (name == SO_TXREHASH) {
                    ByteBuffer v = len < 4 ? null : c.struct(b, 4);
                    if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        txrehash(out, v.getInt(0));
                    }
                } else if (name >= 0 && name < INT_LIKE.length && INT_LIKE[name]) {
                    if (len < 4) {
                        Formats.pointer(out, address);
                    } else {
                        intValue(c, out, b, address);
                    }
                } else {
                    return false;
                }
                return true;
            }
            case SOL_IP -> {
                if (name == IP_ADD_MEMBERSHIP || name == IP_DROP_MEMBERSHIP) {
                    ByteBuffer v = len < 8 ? null : c.struct(b, 8);
                    if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        out.append('{').append(inetAddr(c, v, 0, "imr_multiaddr")).append(", ")
                                .append(inetAddr(c, v, 4, "imr_interface")).append('}');
                    }
                    return true;
                }
                return groupReq(c, out, name, b, address, len);
            }
            case SOL_IPV6 -> {
                if (name == IPV6_ADD_MEMBERSHIP || name == IPV6_DROP_MEMBERSHIP || name == IPV6_JOIN_ANYCAST
                        || name == IPV6_LEAVE_ANYCAST) {
                    ByteBuffer v = len < 20 ? null : c.struct(b, 20);
                    if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        byte[] addr = new byte[16];
                        v.get(0, addr);
                        out.append('{').append(InetText.inet6("ipv6mr_multiaddr", addr, 0, c.options.hex))
                                .append(", ipv6mr_interface=");
                        ifindex(c, out, v.getInt(16));
                        out.append('}');
                    }
                    return true;
                }
                return groupReq(c, out, name, b, address, len);
            }
            case SOL_PACKET -> {
                if (name == PACKET_RX_RING || name == PACKET_TX_RING) {
                    ByteBuffer v = len == 16 ? c.struct(b, 16) : null;
                    if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        out.append("{tp_block_size=").appendUnsigned(v.getInt(0) & 0xffffffffL)
                                .append(", tp_block_nr=").appendUnsigned(v.getInt(4) & 0xffffffffL)
                                .append(", tp_frame_size=").appendUnsigned(v.getInt(8) & 0xffffffffL)
                                .append(", tp_frame_nr=").appendUnsigned(v.getInt(12) & 0xffffffffL).append('}');
                    }
                    return true;
                }
                if (name == PacketMreq.PACKET_ADD_MEMBERSHIP || name == PacketMreq.PACKET_DROP_MEMBERSHIP) {
                    PacketMreq.append(c, out, b, address, len);
                    return true;
                }
                return false;
            }
            case SOL_RAW -> {
                if (name == ICMP_FILTER) {
                    icmpFilter(c, out, b, address, len);
                    return true;
                }
                return false;
            }
            case SOL_NETLINK -> {
                if (len < 4) {
                    Formats.pointer(out, address);
                } else {
                    intValue(c, out, b, address);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** MCAST_JOIN_GROUP and MCAST_LEAVE_GROUP at SOL_IP and SOL_IPV6: strace's print_group_req. */
    private static boolean groupReq(Call c, LineBuffer out, int name, RecordedBuffer b, long address, int len) {
        if (name != MCAST_JOIN_GROUP && name != MCAST_LEAVE_GROUP) {
            return false;
        }
        ByteBuffer v = len < GROUP_REQ_SIZE ? null : c.struct(b, GROUP_REQ_SIZE);
        if (v == null) {
            Formats.pointer(out, address);
            return true;
        }
        out.append("{gr_interface=");
        ifindex(c, out, v.getInt(0));
        byte[] group = new byte[Sockaddr.STORAGE_SIZE];
        v.get(8, group);
        out.append(", gr_group=").append(SockaddrText.strace(group, group.length, c.options.hex, c::interfaceName))
                .append('}');
        return true;
    }

    /** getsockopt's optval at exit, as long as the kernel said (its optlen after the call). */
    static final Arg GET_VALUE = Arg.out((c, i, out) -> {
        long address = c.arg(i);
        Long before = Args.int32(c.atEntry(4));
        Long after = c.failed() ? null : Args.int32(c.atExit(4));
        if (before == null || after == null) {
            Formats.pointer(out, address);
            return;
        }
        int ulen = before.intValue();
        int rlen = after.intValue();
        if (ulen <= 0 || rlen <= 0) {
            Formats.pointer(out, address);
            return;
        }
        int level = (int) c.arg(1);
        int name = (int) c.arg(2);
        RecordedBuffer b = c.atExit(i);
        if (address != 0 && getStructure(c, out, level, name, b, address, ulen, rlen)) {
            return;
        }
        if (rlen == 4) {
            intValue(c, out, b, address);
        } else {
            c.string(out, b, address, rlen, false);
        }
    });

    /** The structures of print_getsockopt; false: the default printing applies. */
    private static boolean getStructure(Call c, LineBuffer out, int level, int name, RecordedBuffer b, long address, int ulen,
                                        int rlen) {
        switch (level) {
            case SOL_SOCKET -> {
                if (name == SO_LINGER) {
                    fields(c, out, b, address, Math.min(rlen, 8), new String[] {"l_onoff", "l_linger"}, "dd");
                } else if (name == SO_PEERCRED) {
                    fields(c, out, b, address, Math.min(rlen, 12), new String[] {"pid", "uid", "gid"}, "pii");
                } else if (name == SO_ATTACH_FILTER) {
                    // SO_GET_FILTER: rlen counts the program's instructions (a struct sock_fprog's unsigned short)
                    if ((rlen & 0xffff) == rlen) {
                        BpfFilter.sockFprog(c, out, c.part(3, Buffer.Part.IOV, 0, true), address, rlen, true);
                    } else {
                        Formats.pointer(out, address);
                    }
                } else if (name == SO_ERROR) {
                    ByteBuffer v = c.struct(b, 4);
                    if (rlen < 4) {
                        c.string(out, b, address, rlen, true);
                    } else if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        long err = v.getInt(0) & 0xffffffffL;
                        Errnos.print(out.append('['), err);
                        out.append(']');
                    }
                } else if (name == SO_TXREHASH) {
                    ByteBuffer v = c.struct(b, 4);
                    if (rlen < 4) {
                        c.string(out, b, address, rlen, true);
                    } else if (v == null) {
                        Formats.pointer(out, address);
                    } else {
                        txrehash(out, v.getInt(0));
                    }
                } else if (name >= 0 && name < INT_LIKE.length && INT_LIKE[name]) {
                    if (rlen >= 4) {
                        intValue(c, out, b, address);
                    } else {
                        c.string(out, b, address, rlen, true);
                    }
                } else {
                    return false;
                }
                return true;
            }
            case SOL_PACKET -> {
                if (name == PACKET_STATISTICS) {
                    fields(c, out, b, address, Math.min(rlen, 12),
                            new String[] {"tp_packets", "tp_drops", "tp_freeze_q_cnt"}, "uuu");
                    return true;
                }
                return false;
            }
            case SOL_RAW -> {
                if (name == ICMP_FILTER) {
                    icmpFilter(c, out, b, address, rlen);
                    return true;
                }
                return false;
            }
            case SOL_NETLINK -> {
                if (name == NETLINK_LIST_MEMBERSHIPS) {
                    uintArray(c, out, b, address, Math.min(ulen, rlen) / 4);
                } else {
                    intValue(c, out, b, address);
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** strace's printnum_int: {@code [5]}, or the address when the int could not be read. */
    private static void intValue(Call c, LineBuffer out, RecordedBuffer b, long address) {
        ByteBuffer v = c.struct(b, 4);
        if (address == 0) {
            out.append("NULL");
        } else if (v == null) {
            Formats.pointer(out, address);
        } else {
            out.append('[').append(v.getInt(0)).append(']');
        }
    }

    private static void txrehash(LineBuffer out, int value) {
        TXREHASH.value(out.append('['), value);
        out.append(']');
    }

    /**
     * 32-bit fields of a structure the kernel filled {@code len} bytes of (strace's
     * MAYBE_PRINT_FIELD_LEN): whole fields as numbers, a cut one as its bytes in hex, none past
     * {@code len}. {@code formats} has a letter per field: d signed, u unsigned, i an id (-1 stays
     * -1, others unsigned).
     */
    private static void fields(Call c, LineBuffer out, RecordedBuffer b, long address, int len, String[] names,
                               String formats) {
        ByteBuffer v = c.struct(b, len);
        if (v == null) {
            Formats.pointer(out, address);
            return;
        }
        out.append('{');
        for (int f = 0; f < names.length && len > 4 * f; f++) {
            if (f > 0) {
                out.append(", ");
            }
            out.append(names[f]).append('=');
            if (len >= 4 * f + 4) {
                int n = v.getInt(4 * f);
                char format = formats.charAt(f);
                if (format == 'p') {
                    c.pid(out, n, io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID);
                } else if (format == 'u' || format == 'i' && n != -1) {
                    out.append(n & 0xffffffffL);
                } else {
                    out.append(n);
                }
            } else {
                byte[] part = new byte[len - 4 * f];
                v.get(4 * f, part);
                Quote.append(out, part, 0, part.length, Quote.Hex.ALL, false);
            }
        }
        out.append('}');
    }

    /**
     * NETLINK_LIST_MEMBERSHIPS: the group bitmap as strace's print_array prints unsigned ints: an
     * element that could not be read ends it ("... /* 0x... *{@code /}"), the first the address.
     */
    private static void uintArray(Call c, LineBuffer out, RecordedBuffer b, long address, int count) {
        int have = b == null || b.getError() != 0 ? 0 : b.getData().size();
        ByteBuffer v = have == 0 ? null : c.struct(b, have);
        out.append(count == 0 ? "[" : "");
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                out.append(", ");
            }
            if (4 * k + 4 > have) {
                if (k == 0) {
                    Formats.pointer(out, address);
                    return;
                }
                Formats.hex(out.append("... /* "), address + 4L * k).append(" */");
                break;
            }
            if (k == 0) {
                out.append('[');
            }
            if (k >= c.options.stringLimit) {
                out.append("...");
                break;
            }
            out.append(v.getInt(4 * k) & 0xffffffffL);
        }
        out.append(']');
    }

    /** ICMP_FILTER: the ICMP types let through, as strace's print_icmp_filter. */
    private static void icmpFilter(Call c, LineBuffer out, RecordedBuffer b, long address, int len) {
        if (len <= 0) {
            Formats.pointer(out, address);
            return;
        }
        int n = Math.min(len, 4);
        ByteBuffer v = c.struct(b, n);
        if (v == null) {
            Formats.pointer(out, address);
            return;
        }
        int data = ~0;
        for (int k = 0; k < n; k++) {
            data = data & ~(0xff << 8 * k) | (v.get(k) & 0xff) << 8 * k;
        }
        if (Integer.bitCount(data) > 16) {
            data = ~data;
            out.append('~');
        }
        out.append('[');
        boolean first = true;
        for (int bit = 0; bit < 32; bit++) {
            if ((data & 1 << bit) != 0) {
                out.append(first ? "" : " ");
                first = false;
                SockoptNames.ICMP_FILTER.hexValue(out, bit);
            }
        }
        out.append(']');
    }

    /** strace's print_ifindex: {@code if_nametoindex("lo")} when the recording names it, else the number. */
    static void ifindex(Call c, LineBuffer out, int index) {
        String name = c.interfaceName(index);
        ConstStyle.value(out, index & 0xffffffffL, false,
                name == null ? null : "if_nametoindex(" + Quote.of(name, c.options.hex) + ")", null);
    }

    /** {@code field=inet_addr("224.0.0.1")} of 4 bytes at {@code at}. */
    private static String inetAddr(Call c, ByteBuffer v, int at, String field) {
        byte[] a = new byte[4];
        v.get(at, a);
        return InetText.inet4(field, a, 0, c.options.hex);
    }
}
