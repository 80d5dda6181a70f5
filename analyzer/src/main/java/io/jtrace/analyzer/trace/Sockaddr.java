package io.jtrace.analyzer.trace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A struct sockaddr as captured, as the fd model reads it: family, port and the short endpoint form
 * ("127.0.0.1:80"). strace's rendering of it is render/SockaddrText.
 */
public final class Sockaddr {
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_RXRPC = 33;
    /** sizeof(struct sockaddr_storage): the most strace reads of a sockaddr. */
    public static final int STORAGE_SIZE = 128;

    private Sockaddr() {
    }

    /** The address family of captured bytes, or -1 when fewer than two bytes were captured. */
    public static int family(byte[] b, int len) {
        return len < 2 ? -1 : (b[0] & 0xff) | (b[1] & 0xff) << 8;
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

    /** "10.0.0.1" of 4 address bytes in network order. */
    public static String inet4Text(byte[] address) {
        return inet4(address, 0);
    }

    /** inet_ntop's text of 16 address bytes in network order. */
    public static String inet6Text(byte[] address) {
        return inet6(address, 0);
    }

    /** "10.0.0.1" of 4 address bytes at {@code off}. */
    public static String inet4(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** glibc's inet_ntop: the longest run of two or more zero groups as "::", embedded IPv4 forms. */
    public static String inet6(byte[] b, int off) {
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
