package io.jtrace.analyzer.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Three address families of strace's sockaddr.c: AF_AX25, AF_IPX and AF_X25, each printed only
 * when the length holds its structure (strace's sa_printers minimum lengths). AF_PACKET, AF_VSOCK,
 * AF_QIPCRTR, AF_XDP and AF_MCTP are PacketAddr's and SockaddrFields'.
 */
final class SockaddrFamilies {
    static final int AF_AX25 = 3;
    static final int AF_IPX = 4;
    static final int AF_X25 = 9;
    /** ax25_address: six shifted characters and the SSID byte. */
    private static final int AX25_ADDR = 7;
    private static final int SOCKADDR_AX25 = 16;
    private static final int AX25_MAX_DIGIS = 8;

    private SockaddrFamilies() {
    }

    /** The smallest length strace decodes the family at, or -1 when this class does not decode it. */
    static int minLength(int family) {
        return switch (family) {
            case AF_AX25, AF_IPX -> 16;
            case AF_X25 -> 18;
            default -> -1;
        };
    }

    /** Appends the fields after sa_family of {@code b} (zero past {@code len}, as strace's buffer). */
    static void append(StringBuilder s, int family, byte[] b, int len, Quote.Hex hex,
                       IntFunction<String> interfaces) {
        ByteBuffer be = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (family) {
            case AF_AX25 -> ax25(s, b, len, le);
            case AF_IPX -> {
                s.append(InetText.port("sipx_port", be.getShort(2) & 0xffff))
                        .append(", sipx_network=htonl(")
                        .append(hex0x(be.getInt(4) & 0xffffffffL)).append("), sipx_node=[");
                for (int i = 0; i < 6; i++) {
                    s.append(i > 0 ? ", " : "").append(byte0x(b[8 + i]));
                }
                s.append("], sipx_type=").append(byte0x(b[14]));
                if (b[15] != 0) {
                    s.append(", sipx_zero=").append(hex0x(b[15] & 0xff));
                }
            }
            case AF_X25 -> {
                // print_quoted_cstring of char x25_addr[16]: 15 bytes at most, "..." without a NUL among them
                int n = 0;
                while (n < 15 && b[2 + n] != 0) {
                    n++;
                }
                s.append("sx25_addr={x25_addr=");
                Quote.append(s, b, 2, n, hex, false);
                s.append(n == 15 ? "...}" : "}");
            }
            default -> throw new IllegalArgumentException("family " + family);
        }
    }

    /** print_sockaddr_data_ax25: full_sockaddr_ax25 when digipeaters are announced or the length holds more. */
    private static void ax25(StringBuilder s, byte[] b, int len, ByteBuffer le) {
        int ndigis = le.getInt(12);
        boolean full = ndigis != 0 || len > SOCKADDR_AX25;
        if (full) {
            s.append("fsa_ax25={");
        }
        s.append("sax25_call=");
        ax25Address(s, b, 2);
        s.append(", sax25_ndigis=").append(ndigis);
        if (!full) {
            return;
        }
        s.append('}');
        int has = Math.min((Math.max(len, 0) - SOCKADDR_AX25) / AX25_ADDR, AX25_MAX_DIGIS);
        int want = Math.min(Math.max(ndigis, 0), AX25_MAX_DIGIS);
        int digis = Math.min(has, want);
        if (want > 0) {
            s.append(", fsa_digipeater=[");
            for (int i = 0; i < digis; i++) {
                s.append(i > 0 ? ", " : "");
                ax25Address(s, b, SOCKADDR_AX25 + AX25_ADDR * i);
            }
            if (want > has) {
                s.append(digis > 0 ? ", ..." : "...");
            }
            s.append(']');
        }
        if (len > has * AX25_ADDR + SOCKADDR_AX25) {
            s.append(", ...");
        }
    }

    /** print_ax25_addr without -X: the call sign, or the raw bytes with it as a comment when it is odd. */
    private static void ax25Address(StringBuilder s, byte[] b, int off) {
        int style = ax25Style(b, off);
        if (style == ABBREV) {
            // a sane call sign: as the -X style says, as strace's xlat_verbosity
            var global = ConstStyle.current();
            style = global == ConstStyle.RAW ? RAW
                    : global == ConstStyle.VERBOSE ? VERBOSE : ABBREV;
        }
        if (style != ABBREV) {
            s.append("{ax25_call=");
            Quote.append(s, b, off, AX25_ADDR, Quote.Hex.ALL, false);
            s.append('}');
        }
        if (style == RAW) {
            return;
        }
        String call = ax25Text(b, off);
        s.append(style == VERBOSE ? " /* " + call + " */" : call);
    }

    private static final int ABBREV = 0;
    private static final int VERBOSE = 1;
    private static final int RAW = 2;

    /** check_ax25_address: a sane call sign is upper-case letters and digits, padded with spaces. */
    private static int ax25Style(byte[] b, int off) {
        int style = ABBREV;
        boolean spaceSeen = false;
        boolean charSeen = false;
        for (int i = 0; i < AX25_ADDR - 1; i++) {
            int c = b[off + i] & 0xff;
            if ((c & 1) != 0) {
                style = VERBOSE;
            }
            c >>= 1;
            if (c == ' ') {
                spaceSeen = true;
            } else {
                charSeen = true;
            }
            if ((c < '0' || c > '9') && (c < 'A' || c > 'Z') && c != ' ') {
                style = VERBOSE;
            }
            if (c != ' ' && spaceSeen) {
                style = VERBOSE;
            }
            if (c < ' ' || c > 0x7e || c == '*' || c == '/') {
                return RAW;
            }
        }
        int ssid = b[off + AX25_ADDR - 1] & 0xff;
        if ((ssid & ~0x1e) != 0 || !charSeen && ssid != 0) {
            style = VERBOSE;
        }
        return style;
    }

    /** ax25_addr2str: "CALL-SSID", trailing spaces dropped, "*" for an empty call with SSID 0. */
    private static String ax25Text(byte[] b, int off) {
        int end = AX25_ADDR - 1;
        while (end > 0 && ((b[off + end - 1] & 0xff) >> 1) == ' ') {
            end--;
        }
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < end; i++) {
            t.append((char) ((b[off + i] & 0xff) >> 1));
        }
        int ssid = ((b[off + AX25_ADDR - 1] & 0xff) >> 1) & 0xf;
        t.append('-').append(ssid);
        return t.charAt(0) == '-' && t.charAt(1) == '0' ? "*" : t.toString();
    }

    /** print_sockaddr_data_ll: sockaddr_ll, sll_addr cut where the length ends. */
    private static String hex0x(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    /** PRINT_VAL_0X of a byte, %#02x: 0 as "00". */
    private static String byte0x(byte value) {
        return value == 0 ? "00" : "0x" + Integer.toHexString(value & 0xff);
    }
}
