package io.jtrace.analyzer.pcap;

import java.util.Arrays;

/** One end of a connection in a packet: an IPv4 (4 bytes) or IPv6 (16 bytes) address and a port. */
record Endpoint(byte[] address, int port, boolean placeholder) {
    /** 192.0.2.1 and .2: TEST-NET-1 (RFC 5737), reserved for documentation, never on a real network. */
    static final byte[] UNKNOWN_LOCAL_V4 = {(byte) 192, 0, 2, 1};
    static final byte[] UNKNOWN_PEER_V4 = {(byte) 192, 0, 2, 2};
    /** 2001:db8::1 and ::2: the IPv6 documentation prefix (RFC 3849). */
    static final byte[] UNKNOWN_LOCAL_V6 = v6(1);
    static final byte[] UNKNOWN_PEER_V6 = v6(2);

    private static byte[] v6(int last) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = (byte) last;
        return a;
    }

    boolean v4() {
        return address.length == 4;
    }

    /**
     * Parses the analyzer's endpoint text ("127.0.0.1:80", "[::1]:80"); an IPv4-mapped IPv6 address
     * ("[::ffff:127.0.0.1]:80", a Java socket talking IPv4) is IPv4 on the wire. Null for anything else.
     */
    static Endpoint parse(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        String host = text.substring(0, colon);
        byte[] address = host.startsWith("[") && host.endsWith("]") ? ipv6(host.substring(1, host.length() - 1))
                : ipv4(host);
        if (address == null || port < 0 || port > 0xffff) {
            return null;
        }
        if (address.length == 16 && mapped(address)) {
            address = Arrays.copyOfRange(address, 12, 16);
        }
        return new Endpoint(address, port, false);
    }

    static Endpoint placeholder(boolean v4, boolean local, int port) {
        byte[] a = v4 ? (local ? UNKNOWN_LOCAL_V4 : UNKNOWN_PEER_V4) : (local ? UNKNOWN_LOCAL_V6 : UNKNOWN_PEER_V6);
        return new Endpoint(a, port, true);
    }

    /** The same endpoint as IPv6 (an IPv4 address mapped), for a connection whose other end is IPv6. */
    Endpoint asV6() {
        if (!v4()) {
            return this;
        }
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(address, 0, a, 12, 4);
        return new Endpoint(a, port, placeholder);
    }

    private static boolean mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    static byte[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = number(parts[i], 10, 3);
            if (v < 0 || v > 255) {
                return null;
            }
            a[i] = (byte) v;
        }
        return a;
    }

    /** The textual IPv6 forms inet_ntop prints: "::" once, an embedded IPv4 address at the end. */
    static byte[] ipv6(String s) {
        int[] words = new int[8];
        int n = 0;
        int gap = -1;
        String[] halves = s.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        int[] head = groups(halves[0]);
        int[] tail = halves.length == 2 ? groups(halves[1]) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        if (halves.length == 2) {
            gap = head.length;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        for (int w : head) {
            words[n++] = w;
        }
        n = 8 - tail.length;
        for (int w : tail) {
            words[n++] = w;
        }
        byte[] a = new byte[16];
        for (int i = 0; i < 8; i++) {
            a[2 * i] = (byte) (words[i] >>> 8);
            a[2 * i + 1] = (byte) words[i];
        }
        return a;
    }

    /** Colon-separated hex groups; a last group in dotted IPv4 form counts as two. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int last = parts.length - 1;
        boolean dotted = parts[last].contains(".");
        int[] w = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (i == last && dotted) {
                byte[] v4 = ipv4(parts[i]);
                if (v4 == null) {
                    return null;
                }
                w[i] = (v4[0] & 0xff) << 8 | v4[1] & 0xff;
                w[i + 1] = (v4[2] & 0xff) << 8 | v4[3] & 0xff;
            } else {
                w[i] = number(parts[i], 16, 4);
                if (w[i] < 0) {
                    return null;
                }
            }
        }
        return w;
    }

    private static int number(String s, int radix, int maxDigits) {
        if (s.isEmpty() || s.length() > maxDigits) {
            return -1;
        }
        try {
            return Integer.parseInt(s, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A key for a connection's two ends, in this order. */
    static String key(Endpoint from, Endpoint to) {
        return Arrays.toString(from.address) + ":" + from.port + ">" + Arrays.toString(to.address) + ":" + to.port;
    }
}
