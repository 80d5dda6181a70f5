package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.NlaFields.table;

import io.jtrace.analyzer.render.Formats;

/** The attributes of RTM_NEWSTATS/RTM_GETSTATS (struct if_stats_msg), as strace's rtnl_stats.c decodes them. */
final class IfStats {
    private IfStats() {
    }

    private static final int AF_MPLS = 28;

    /** A structure of u64 counters, then what follows it in hex (strace's printstr_ex after the struct). */
    private static Nlattr.Decoder withRest(int size, Nlattr.Decoder struct) {
        return (d, addr, len) -> {
            if (len < size) {
                return false;
            }
            if (!d.mem.readable(addr, size)) {
                Formats.pointer(d.out, addr);
                return true;
            }
            struct.decode(d, addr, size);
            if (len > size) {
                d.out.append(", ");
                d.hex(addr + size, len - size);
            }
            return true;
        };
    }

    /** struct bridge_vlan_xstats: the padding only when set. */
    private static final Nlattr.Decoder BRIDGE_VLAN = withRest(40, (d, a, l) -> {
        d.out.append("{rx_bytes=").append(Long.toUnsignedString(d.mem.u64(a)))
                .append(", rx_packets=").append(Long.toUnsignedString(d.mem.u64(a + 8)))
                .append(", tx_bytes=").append(Long.toUnsignedString(d.mem.u64(a + 16)))
                .append(", tx_packets=").append(Long.toUnsignedString(d.mem.u64(a + 24)))
                .append(", vid=").append(d.mem.u16(a + 32));
        Fields.flags(Fields.next(d), "flags", "nl_bridge_vlan_flags", d.mem.u16(a + 34), "BRIDGE_VLAN_INFO_???");
        long pad2 = d.mem.u32(a + 36);
        if (pad2 != 0) {
            Fields.hex(Fields.next(d), "pad2", pad2);
        }
        d.out.append('}');
        return true;
    });

    /** struct br_mcast_stats: per-direction arrays ({@code [[BR_MCAST_DIR_RX]=1, [BR_MCAST_DIR_TX]=2]}) and two counters. */
    private static final String[] MCAST_FIELDS = {"igmp_v1queries", "igmp_v2queries", "igmp_v3queries", "igmp_leaves",
        "igmp_v1reports", "igmp_v2reports", "igmp_v3reports", "igmp_parse_errors", "mld_v1queries", "mld_v2queries",
        "mld_leaves", "mld_v1reports", "mld_v2reports", "mld_parse_errors", "mcast_bytes", "mcast_packets"};

    private static final Nlattr.Decoder BRIDGE_MCAST = withRest(240, (d, a, l) -> {
        d.out.append('{');
        long at = a;
        for (String field : MCAST_FIELDS) {
            if (at != a) {
                d.out.append(", ");
            }
            d.out.append(field).append('=');
            if (field.endsWith("parse_errors")) {
                d.out.append(Long.toUnsignedString(d.mem.u64(at)));
                at += 8;
                continue;
            }
            d.out.append('[');
            for (int dir = 0; dir < 2; dir++) {
                d.out.append(dir == 0 ? "[" : ", [");
                Xlat.table("ifstats_xstats_bridge_mcast_indices").decimal(d.out, dir, null);
                d.out.append("]=").append(Long.toUnsignedString(d.mem.u64(at)));
                at += 8;
            }
            d.out.append(']');
        }
        d.out.append('}');
        return true;
    });

    private static final Nlattr.Decoder BRIDGE_STP = withRest(48, StructDecoder.of("transition_blk:u64",
            "transition_fwd:u64", "rx_bpdu:u64", "tx_bpdu:u64", "rx_tcn:u64", "tx_tcn:u64"));

    private static final Nlattr.Decoder[] U64S = new Nlattr.Decoder[9];

    static {
        java.util.Arrays.fill(U64S, Nlattr.U64);   // BOND_3AD_STAT_LACPDU_RX (0) .. MARKER_UNKNOWN_RX
    }

    private static final Nlattr.Decoder XSTATS = Nlattr.nested("ifstats_xstats_type_attrs", "LINK_XSTATS_TYPE_???",
            table("ifstats_xstats_type_attrs",
                    "LINK_XSTATS_TYPE_BRIDGE", Nlattr.nested("ifstats_xstats_bridge_attrs", "BRIDGE_XSTATS_???",
                            table("ifstats_xstats_bridge_attrs", "BRIDGE_XSTATS_VLAN", BRIDGE_VLAN,
                                    "BRIDGE_XSTATS_MCAST", BRIDGE_MCAST, "BRIDGE_XSTATS_STP", BRIDGE_STP)),
                    "LINK_XSTATS_TYPE_BOND", Nlattr.nested("ifstats_xstats_bond_attrs", "BOND_XSTATS_???",
                            table("ifstats_xstats_bond_attrs", "BOND_XSTATS_3AD",
                                    Nlattr.nested("ifstats_xstats_bond_3ad_attrs", "BOND_XSTATS_???", U64S)))));

    private static final Nlattr.Decoder MPLS_LINK = withRest(72, StructDecoder.of("rx_packets:u64", "tx_packets:u64",
            "rx_bytes:u64", "tx_bytes:u64", "rx_errors:u64", "tx_errors:u64", "rx_dropped:u64", "tx_dropped:u64",
            "rx_noroute:u64"));

    /** IFLA_STATS_AF_SPEC: nested per address family; MPLS's decoded, others in hex. */
    private static boolean afSpec(NetlinkDecoder d, long addr, long len) {
        Nlattr.decode(d, addr, len, Xlat.table("addrfams"), "AF_???", family -> (dd, a, l) -> {
            if (family != AF_MPLS) {
                return false;
            }
            Nlattr.decode(dd, a, l, Xlat.table("ifstats_af_spec_mpls_attrs"), "MPLS_STATS_???",
                    new Nlattr.Decoder[] {null, MPLS_LINK});
            return true;
        });
        return true;
    }

    /** The attributes of struct if_stats_msg, by IFLA_STATS_* number. */
    static final Nlattr.Decoder[] DECODERS = table("ifstats_attrs",
            "IFLA_STATS_LINK_64", Link.STATS64, "IFLA_STATS_LINK_XSTATS", XSTATS,
            "IFLA_STATS_LINK_XSTATS_SLAVE", XSTATS,
            "IFLA_STATS_LINK_OFFLOAD_XSTATS", Nlattr.nested("ifstats_offload_attrs", "IFLA_OFFLOAD_XSTATS_???",
                    table("ifstats_offload_attrs", "IFLA_OFFLOAD_XSTATS_CPU_HIT", Link.STATS64)),
            "IFLA_STATS_AF_SPEC", (Nlattr.Decoder) IfStats::afSpec);
}
