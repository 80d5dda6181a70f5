package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.Sockaddr;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/** strace's rendering of a struct sockaddr as captured (print_sockaddr and the families' printers). */
public final class SockaddrText {
    /** sizeof(struct sockaddr_un): sun_path ends there, whatever the length. */
    private static final int SUN_SIZE = 110;

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


    /** strace's addrfams: the name, else {@code 0x2e /* AF_??? *}{@code /}; in the line's {@link ConstStyle}. */
    public static String familyName(int family) {
        String name = family >= 0 && family < FAMILIES.length ? FAMILIES[family] : null;
        return ConstStyle.text(family & 0xffffffffL, true, name, "AF_???");
    }

    private SockaddrText() {
    }

    /** strace's rendering of {@code len} bytes of a sockaddr, without interface names. */
    public static String strace(byte[] b, int len, Quote.Hex hex) {
        return strace(b, len, hex, index -> null);
    }

    /**
     * strace's print_sockaddr of the first {@code len} bytes (at least 2, at most
     * {@link #STORAGE_SIZE}): a family's fields only when {@code len} holds its whole structure
     * (else {@code sa_data}, the bytes after the family), sun_path within sizeof(sockaddr_un), a
     * link-local sin6_scope_id as {@code if_nametoindex("lo")} when {@code interfaces} names the
     * index. Bytes past the end of {@code b} read as zero, as in strace's zeroed buffer.
     */
    public static String strace(byte[] data, int len, Quote.Hex hex, IntFunction<String> interfaces) {
        return strace(data, len, hex, interfaces, Integer::toString);
    }

    /** {@link #strace(byte[], int, Quote.Hex, IntFunction)} with fds in fields as {@code fds} prints them (-y). */
    public static String strace(byte[] data, int len, Quote.Hex hex, IntFunction<String> interfaces,
                                IntFunction<String> fds) {
        return strace(data, len, hex, interfaces, fds, Integer::toString);
    }

    /** ... with a process id (Sockaddr.AF_NETLINK's nl_pid) as {@code pids} prints it (--decode-pids). */
    public static String strace(byte[] data, int len, Quote.Hex hex, IntFunction<String> interfaces,
                                IntFunction<String> fds, IntFunction<String> pids) {
        byte[] b = new byte[Math.max(len, 0) + SUN_SIZE + 1];
        System.arraycopy(data, 0, b, 0, Math.min(data.length, Math.max(len, 0)));
        int family = Sockaddr.family(b, 2);
        StringBuilder s = new StringBuilder("{sa_family=").append(familyName(family));
        if (len > 2) {
            s.append(", ");
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
            ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (family == Sockaddr.AF_UNIX && len >= 3) {
                int pathLength = Math.min(len, SUN_SIZE) - 2;
                s.append("sun_path=");
                if (b[2] != 0) {
                    Quote.append(s, b, 2, pathLength, hex, true);
                } else {
                    s.append('@');
                    Quote.append(s, b, 3, pathLength - 1, hex, false);
                }
            } else if (family == Sockaddr.AF_INET && len >= 16) {
                inFields(s, b, 0, hex);
            } else if (family == Sockaddr.AF_INET6 && len >= 24) {
                in6Fields(s, b, 0, len, hex, interfaces);
            } else if (family == PacketAddr.AF_PACKET && len >= PacketAddr.SIZE) {
                PacketAddr.append(s, b, len, hex, interfaces);
            } else if (family == Sockaddr.AF_RXRPC && len >= Rxrpc.SIZE) {
                Rxrpc.append(s, b, len, hex, interfaces);
            } else if (SockaddrFields.size(family) > 0 && len >= SockaddrFields.size(family)) {
                SockaddrFields.append(s, family, b, len, interfaces, fds, hex);
            } else if (family == Sockaddr.AF_NETLINK && len >= 12) {
                int pad = le.getShort(2) & 0xffff;
                if (pad != 0) {
                    s.append("nl_pad=0x").append(Integer.toHexString(pad)).append(", ");
                }
                int groups = le.getInt(8);
                s.append("nl_pid=").append(pids.apply(le.getInt(4))).append(", nl_groups=")
                        .append(groups == 0 ? "00000000" : String.format("%#08x", groups));
            } else if (SockaddrFamilies.minLength(family) > 0 && len >= SockaddrFamilies.minLength(family)) {
                SockaddrFamilies.append(s, family, b, len, hex, interfaces);
            } else {
                s.append("sa_data=");
                Quote.append(s, b, 2, len - 2, hex, false);
            }
        }
        return s.append('}').toString();
    }

    /** print_sockaddr_data_in: the fields after sin_family of a sockaddr_in at {@code at}. */
    static void inFields(StringBuilder s, byte[] b, int at, Quote.Hex hex) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        s.append(InetText.port("sin_port", bb.getShort(at + 2))).append(", ")
                .append(InetText.inet4("sin_addr", b, at + 4, hex));
    }

    /**
     * print_sockaddr_data_in6: the fields after sin6_family of a sockaddr_in6 at {@code at},
     * sin6_scope_id when {@code len} goes past sin6_addr.
     */
    static void in6Fields(StringBuilder s, byte[] b, int at, int len, Quote.Hex hex, IntFunction<String> interfaces) {
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        s.append(InetText.port("sin6_port", bb.getShort(at + 2))).append(", ")
                .append(InetText.flowinfo("sin6_flowinfo", bb.getInt(at + 4))).append(", ")
                .append(InetText.inet6("sin6_addr", b, at + 8, hex));
        if (len > 24) {
            long scope = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at + 24) & 0xffffffffL;
            boolean linkLocal = (b[at + 8] & 0xff) == 0xfe && (b[at + 9] & 0xc0) == 0x80
                    || (b[at + 8] & 0xff) == 0xff && (b[at + 9] & 0x0f) == 0x02;
            String name = linkLocal ? interfaces.apply((int) scope) : null;
            s.append(", sin6_scope_id=").append(ConstStyle.text(scope, false,
                    name == null ? null : "if_nametoindex(" + Quote.of(name, hex) + ")", null));
        }
    }

}
