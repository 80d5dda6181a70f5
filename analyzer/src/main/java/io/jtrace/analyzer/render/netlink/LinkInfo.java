package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.NlaFields.table;

/**
 * IFLA_LINKINFO (its data and extended statistics per kind: bridge, tun, can; a bridge port's
 * data per slave kind) and the bridge port attributes IFLA_BRPORT_*, as strace's rtnl_link.c
 * decodes them.
 */
final class LinkInfo {
    private LinkInfo() {
    }

    /** IFLA_BRPORT_*: a bridge port's attributes (IFLA_PROTINFO of AF_BRIDGE, slave data of a bridge). */
    static final Nlattr.Decoder[] BRPORT = table("rtnl_ifla_brport_attrs",
            "IFLA_BRPORT_STATE", Nlattr.U8, "IFLA_BRPORT_PRIORITY", Nlattr.U16, "IFLA_BRPORT_COST", Nlattr.U32,
            "IFLA_BRPORT_MODE", Nlattr.U8, "IFLA_BRPORT_GUARD", Nlattr.U8, "IFLA_BRPORT_PROTECT", Nlattr.U8,
            "IFLA_BRPORT_FAST_LEAVE", Nlattr.U8, "IFLA_BRPORT_LEARNING", Nlattr.U8,
            "IFLA_BRPORT_UNICAST_FLOOD", Nlattr.U8, "IFLA_BRPORT_PROXYARP", Nlattr.U8,
            "IFLA_BRPORT_LEARNING_SYNC", Nlattr.U8, "IFLA_BRPORT_PROXYARP_WIFI", Nlattr.U8,
            "IFLA_BRPORT_ROOT_ID", NlaFields.BRIDGE_ID, "IFLA_BRPORT_BRIDGE_ID", NlaFields.BRIDGE_ID,
            "IFLA_BRPORT_DESIGNATED_PORT", Nlattr.U16, "IFLA_BRPORT_DESIGNATED_COST", Nlattr.U16,
            "IFLA_BRPORT_ID", Nlattr.U16, "IFLA_BRPORT_NO", Nlattr.U16,
            "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK", Nlattr.U8, "IFLA_BRPORT_CONFIG_PENDING", Nlattr.U8,
            "IFLA_BRPORT_MESSAGE_AGE_TIMER", Nlattr.CLOCK_T, "IFLA_BRPORT_FORWARD_DELAY_TIMER", Nlattr.CLOCK_T,
            "IFLA_BRPORT_HOLD_TIMER", Nlattr.CLOCK_T, "IFLA_BRPORT_MULTICAST_ROUTER", Nlattr.U8,
            "IFLA_BRPORT_MCAST_FLOOD", Nlattr.U8, "IFLA_BRPORT_MCAST_TO_UCAST", Nlattr.U8,
            "IFLA_BRPORT_VLAN_TUNNEL", Nlattr.U8, "IFLA_BRPORT_BCAST_FLOOD", Nlattr.U8,
            "IFLA_BRPORT_GROUP_FWD_MASK", NlaFields.X16, "IFLA_BRPORT_NEIGH_SUPPRESS", Nlattr.U8,
            "IFLA_BRPORT_ISOLATED", Nlattr.U8, "IFLA_BRPORT_BACKUP_PORT", Nlattr.IFINDEX,
            "IFLA_BRPORT_MRP_RING_OPEN", Nlattr.U8, "IFLA_BRPORT_MRP_IN_OPEN", Nlattr.U8,
            "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT", Nlattr.U32, "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT", Nlattr.U32,
            "IFLA_BRPORT_LOCKED", Nlattr.U8);

    static final Nlattr.Decoder BRPORT_ATTRS = Nlattr.nested("rtnl_ifla_brport_attrs", "IFLA_BRPORT_???", BRPORT);

    private static final Nlattr.Decoder BOOLOPT = (d, addr, len) -> {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            d.out.append('{');
            Fields.flags(d, "optval", "rtnl_ifla_br_boolopt_flags", d.mem.u32(addr), "1<<BR_BOOLOPT_???");
            Fields.flags(Fields.next(d), "optmask", "rtnl_ifla_br_boolopt_flags", d.mem.u32(addr + 4),
                    "1<<BR_BOOLOPT_???");
            d.out.append('}');
        }
        return true;
    };

    private static final Nlattr.Decoder QUERIER_STATE = Nlattr.nested("rtnl_ifla_br_mcast_querier_attrs",
            "BRIDGE_QUERIER_???", table("rtnl_ifla_br_mcast_querier_attrs",
                    "BRIDGE_QUERIER_IP_ADDRESS", Nlattr.IN_ADDR, "BRIDGE_QUERIER_IP_PORT", Nlattr.IFINDEX,
                    "BRIDGE_QUERIER_IP_OTHER_TIMER", Nlattr.CLOCK_T, "BRIDGE_QUERIER_IPV6_ADDRESS", Nlattr.IN6_ADDR,
                    "BRIDGE_QUERIER_IPV6_PORT", Nlattr.IFINDEX, "BRIDGE_QUERIER_IPV6_OTHER_TIMER", Nlattr.CLOCK_T));

    private static final Nlattr.Decoder BRIDGE_DATA = Nlattr.nested("rtnl_ifla_info_data_bridge_attrs", "IFLA_BR_???",
            table("rtnl_ifla_info_data_bridge_attrs",
                    "IFLA_BR_FORWARD_DELAY", Nlattr.CLOCK_T, "IFLA_BR_HELLO_TIME", Nlattr.CLOCK_T,
                    "IFLA_BR_MAX_AGE", Nlattr.CLOCK_T, "IFLA_BR_AGEING_TIME", Nlattr.CLOCK_T,
                    "IFLA_BR_STP_STATE", Nlattr.U32, "IFLA_BR_PRIORITY", Nlattr.U16,
                    "IFLA_BR_VLAN_FILTERING", Nlattr.U8, "IFLA_BR_VLAN_PROTOCOL", NlaFields.ETHER_PROTO,
                    "IFLA_BR_GROUP_FWD_MASK", NlaFields.X16, "IFLA_BR_ROOT_ID", NlaFields.BRIDGE_ID,
                    "IFLA_BR_BRIDGE_ID", NlaFields.BRIDGE_ID, "IFLA_BR_ROOT_PORT", Nlattr.U16,
                    "IFLA_BR_ROOT_PATH_COST", Nlattr.U32, "IFLA_BR_TOPOLOGY_CHANGE", Nlattr.U8,
                    "IFLA_BR_TOPOLOGY_CHANGE_DETECTED", Nlattr.U8, "IFLA_BR_HELLO_TIMER", Nlattr.CLOCK_T,
                    "IFLA_BR_TCN_TIMER", Nlattr.CLOCK_T, "IFLA_BR_TOPOLOGY_CHANGE_TIMER", Nlattr.CLOCK_T,
                    "IFLA_BR_GC_TIMER", Nlattr.CLOCK_T, "IFLA_BR_GROUP_ADDR", Nlattr.HWADDR,
                    "IFLA_BR_MCAST_ROUTER", Nlattr.U8, "IFLA_BR_MCAST_SNOOPING", Nlattr.U8,
                    "IFLA_BR_MCAST_QUERY_USE_IFADDR", Nlattr.U8, "IFLA_BR_MCAST_QUERIER", Nlattr.U8,
                    "IFLA_BR_MCAST_HASH_ELASTICITY", Nlattr.U32, "IFLA_BR_MCAST_HASH_MAX", Nlattr.U32,
                    "IFLA_BR_MCAST_LAST_MEMBER_CNT", Nlattr.U32, "IFLA_BR_MCAST_STARTUP_QUERY_CNT", Nlattr.U32,
                    "IFLA_BR_MCAST_LAST_MEMBER_INTVL", Nlattr.CLOCK_T, "IFLA_BR_MCAST_MEMBERSHIP_INTVL", Nlattr.CLOCK_T,
                    "IFLA_BR_MCAST_QUERIER_INTVL", Nlattr.CLOCK_T, "IFLA_BR_MCAST_QUERY_INTVL", Nlattr.CLOCK_T,
                    "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", Nlattr.CLOCK_T,
                    "IFLA_BR_MCAST_STARTUP_QUERY_INTVL", Nlattr.CLOCK_T,
                    "IFLA_BR_NF_CALL_IPTABLES", Nlattr.U8, "IFLA_BR_NF_CALL_IP6TABLES", Nlattr.U8,
                    "IFLA_BR_NF_CALL_ARPTABLES", Nlattr.U8, "IFLA_BR_VLAN_DEFAULT_PVID", Nlattr.U16,
                    "IFLA_BR_VLAN_STATS_ENABLED", Nlattr.U8, "IFLA_BR_MCAST_STATS_ENABLED", Nlattr.U8,
                    "IFLA_BR_MCAST_IGMP_VERSION", Nlattr.U8, "IFLA_BR_MCAST_MLD_VERSION", Nlattr.U8,
                    "IFLA_BR_VLAN_STATS_PER_PORT", Nlattr.U8, "IFLA_BR_MULTI_BOOLOPT", BOOLOPT,
                    "IFLA_BR_MCAST_QUERIER_STATE", QUERIER_STATE));

    private static final Nlattr.Decoder TUN_DATA = Nlattr.nested("rtnl_ifla_info_data_tun_attrs", "IFLA_TUN_???",
            table("rtnl_ifla_info_data_tun_attrs",
                    "IFLA_TUN_OWNER", Nlattr.UID, "IFLA_TUN_GROUP", Nlattr.UID,
                    "IFLA_TUN_TYPE", Nlattr.xval("tun_device_types", "IFF_???", 1), "IFLA_TUN_PI", Nlattr.U8,
                    "IFLA_TUN_VNET_HDR", Nlattr.U8, "IFLA_TUN_PERSIST", Nlattr.U8, "IFLA_TUN_MULTI_QUEUE", Nlattr.U8,
                    "IFLA_TUN_NUM_QUEUES", Nlattr.U32, "IFLA_TUN_NUM_DISABLED_QUEUES", Nlattr.U32));

    /** struct can_device_stats, the extended statistics of a "can" link. */
    private static final Nlattr.Decoder CAN_XSTATS = StructDecoder.of("bus_error:u32", "error_warning:u32",
            "error_passive:u32", "bus_off:u32", "arbitration_lost:u32", "restarts:u32");

    /** IFLA_LINKINFO: the kind named by IFLA_INFO_KIND (and IFLA_INFO_SLAVE_KIND) chooses the data's decoder. */
    static boolean decode(NetlinkDecoder d, long addr, long len) {
        String[] kinds = {"", ""};
        Nlattr.Decoder[] decoders = {
            null, kind(kinds, 0), byKind(kinds, 0, "bridge", BRIDGE_DATA, "tun", TUN_DATA),
            byKind(kinds, 0, "can", CAN_XSTATS), kind(kinds, 1), byKind(kinds, 1, "bridge", BRPORT_ATTRS)};
        Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_info_attrs"), "IFLA_INFO_???", decoders);
        return true;
    }

    /** IFLA_INFO_KIND: printed as a C string, remembered as strace's update_ctx_str does (shorter than 16 bytes). */
    private static Nlattr.Decoder kind(String[] kinds, int which) {
        return (d, addr, len) -> {
            kinds[which] = "";
            if (len < 16 && d.mem.readable(addr, len)) {
                byte[] b = d.mem.bytes(addr, (int) len);
                int n = 0;
                while (n < b.length && b[n] != 0) {
                    n++;
                }
                kinds[which] = new String(b, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            NlaFields.cstr(d, addr, len);
            return true;
        };
    }

    /** The decoder of the kind seen, from pairs of kind and decoder; none (hex) for another kind. */
    private static Nlattr.Decoder byKind(String[] kinds, int which, Object... pairs) {
        return (d, addr, len) -> {
            for (int i = 0; i < pairs.length; i += 2) {
                if (pairs[i].equals(kinds[which])) {
                    return ((Nlattr.Decoder) pairs[i + 1]).decode(d, addr, len);
                }
            }
            return false;
        };
    }
}
