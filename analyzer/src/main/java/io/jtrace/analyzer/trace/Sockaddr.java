package io.jtrace.analyzer.trace;

import io.jtrace.analyzer.render.Quote;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A struct sockaddr as captured: strace's rendering and the short endpoint form ("127.0.0.1:80"). */
public final class Sockaddr {
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;

    private static final String[] FAMILIES = new String[46];

    static {
        String[] names = {"AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK", "AF_NETROM",
            "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet", "AF_NETBEUI", "AF_SECURITY",
            "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH", "AF_ECONET", "AF_ATMSVC", "AF_RDS", "AF_SNA", "AF_IRDA",
            "AF_PPPOX", "AF_WANPIPE", "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC", "AF_BLUETOOTH", "AF_IUCV",
            "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG", "AF_NFC", "AF_VSOCK",
            "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP"};
        System.arraycopy(names, 0, FAMILIES, 0, names.length);
    }

    private Sockaddr() {
    }

    public static String familyName(int family) {
        return family >= 0 && family < FAMILIES.length && FAMILIES[family] != null ? FAMILIES[family]
                : Integer.toString(family);
    }

    /** The address family of captured bytes, or -1 when fewer than two bytes were captured. */
    public static int family(byte[] b, int len) {
        return len < 2 ? -1 : (b[0] & 0xff) | (b[1] & 0xff) << 8;
    }

    /** strace's rendering of {@code len} bytes of a sockaddr. */
    public static String strace(byte[] b, int len, Quote.Hex hex) {
        int family = family(b, len);
        if (family < 0) {
            return "{sa_family=???}";
        }
        StringBuilder s = new StringBuilder("{sa_family=").append(familyName(family));
        ByteBuffer bb = ByteBuffer.wrap(b, 0, len).order(ByteOrder.BIG_ENDIAN);
        switch (family) {
            case AF_INET -> {
                if (len >= 8) {
                    s.append(", sin_port=htons(").append(bb.getShort(2) & 0xffff).append("), sin_addr=inet_addr(")
                            .append(Quote.of(inet4(b, 4), hex)).append(")");
                }
            }
            case AF_INET6 -> {
                if (len >= 24) {
                    s.append(", sin6_port=htons(").append(bb.getShort(2) & 0xffff).append("), sin6_flowinfo=htonl(")
                            .append(bb.getInt(4) & 0xffffffffL).append("), inet_pton(AF_INET6, ")
                            .append(Quote.of(inet6(b, 8), hex)).append(", &sin6_addr)");
                    if (len >= 28) {
                        s.append(", sin6_scope_id=").append(Integer.reverseBytes(bb.getInt(24)) & 0xffffffffL);
                    }
                }
            }
            case AF_UNIX -> {
                if (len > 2) {
                    s.append(", sun_path=");
                    if (b[2] == 0) {
                        s.append('@');
                        Quote.append(s, b, 3, len - 3, hex, false);
                    } else {
                        Quote.append(s, b, 2, len - 2, hex, true);
                    }
                }
            }
            case AF_NETLINK -> {
                if (len >= 12) {
                    ByteBuffer le = ByteBuffer.wrap(b, 0, len).order(ByteOrder.LITTLE_ENDIAN);
                    s.append(", nl_pid=").append(le.getInt(4)).append(", nl_groups=")
                            .append(String.format("%08x", le.getInt(8)));
                }
            }
            default -> {
                if (len > 2) {
                    s.append(", sa_data=");
                    Quote.append(s, b, 2, len - 2, hex, false);
                }
            }
        }
        return s.append('}').toString();
    }

    /** The port of an inet or inet6 address, or -1 for other families. */
    public static int port(byte[] b, int len) {
        int family = family(b, len);
        if ((family == AF_INET && len >= 8) || (family == AF_INET6 && len >= 24)) {
            return (b[2] & 0xff) << 8 | b[3] & 0xff;
        }
        return -1;
    }

    /** "127.0.0.1:8080", "[::1]:8080", a unix path, or null when the bytes name no endpoint. */
    public static String endpoint(byte[] b, int len) {
        int family = family(b, len);
        ByteBuffer bb = ByteBuffer.wrap(b, 0, Math.max(len, 0)).order(ByteOrder.BIG_ENDIAN);
        if (family == AF_INET && len >= 8) {
            return inet4(b, 4) + ":" + (bb.getShort(2) & 0xffff);
        }
        if (family == AF_INET6 && len >= 24) {
            return "[" + inet6(b, 8) + "]:" + (bb.getShort(2) & 0xffff);
        }
        if (family == AF_UNIX && len > 2) {
            if (b[2] == 0) {
                return "@" + new String(b, 3, len - 3, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            int end = 2;
            while (end < len && b[end] != 0) {
                end++;
            }
            return new String(b, 2, end - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    /** Endpoint text for the header's socket snapshot (address bytes in network order). */
    public static String hostPort(byte[] addr, int port) {
        if (addr.length == 4) {
            return inet4(addr, 0) + ":" + port;
        }
        if (addr.length == 16) {
            return "[" + inet6(addr, 0) + "]:" + port;
        }
        return null;
    }

    static String inet4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** glibc's inet_ntop: the longest run of two or more zero groups as "::", embedded IPv4 forms. */
    static String inet6(byte[] b, int off) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = (b[off + 2 * i] & 0xff) << 8 | b[off + 2 * i + 1] & 0xff;
        }
        int best = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            best = -1;
        }
        StringBuilder s = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (i == best) {
                s.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            if (i == 6 && best == 0 && (bestLen == 6 || bestLen == 5 && w[5] == 0xffff)) {
                s.append(inet4(b, off + 12));
                break;
            }
            s.append(Integer.toHexString(w[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        return s.toString();
    }
}
