package io.jtrace.analyzer.trace;

import io.jtrace.analyzer.render.Quote;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The address families strace's sockaddr.c decodes beyond unix, inet, inet6 and netlink: AF_AX25,
 * AF_IPX, AF_X25, AF_PACKET, AF_VSOCK, AF_QIPCRTR, AF_XDP and AF_MCTP, each printed only when the
 * length holds its structure (strace's sa_printers minimum lengths).
 */
final class SockaddrFamilies {
    static final int AF_AX25 = 3;
    static final int AF_IPX = 4;
    static final int AF_X25 = 9;
    static final int AF_PACKET = 17;
    static final int AF_VSOCK = 40;
    static final int AF_QIPCRTR = 42;
    static final int AF_XDP = 44;
    static final int AF_MCTP = 45;
    /** ax25_address: six shifted characters and the SSID byte. */
    private static final int AX25_ADDR = 7;
    private static final int SOCKADDR_AX25 = 16;
    private static final int AX25_MAX_DIGIS = 8;
    private static final int XDP_SHARED_UMEM = 1;
    /** strace 6.1's ethernet_protocols and arp_hardware_types, from src/xlat/*.in (table, name, value). */
    private static final Map<String, Map<Long, String>> XLAT = load("sockaddr-xlat.tsv");
    private static final String[] PACKET_TYPES = {"PACKET_HOST", "PACKET_BROADCAST", "PACKET_MULTICAST",
        "PACKET_OTHERHOST", "PACKET_OUTGOING", "PACKET_LOOPBACK", "PACKET_USER", "PACKET_KERNEL"};

    private SockaddrFamilies() {
    }

    /** The smallest length strace decodes the family at, or -1 when this class does not decode it. */
    static int minLength(int family) {
        return switch (family) {
            case AF_AX25, AF_IPX, AF_VSOCK, AF_XDP -> 16;
            case AF_X25 -> 18;
            case AF_PACKET -> 20;
            case AF_QIPCRTR, AF_MCTP -> 12;
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
                s.append("sipx_port=htons(").append(be.getShort(2) & 0xffff).append("), sipx_network=htonl(")
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
            case AF_PACKET -> packet(s, b, len, be, le, hex, interfaces);
            case AF_VSOCK -> {
                int reserved = le.getShort(2) & 0xffff;
                if (reserved != 0) {
                    s.append("svm_reserved1=").append(hex0x(reserved)).append(", ");
                }
                long port = le.getInt(4) & 0xffffffffL;
                long cid = le.getInt(8) & 0xffffffffL;
                s.append("svm_cid=").append(name(cid, Map.of(0L, "VMADDR_CID_HYPERVISOR", 1L, "VMADDR_CID_LOCAL",
                        2L, "VMADDR_CID_HOST", 0xffffffffL, "VMADDR_CID_ANY")));
                s.append(", svm_port=").append(name(port, Map.of(0xffffffffL, "VMADDR_PORT_ANY")));
                int flags = b[12] & 0xff;
                s.append(", svm_flags=").append(flags == 0 ? "0" : (flags & 1) != 0
                        ? "VMADDR_FLAG_TO_HOST" + ((flags & ~1) != 0 ? "|" + hex0x(flags & ~1) : "")
                        : hex0x(flags) + " /* VMADDR_FLAG_??? */");
                if (b[13] != 0 || b[14] != 0 || b[15] != 0) {
                    s.append(", svm_zero=");
                    Quote.append(s, b, 13, 3, Quote.Hex.ALL, false);
                }
            }
            case AF_QIPCRTR -> s.append("sq_node=").append(name(le.getInt(4) & 0xffffffffL,
                    Map.of(0xffffffffL, "QRTR_NODE_BCAST"))).append(", sq_port=")
                    .append(name(le.getInt(8) & 0xffffffffL, Map.of(0xfffffffeL, "QRTR_PORT_CTRL")));
            case AF_XDP -> xdp(s, le, hex, interfaces);
            case AF_MCTP -> mctp(s, b, le);
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
    private static void packet(StringBuilder s, byte[] b, int len, ByteBuffer be, ByteBuffer le, Quote.Hex hex,
                               IntFunction<String> interfaces) {
        s.append("sll_protocol=htons(").append(xlat("ethernet_protocols", be.getShort(2) & 0xffff, "ETH_P_???"))
                .append("), sll_ifindex=");
        ifindex(s, le.getInt(4), hex, interfaces);
        s.append(", sll_hatype=").append(xlat("arp_hardware_types", le.getShort(8) & 0xffff, "ARPHRD_???"));
        int type = b[10] & 0xff;
        s.append(", sll_pkttype=").append(type < PACKET_TYPES.length ? PACKET_TYPES[type]
                : hex0x(type) + " /* PACKET_??? */");
        int halen = b[11] & 0xff;
        s.append(", sll_halen=").append(halen);
        if (halen != 0) {
            int inBounds = len - 12;
            s.append(", sll_addr=[");
            for (int i = 0; i < halen; i++) {
                s.append(i > 0 ? ", " : "");
                if (i >= inBounds) {
                    s.append("...");
                    break;
                }
                s.append(byte0x(b[12 + i]));
            }
            s.append(']');
        }
    }

    private static void xdp(StringBuilder s, ByteBuffer le, Quote.Hex hex, IntFunction<String> interfaces) {
        int flags = le.getShort(2) & 0xffff;
        String[] names = {"XDP_SHARED_UMEM", "XDP_COPY", "XDP_ZEROCOPY", "XDP_USE_NEED_WAKEUP"};
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & 1 << i) != 0) {
                f.append(f.length() > 0 ? "|" : "").append(names[i]);
            }
        }
        int rest = flags & ~0xf;
        if (rest != 0) {
            f.append(f.length() > 0 ? "|" : "").append(hex0x(rest));
        }
        s.append("sxdp_flags=").append(flags == 0 ? "0" : f).append(rest == flags && flags != 0 ? " /* XDP_??? */" : "")
                .append(", sxdp_ifindex=");
        ifindex(s, le.getInt(4), hex, interfaces);
        s.append(", sxdp_queue_id=").append(le.getInt(8) & 0xffffffffL);
        int umem = le.getInt(12);
        if ((flags & XDP_SHARED_UMEM) != 0) {
            s.append(", sxdp_shared_umem_fd=").append(umem);
        } else if (umem != 0) {
            s.append(", sxdp_shared_umem_fd=").append(hex0x(umem & 0xffffffffL));
        }
    }

    private static void mctp(StringBuilder s, byte[] b, ByteBuffer le) {
        int pad0 = le.getShort(2) & 0xffff;
        if (pad0 != 0) {
            s.append("__smctp_pad0=").append(hex0x(pad0)).append(", ");
        }
        s.append("smctp_network=").append(name(le.getInt(4) & 0xffffffffL, Map.of(0L, "MCTP_NET_ANY")))
                .append(", smctp_addr={s_addr=").append(name(b[8] & 0xff, Map.of(0L, "MCTP_ADDR_NULL",
                        0xffL, "MCTP_ADDR_ANY"))).append("}, smctp_type=").append(hex0x(b[9] & 0xff))
                .append(", smctp_tag=").append(hex0x(b[10] & 0xff));
        if (b[11] != 0) {
            s.append(", __smctp_pad1=").append(hex0x(b[11] & 0xff));
        }
    }

    /** PRINT_FIELD_IFINDEX: if_nametoindex("lo") when the trace names the interface, else the number. */
    private static void ifindex(StringBuilder s, int index, Quote.Hex hex, IntFunction<String> interfaces) {
        String name = interfaces.apply(index);
        if (name != null) {
            s.append("if_nametoindex(").append(Quote.of(name, hex)).append(')');
        } else {
            s.append(index & 0xffffffffL);
        }
    }

    /** printxval: the name, else the value in hex with the unknown comment. */
    private static String xlat(String table, long value, String unknown) {
        String name = XLAT.getOrDefault(table, Map.of()).get(value);
        return name != null ? name : hex0x(value) + " /* " + unknown + " */";
    }

    /** PRINT_FIELD_XVAL without a default name: the name, else the value in hex. */
    private static String name(long value, Map<Long, String> names) {
        String name = names.get(value);
        return name != null ? name : hex0x(value);
    }

    /** %#llx: 0 as "0". */
    private static String hex0x(long value) {
        return value == 0 ? "0" : "0x" + Long.toHexString(value);
    }

    /** PRINT_VAL_0X of a byte, %#02x: 0 as "00". */
    private static String byte0x(byte value) {
        return value == 0 ? "00" : "0x" + Integer.toHexString(value & 0xff);
    }

    private static Map<String, Map<Long, String>> load(String resource) {
        Map<String, Map<Long, String>> tables = new HashMap<>();
        try (var in = SockaddrFamilies.class.getResourceAsStream(resource);
             var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                tables.computeIfAbsent(f[0], k -> new HashMap<>()).putIfAbsent(Long.decode(f[2]), f[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }
}
