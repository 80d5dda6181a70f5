package io.jtrace.analyzer.render.ioctl;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Flags;
import io.jtrace.analyzer.render.Formats;
import java.nio.ByteBuffer;

/** Socket requests (strace's sock.c): struct ifreq by request, struct ifconf, ints and bridge names. */
final class SockIoctl {
    private static final int IFREQ = 40;
    private static final int IFNAMSIZ = 16;
    private static final Flags IFF = Flags.of("IFF_???", "IFF_UP", 0x1L, "IFF_BROADCAST", 0x2L, "IFF_DEBUG", 0x4L,
            "IFF_LOOPBACK", 0x8L, "IFF_POINTOPOINT", 0x10L, "IFF_NOTRAILERS", 0x20L, "IFF_RUNNING", 0x40L,
            "IFF_NOARP", 0x80L, "IFF_PROMISC", 0x100L, "IFF_ALLMULTI", 0x200L, "IFF_MASTER", 0x400L,
            "IFF_SLAVE", 0x800L, "IFF_MULTICAST", 0x1000L, "IFF_PORTSEL", 0x2000L, "IFF_AUTOMEDIA", 0x4000L,
            "IFF_DYNAMIC", 0x8000L, "IFF_LOWER_UP", 0x10000L, "IFF_DORMANT", 0x20000L, "IFF_ECHO", 0x40000L);
    private static final Flags ARPHRD = Flags.of("ARPHRD_???", "ARPHRD_NETROM", 0L, "ARPHRD_ETHER", 1L,
            "ARPHRD_LOOPBACK", 772L, "ARPHRD_NONE", 0xfffeL, "ARPHRD_VOID", 0xffffL);

    private static final int SIOCGIFCONF = 0x8912;
    private static final int SIOCGIFNAME = 0x8910;

    private SockIoctl() {
    }

    static boolean decode(IoctlCall c, int code, LineBuffer out) {
        return switch (code) {
            case SIOCGIFCONF -> ifconf(c, out);
            case 0x89a0, 0x89a1 -> bridgeName(c, out);                                  // SIOCBRADDBR, SIOCBRDELBR
            case 0x8903, 0x8905, 0x8925, 0x8904, 0x894b -> Print.intOut(c, out);        // FIOGETOWN ... SIOCOUTQNSD
            case 0x8901, 0x8926, 0x8902 -> Print.intIn(c, out);                         // FIOSETOWN, SIOCSIFENCAP, SIOCSPGRP
            case 0x89a2, 0x89a3 -> Print.in(c, out, IFREQ, b -> {                       // SIOCBRADDIF, SIOCBRDELIF
                out.append("{ifr_ifindex=");
                ifindex(c, out, b.getInt(16));
                out.append('}');
            });
            case 0x8931, 0x8932, 0x8916, 0x891a, 0x8918, 0x8914, 0x8924, 0x8937, 0x8971, 0x891e, 0x8922,
                 0x8923, 0x891c, 0x8930, 0x8943 -> Print.in(c, out, IFREQ, b -> {       // SIOCS*: struct ifreq
                out.append("{ifr_name=");
                Print.cstring(c, out, b, 0, IFNAMSIZ);
                out.append(", ");
                ifreq(c, out, code, b);
                out.append('}');
            });
            case 0x8915, 0x8919, 0x8917, 0x8913, 0x8927, 0x8933, 0x8970, 0x891d, 0x8921, SIOCGIFNAME, 0x891b,
                 0x8929, 0x8942 -> getIfreq(c, code, out);                              // SIOCG*: name in, field out
            // requests whose structures strace leaves undecoded: the address (NULL for 0)
            case 0x8980, 0x890b, 0x8995, 0x8990, 0x8994, 0x8991, 0x8992, 0x8993, 0x8953, 0x8981, 0x890c, 0x8936,
                 0x8960, 0x8946, 0x8954, 0x89b1, 0x8940, 0x8938, 0x891f, 0x8935, 0x8982, 0x8947, 0x8948, 0x8961,
                 0x894c, 0x8906, 0x80108906, 0x8907, 0x80108907, 0x890d, 0x8955, 0x89b0, 0x8941, 0x8911, 0x8920,
                 0x8934, 0x8983, 0x8949, 0x8962, 0x894a -> {
                c.address(out.append(", "));
                yield true;
            }
            default -> false;
        };
    }

    private static boolean getIfreq(IoctlCall c, int code, LineBuffer out) {
        out.append(", ");
        ByteBuffer in = c.address() == 0 ? null : c.in(IFREQ);
        if (in == null) {
            c.address(out);
            return true;
        }
        if (code == SIOCGIFNAME) {
            out.append("{ifr_ifindex=").append(in.getInt(16));
        } else {
            out.append("{ifr_name=");
            Print.cstring(c, out, in, 0, IFNAMSIZ);
        }
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer b = c.out(IFREQ);
        if (b != null) {
            out.append(", ");
            ifreq(c, out, code, b);
        }
        out.append('}');
        return true;
    }

    /** strace's print_ifreq: the union member the request uses. */
    private static void ifreq(IoctlCall c, LineBuffer out, int code, ByteBuffer b) {
        switch (code) {
            case 0x8916, 0x8915 -> sockaddr(c, out.append("ifr_addr="), b);
            case 0x8918, 0x8917 -> sockaddr(c, out.append("ifr_dstaddr="), b);
            case 0x891a, 0x8919 -> sockaddr(c, out.append("ifr_broadaddr="), b);
            case 0x891c, 0x891b -> sockaddr(c, out.append("ifr_netmask="), b);
            case 0x8931, 0x8932, 0x8927, 0x8924, 0x8937 -> {
                int family = b.getShort(16) & 0xffff;
                out.append("ifr_hwaddr={sa_family=");
                ARPHRD.hexValue(out, family);
                out.append(", sa_data=");
                int n = family == 1 ? 6 : 14;
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.append(':');
                    }
                    int v = b.get(18 + i) & 0xff;
                    out.append(v < 16 ? "0" : "").append(Integer.toHexString(v));
                }
                out.append('}');
            }
            case 0x8914, 0x8913 -> IFF.flags(out.append("ifr_flags="), b.getShort(16) & 0xffffL);
            case 0x8933 -> out.append("ifr_ifindex=").append(b.getInt(16));
            case 0x891e, 0x891d -> out.append("ifr_metric=").append(b.getInt(16));
            case 0x8922, 0x8921 -> out.append("ifr_mtu=").append(b.getInt(16));
            case 0x8930, 0x8929 -> Print.cstring(c, out.append("ifr_slave="), b, 16, IFNAMSIZ);
            case 0x8923 -> Print.cstring(c, out.append("ifr_newname="), b, 16, IFNAMSIZ);
            case SIOCGIFNAME -> Print.cstring(c, out.append("ifr_name="), b, 0, IFNAMSIZ);
            case 0x8943, 0x8942 -> out.append("ifr_qlen=").append(b.getInt(16));
            case 0x8971, 0x8970 -> {
                out.append("ifr_map={mem_start=");
                Formats.hex(out, b.getLong(16));
                Formats.hex(out.append(", mem_end="), b.getLong(24));
                Formats.hex(out.append(", base_addr="), b.getShort(32) & 0xffff);
                Formats.hex(out.append(", irq="), b.get(34) & 0xff);
                Formats.hex(out.append(", dma="), b.get(35) & 0xff);
                Formats.hex(out.append(", port="), b.get(36) & 0xff);
                out.append('}');
            }
            default -> {
            }
        }
    }

    /** The sockaddr of an ifreq: the 16 bytes of struct sockaddr after the name. */
    private static void sockaddr(IoctlCall c, LineBuffer out, ByteBuffer b, int offset) {
        byte[] sa = new byte[16];
        b.get(offset, sa);
        out.append(c.sockaddr(sa, sa.length));
    }

    private static void sockaddr(IoctlCall c, LineBuffer out, ByteBuffer b) {
        sockaddr(c, out, b, IFNAMSIZ);
    }

    private static void ifindex(IoctlCall c, LineBuffer out, int index) {
        String name = c.interfaceName(index);
        ConstStyle.value(out, index, false, name == null ? null : "if_nametoindex(\"" + name + "\")", null);
    }

    /** printstr_ex(arg, IFNAMSIZ, QUOTE_0_TERMINATED): up to the NUL; "..." when 16 bytes hold none. */
    private static boolean bridgeName(IoctlCall c, LineBuffer out) {
        out.append(", ");
        byte[] b = c.address() == 0 ? null : c.entryBytes();
        int n = 0;
        while (b != null && n < b.length && n < IFNAMSIZ && b[n] != 0) {
            n++;
        }
        if (b == null || n == b.length && n < IFNAMSIZ) {
            c.address(out);     // memory ended before a NUL or the 16 bytes
            return true;
        }
        io.jtrace.analyzer.render.Quote.append(out, b, 0, n, c.hex(), false);
        if (n == IFNAMSIZ) {
            out.append("...");
        }
        return true;
    }

    /**
     * struct ifconf: ifc_len before and after the call ({@code 82 => 80}), with its "N * sizeof(struct
     * ifreq)" comment, and the ifreqs the kernel wrote (name and address), as strace's decode_ifconf.
     */
    private static boolean ifconf(IoctlCall c, LineBuffer out) {
        ByteBuffer in = c.address() == 0 ? null : c.in(16);
        out.append(", ");
        if (in == null) {
            c.address(out);
            return true;
        }
        int lenIn = in.getInt(0);
        long bufIn = in.getLong(8);
        out.append("{ifc_len=");
        if (bufIn != 0) {
            ifcLen(out, lenIn);
        }
        if (c.unfinished()) {
            return true;
        }
        ByteBuffer after = c.failed() ? in : c.out(16);
        if (after == null) {
            after = in;
        }
        int lenOut = after.getInt(0);
        if (bufIn != 0 && lenIn != lenOut) {
            out.append(" => ");
        }
        if (bufIn == 0 || lenIn != lenOut) {
            ifcLen(out, lenOut);
        }
        out.append(", ifc_buf=");
        if (bufIn == 0 || c.failed()) {
            Formats.pointer(out, bufIn);
        } else {
            byte[] buf = c.pointed(true);
            int count = Integer.divideUnsigned(lenOut, IFREQ);
            if (count == 0) {
                out.append("[]");
            } else if (buf == null || buf.length < IFREQ) {
                Formats.pointer(out, after.getLong(8));
            } else {
                ByteBuffer b = ByteBuffer.wrap(buf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                out.append('[');
                int limit = c.stringLimit();
                for (int i = 0; i < count && (i + 1) * IFREQ <= buf.length; i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    if (i >= limit) {
                        out.append("...");
                        break;
                    }
                    out.append("{ifr_name=");
                    Print.cstring(c, out, b, i * IFREQ, IFNAMSIZ);
                    out.append(", ifr_addr=");
                    sockaddr(c, out, b, i * IFREQ + IFNAMSIZ);
                    out.append('}');
                }
                out.append(']');
            }
        }
        out.append('}');
        return true;
    }

    private static void ifcLen(LineBuffer out, int len) {
        out.append(len);
        int n = Integer.divideUnsigned(len, IFREQ);
        if (len > 0 && n * IFREQ == len) {
            out.append(" /* ").append(n).append(" * sizeof(struct ifreq) */");
        }
    }
}
