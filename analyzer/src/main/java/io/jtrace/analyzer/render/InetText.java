package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.Sockaddr;

/**
 * Internet addresses and ports in structures, as strace's print_inet_addr, PRINT_FIELD_NET_PORT
 * and sin6_flowinfo print them: {@code sin_port=htons(80)}, {@code sin_addr=inet_addr("10.0.0.1")},
 * {@code inet_pton(AF_INET6, "::1", &sin6_addr)}; in raw style the bytes in hex, in verbose the
 * bytes with those in a comment. Each method returns the field with its name.
 */
public final class InetText {
    private InetText() {
    }

    /** A port in network order, {@code port} its value. */
    public static String port(String field, int port) {
        byte[] bytes = {(byte) (port >> 8), (byte) port};
        return field + "=" + styled(bytes, "htons(" + (port & 0xffff) + ")");
    }

    /** sin6_flowinfo, {@code value} in host order: raw prints its bytes only. */
    public static String flowinfo(String field, int value) {
        byte[] bytes = {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
        return field + "=" + styled(bytes, "htonl(" + (value & 0xffffffffL) + ")");
    }

    /** 4 bytes of an IPv4 address at {@code off}. */
    public static String inet4(String field, byte[] b, int off, Quote.Hex hex) {
        byte[] a = java.util.Arrays.copyOfRange(b, off, off + 4);
        return field + "=" + styled(a, "inet_addr(" + Quote.of(Sockaddr.inet4Text(a), hex) + ")");
    }

    /** 16 bytes of an IPv6 address at {@code off}: the field's name inside inet_pton's call in abbrev style. */
    public static String inet6(String field, byte[] b, int off, Quote.Hex hex) {
        byte[] a = java.util.Arrays.copyOfRange(b, off, off + 16);
        String text = Quote.of(Sockaddr.inet6Text(a), hex);
        if (ConstStyle.current() == ConstStyle.ABBREV) {
            return "inet_pton(AF_INET6, " + text + ", &" + field + ")";
        }
        return field + "=" + styled(a, "inet_pton(AF_INET6, " + text + ")");
    }

    /** {@code decoded} in abbrev, the bytes in hex in raw, both in verbose. */
    private static String styled(byte[] bytes, String decoded) {
        ConstStyle style = ConstStyle.current();
        if (style == ConstStyle.ABBREV) {
            return decoded;
        }
        StringBuilder s = new StringBuilder();
        Quote.append(s, bytes, 0, bytes.length, Quote.Hex.ALL, false);
        if (style == ConstStyle.VERBOSE) {
            s.append(" /* ").append(decoded).append(" */");
        }
        return s.toString();
    }
}
