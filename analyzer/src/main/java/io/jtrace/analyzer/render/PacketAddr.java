package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * A struct sockaddr_ll (AF_PACKET) as strace's print_sockaddr_data_ll prints it, with strace
 * 6.1's ethernet_protocols, arp_hardware_types and af_packet_types tables.
 */
final class PacketAddr {
    static final int AF_PACKET = 17;
    /** sizeof(struct sockaddr_ll). */
    static final int SIZE = 20;
    private static final int ADDR = 12;

    private static final Flags PROTOCOLS = Flags.of("ETH_P_???", "ETH_P_802_3", 0x1, "ETH_P_AX25", 0x2,
            "ETH_P_ALL", 0x3, "ETH_P_802_2", 0x4, "ETH_P_SNAP", 0x5, "ETH_P_DDCMP", 0x6, "ETH_P_WAN_PPP", 0x7,
            "ETH_P_PPP_MP", 0x8, "ETH_P_LOCALTALK", 0x9, "ETH_P_CAN", 0xc, "ETH_P_CANFD", 0xd, "ETH_P_CANXL", 0xe,
            "ETH_P_PPPTALK", 0x10, "ETH_P_TR_802_2", 0x11, "ETH_P_MOBITEX", 0x15, "ETH_P_CONTROL", 0x16,
            "ETH_P_IRDA", 0x17, "ETH_P_ECONET", 0x18, "ETH_P_HDLC", 0x19, "ETH_P_ARCNET", 0x1a, "ETH_P_DSA", 0x1b,
            "ETH_P_TRAILER", 0x1c, "ETH_P_LOOP", 0x60, "ETH_P_PHONET", 0xf5, "ETH_P_IEEE802154", 0xf6,
            "ETH_P_CAIF", 0xf7, "ETH_P_XDSA", 0xf8, "ETH_P_MAP", 0xf9, "ETH_P_MCTP", 0xfa, "ETH_P_PUP", 0x200,
            "ETH_P_PUPAT", 0x201, "ETH_P_802_3_MIN", 0x600, "ETH_P_IP", 0x800, "ETH_P_X25", 0x805, "ETH_P_ARP", 0x806,
            "ETH_P_BPQ", 0x8ff, "ETH_P_IEEEPUP", 0xa00, "ETH_P_IEEEPUPAT", 0xa01, "ETH_P_ERSPAN2", 0x22eb,
            "ETH_P_TSN", 0x22f0, "ETH_P_BATMAN", 0x4305, "ETH_P_DEC", 0x6000, "ETH_P_DNA_DL", 0x6001,
            "ETH_P_DNA_RC", 0x6002, "ETH_P_DNA_RT", 0x6003, "ETH_P_LAT", 0x6004, "ETH_P_DIAG", 0x6005,
            "ETH_P_CUST", 0x6006, "ETH_P_SCA", 0x6007, "ETH_P_TEB", 0x6558, "ETH_P_RARP", 0x8035,
            "ETH_P_ATALK", 0x809b, "ETH_P_AARP", 0x80f3, "ETH_P_8021Q", 0x8100, "ETH_P_IPX", 0x8137,
            "ETH_P_IPV6", 0x86dd, "ETH_P_PAUSE", 0x8808, "ETH_P_SLOW", 0x8809, "ETH_P_WCCP", 0x883e,
            "ETH_P_MPLS_UC", 0x8847, "ETH_P_MPLS_MC", 0x8848, "ETH_P_ATMMPOA", 0x884c, "ETH_P_PPP_DISC", 0x8863,
            "ETH_P_PPP_SES", 0x8864, "ETH_P_LINK_CTL", 0x886c, "ETH_P_ATMFATE", 0x8884, "ETH_P_PAE", 0x888e,
            "ETH_P_REALTEK", 0x8899, "ETH_P_AOE", 0x88a2, "ETH_P_8021AD", 0x88a8, "ETH_P_802_EX1", 0x88b5,
            "ETH_P_ERSPAN", 0x88be, "ETH_P_PREAUTH", 0x88c7, "ETH_P_TIPC", 0x88ca, "ETH_P_LLDP", 0x88cc,
            "ETH_P_MRP", 0x88e3, "ETH_P_MACSEC", 0x88e5, "ETH_P_8021AH", 0x88e7, "ETH_P_MVRP", 0x88f5,
            "ETH_P_1588", 0x88f7, "ETH_P_NCSI", 0x88f8, "ETH_P_PRP", 0x88fb, "ETH_P_CFM", 0x8902,
            "ETH_P_FCOE", 0x8906, "ETH_P_TDLS", 0x890d, "ETH_P_FIP", 0x8914, "ETH_P_IBOE", 0x8915,
            "ETH_P_80221", 0x8917, "ETH_P_HSR", 0x892f, "ETH_P_NSH", 0x894f, "ETH_P_LOOPBACK", 0x9000,
            "ETH_P_QINQ1", 0x9100, "ETH_P_QINQ2", 0x9200, "ETH_P_QINQ3", 0x9300, "ETH_P_EDSA", 0xdada,
            "ETH_P_DSA_8021Q", 0xdadb, "ETH_P_DSA_A5PSW", 0xe001, "ETH_P_IFE", 0xed3e, "ETH_P_AF_IUCV", 0xfbfb);
    private static final Flags HATYPES = Flags.of("ARPHRD_???", "ARPHRD_NETROM", 0, "ARPHRD_ETHER", 1,
            "ARPHRD_EETHER", 2, "ARPHRD_AX25", 3, "ARPHRD_PRONET", 4, "ARPHRD_CHAOS", 5, "ARPHRD_IEEE802", 6,
            "ARPHRD_ARCNET", 7, "ARPHRD_APPLETLK", 8, "ARPHRD_DLCI", 15, "ARPHRD_ATM", 19, "ARPHRD_METRICOM", 23,
            "ARPHRD_IEEE1394", 24, "ARPHRD_EUI64", 27, "ARPHRD_INFINIBAND", 32, "ARPHRD_SLIP", 256,
            "ARPHRD_CSLIP", 257, "ARPHRD_SLIP6", 258, "ARPHRD_CSLIP6", 259, "ARPHRD_RSRVD", 260, "ARPHRD_ADAPT", 264,
            "ARPHRD_ROSE", 270, "ARPHRD_X25", 271, "ARPHRD_HWX25", 272, "ARPHRD_CAN", 280, "ARPHRD_MCTP", 290,
            "ARPHRD_PPP", 512, "ARPHRD_CISCO", 513, "ARPHRD_LAPB", 516, "ARPHRD_DDCMP", 517, "ARPHRD_RAWHDLC", 518,
            "ARPHRD_RAWIP", 519, "ARPHRD_TUNNEL", 768, "ARPHRD_TUNNEL6", 769, "ARPHRD_FRAD", 770, "ARPHRD_SKIP", 771,
            "ARPHRD_LOOPBACK", 772, "ARPHRD_LOCALTLK", 773, "ARPHRD_FDDI", 774, "ARPHRD_BIF", 775, "ARPHRD_SIT", 776,
            "ARPHRD_IPDDP", 777, "ARPHRD_IPGRE", 778, "ARPHRD_PIMREG", 779, "ARPHRD_HIPPI", 780, "ARPHRD_ASH", 781,
            "ARPHRD_ECONET", 782, "ARPHRD_IRDA", 783, "ARPHRD_FCPP", 784, "ARPHRD_FCAL", 785, "ARPHRD_FCPL", 786,
            "ARPHRD_FCFABRIC", 787, "ARPHRD_IEEE802_TR", 800, "ARPHRD_IEEE80211", 801, "ARPHRD_IEEE80211_PRISM", 802,
            "ARPHRD_IEEE80211_RADIOTAP", 803, "ARPHRD_IEEE802154", 804, "ARPHRD_IEEE802154_MONITOR", 805,
            "ARPHRD_PHONET", 820, "ARPHRD_PHONET_PIPE", 821, "ARPHRD_CAIF", 822, "ARPHRD_IP6GRE", 823,
            "ARPHRD_NETLINK", 824, "ARPHRD_6LOWPAN", 825, "ARPHRD_VSOCKMON", 826, "ARPHRD_NONE", 65534,
            "ARPHRD_VOID", 65535);
    private static final Flags PKTTYPES = Flags.of("PACKET_???", "PACKET_HOST", 0, "PACKET_BROADCAST", 1,
            "PACKET_MULTICAST", 2, "PACKET_OTHERHOST", 3, "PACKET_OUTGOING", 4, "PACKET_LOOPBACK", 5,
            "PACKET_USER", 6, "PACKET_KERNEL", 7);

    private PacketAddr() {
    }

    /** The fields after sll_family of the first {@code len} (at least {@link #SIZE}) bytes of {@code b}. */
    static void append(StringBuilder s, byte[] b, int len, Quote.Hex hex, IntFunction<String> interfaces) {
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        LineBuffer out = new LineBuffer(128);
        out.append("sll_protocol=");
        protocol(out, b);
        long index = le.getInt(4) & 0xffffffffL;
        String name = interfaces.apply((int) index);
        ConstStyle.value(out.append(", sll_ifindex="), index, false,
                name == null ? null : "if_nametoindex(" + Quote.of(name, hex) + ")", null);
        HATYPES.hexValue(out.append(", sll_hatype="), le.getShort(8) & 0xffff);
        PKTTYPES.hexValue(out.append(", sll_pkttype="), b[10] & 0xff);
        int halen = b[11] & 0xff;
        out.append(", sll_halen=").append(halen);
        if (halen > 0) {
            // strace's PRINT_VAL_0X of each byte: %#04x, so 0 prints as 00
            out.append(", sll_addr=[");
            for (int i = 0; i < halen; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                if (i >= len - ADDR) {
                    out.append("...");
                    break;
                }
                int v = b[ADDR + i] & 0xff;
                out.append(v == 0 ? "00" : "0x" + Integer.toHexString(v));
            }
            out.append(']');
        }
        s.append(out.toString());
    }

    /** strace's print_sll_protocol: htons(ETH_P_IP), the bytes in hex unless abbrev. */
    private static void protocol(LineBuffer out, byte[] b) {
        ConstStyle style = ConstStyle.current();
        if (style != ConstStyle.ABBREV) {
            Quote.append(out, b, 2, 2, Quote.Hex.ALL, false);
        }
        if (style == ConstStyle.RAW) {
            return;
        }
        if (style == ConstStyle.VERBOSE) {
            out.append(" /* ");
        }
        out.append("htons(");
        ConstStyle.abbrev(out, o -> PROTOCOLS.hexValue(o, (b[2] & 0xff) << 8 | b[3] & 0xff));
        out.append(')');
        if (style == ConstStyle.VERBOSE) {
            out.append(" */");
        }
    }
}
