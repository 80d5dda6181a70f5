package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.Fields.flags;
import static io.jtrace.analyzer.render.netlink.Fields.hex;
import static io.jtrace.analyzer.render.netlink.Fields.ifindexField;
import static io.jtrace.analyzer.render.netlink.Fields.next;
import static io.jtrace.analyzer.render.netlink.Fields.u;
import static io.jtrace.analyzer.render.netlink.Fields.xval;

import io.jtrace.analyzer.render.ConstStyle;
import java.util.HashMap;
import java.util.Map;

/** NETLINK_ROUTE payloads: each message type's header structure and attributes (strace's netlink_route.c, rtnl_*.c). */
final class Route {
    private Route() {
    }

    private static final int AF_BRIDGE = 7;
    private static final int RTM_GETNEIGH = 30;
    private static final Map<Integer, Layout> LAYOUTS = new HashMap<>();
    /** TCA_STATS2, TCA_ACT_STATS: nested gnet statistics. */
    private static final Nlattr.Decoder TC_STATS = Nlattr.nested("rtnl_tca_stats_attrs", "TCA_STATS_???", null,
            StructDecoder.upToLastField("bytes:u64", "packets:u32"), StructDecoder.of("bps:u32", "pps:u32"),
            StructDecoder.of("qlen:u32", "backlog:u32", "drops:u32", "requeues:u32", "overlimits:u32"), null,
            StructDecoder.of("bps:u64", "pps:u64"), null, StructDecoder.upToLastField("bytes:u64", "packets:u32"),
            Nlattr.U64);
    /** A routing table id (decode_nla_rt_class). */
    private static final Nlattr.Decoder RT_CLASS = Nlattr.xval("routing_table_ids", null, 4);

    static boolean decode(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        if (h.type() == NetlinkDecoder.NLMSG_DONE) {
            return false;
        }
        if (!d.mem.orAddress(d.out, addr, 1)) {
            return true;
        }
        int family = d.mem.u8(addr);
        if (h.type() == RTM_NEWCACHEREPORT) {
            cacheReport(d, family, addr, len);
            return true;
        }
        Layout layout = h.type() == RTM_GETNEIGH && family == AF_BRIDGE ? IFINFOMSG : LAYOUTS.get(h.type());
        if (layout != null) {
            layout.print(d, family, addr, len);
        } else {
            Layout.familyData(d, family, addr, len);
        }
        return true;
    }

    private static final int RTM_NEWCACHEREPORT = 96;

    /** struct rtgenmsg of a multicast routing cache report: RTNL_FAMILY_IPMR or an address family. */
    private static void cacheReport(NetlinkDecoder d, int family, long addr, long len) {
        String name = Xlat.name("rtnl_family", family);
        if (name == null) {
            name = Xlat.name("addrfams", family);
        }
        ConstStyle.value(d.out.append("{rtgen_family="), family, true, name, "RTNL_FAMILY_???");
        d.out.append('}');
        if (len > 4) {
            d.out.append(", ");
            if (family == RTNL_FAMILY_IPMR) {
                Nlattr.decode(d, addr + 4, len - 4, Xlat.table("rtnl_ipmra_creport_attr"), "IPMRA_CREPORT_???",
                        new Nlattr.Decoder[] {null, Nlattr.xval("rtnl_ipmra_msg_types", "IGMPMSG_???", 1), Nlattr.U32,
                            Nlattr.IN_ADDR, Nlattr.IN_ADDR, null, Nlattr.U32});
            } else if (family == RTNL_FAMILY_IP6MR) {
                Nlattr.decode(d, addr + 4, len - 4, Xlat.table("rtnl_ip6mra_creport_attr"), "IP6MRA_CREPORT_???",
                        new Nlattr.Decoder[] {null, Nlattr.xval("rtnl_ip6mra_msg_types", "MRT6MSG_???", 1), Nlattr.U32,
                            Nlattr.IN6_ADDR, Nlattr.IN6_ADDR, null});
            } else {
                d.hex(addr + 4, len - 4);
            }
        }
    }

    private static final int RTNL_FAMILY_IPMR = 128;
    private static final int RTNL_FAMILY_IP6MR = 129;

    private static void types(Layout layout, int... types) {
        for (int t : types) {
            LAYOUTS.put(t, layout);
        }
    }

    private static final Layout IFINFOMSG = new Layout("ifi_family", 16, (d, a, f) -> {
        xval(d, "ifi_type", "arp_hardware_types", d.mem.u16(a + 2), "ARPHRD_???");
        ifindexField(next(d), "ifi_index", d.mem.u32(a + 4));
        flags(next(d), "ifi_flags", "iffflags", d.mem.u32(a + 8), "IFF_???");
        hex(next(d), "ifi_change", d.mem.u32(a + 12));
    }, "rtnl_link_attrs", "IFLA_???", Link.DECODERS);

    private static final Layout IFADDRMSG = new Layout("ifa_family", 8, (d, a, f) -> {
        u(d, "ifa_prefixlen", d.mem.u8(a + 1));
        flags(next(d), "ifa_flags", "ifaddrflags", d.mem.u8(a + 2), "IFA_F_???");
        xval(next(d), "ifa_scope", "routing_scopes", d.mem.u8(a + 3), null);
        ifindexField(next(d), "ifa_index", d.mem.u32(a + 4));
    }, "rtnl_addr_attrs", "IFA_???", new Nlattr.Decoder[] {
        null, Nlattr.FAMILY_ADDR, Nlattr.FAMILY_ADDR, Nlattr.STR, Nlattr.FAMILY_ADDR, Nlattr.FAMILY_ADDR,
        StructDecoder.of("ifa_prefered:u32", "ifa_valid:u32", "cstamp:u32", "tstamp:u32"), Nlattr.FAMILY_ADDR,
        Nlattr.flags("ifaddrflags", "IFA_F_???", 4), Nlattr.U32, Nlattr.S32});

    private static final Layout RTMSG = new Layout("rtm_family", 12, (d, a, f) -> {
        u(d, "rtm_dst_len", d.mem.u8(a + 1));
        u(next(d), "rtm_src_len", d.mem.u8(a + 2));
        flags(next(d), "rtm_tos", "ip_type_of_services", d.mem.u8(a + 3), "IPTOS_TOS_???");
        xval(next(d), "rtm_table", "routing_table_ids", d.mem.u8(a + 4), null);
        xval(next(d), "rtm_protocol", "routing_protocols", d.mem.u8(a + 5), "RTPROT_???");
        xval(next(d), "rtm_scope", "routing_scopes", d.mem.u8(a + 6), null);
        xval(next(d), "rtm_type", "routing_types", d.mem.u8(a + 7), "RTN_???");
        flags(next(d), "rtm_flags", "routing_flags", d.mem.u32(a + 8), "RTM_F_???");
    }, "rtnl_route_attrs", "RTA_???", new Nlattr.Decoder[] {
        null, Nlattr.FAMILY_ADDR, Nlattr.FAMILY_ADDR, Nlattr.IFINDEX, Nlattr.IFINDEX, Nlattr.FAMILY_ADDR, Nlattr.U32,
        Nlattr.FAMILY_ADDR, Route::metrics, Route::multipath, Nlattr.U32, Nlattr.U32,
        StructDecoder.of("rta_clntref:u32", "rta_lastuse:u32", "rta_expires:u32", "rta_error:u32", "rta_used:u32",
                "rta_id:x32", "rta_ts:u32", "rta_tsage:u32"),
        null, Nlattr.U32, RT_CLASS, Nlattr.U32,
        StructDecoder.of("mfcs_packets:u64", "mfcs_bytes:u64", "mfcs_wrong_if:u64"), Route::via, Nlattr.FAMILY_ADDR,
        Nlattr.U8, Nlattr.xval("lwtunnel_encap_types", "LWTUNNEL_ENCAP_???", 2), null, Nlattr.U64, null, Nlattr.U32,
        Nlattr.U8, Nlattr.U8, Nlattr.U16, Nlattr.U16});

    /** RTA_MULTIPATH: next hops, each with route attributes. */
    private static boolean multipath(NetlinkDecoder d, long addr, long len) {
        return RouteNested.multipath(d, addr, len, RTMSG.decoders());
    }

    /** RTA_METRICS: nested RTAX_* attributes. */
    private static boolean metrics(NetlinkDecoder d, long addr, long len) {
        Nlattr.Decoder[] decoders = new Nlattr.Decoder[18];
        java.util.Arrays.fill(decoders, 1, 17, Nlattr.U32);
        decoders[17] = Nlattr.STR;   // RTAX_CC_ALGO
        Nlattr.decode(d, addr, len, Xlat.table("rtnl_rta_metrics_attrs"), "RTAX_???", decoders);
        return true;
    }

    /** struct rtvia: its family, then the address. */
    private static boolean via(NetlinkDecoder d, long addr, long len) {
        if (len < 2) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 2)) {
            int family = d.mem.u16(addr);
            Xlat.table("addrfams").value(d.out.append("{rtvia_family="), family, "AF_???");
            if (len > 2) {
                d.out.append(", ");
                Fields.decodeInetAddr(d, addr + 2, len - 2, family, "rtvia_addr");
            }
            d.out.append('}');
        }
        return true;
    }

    private static final Layout NDMSG = new Layout("ndm_family", 12, (d, a, f) -> {
        ifindexField(d, "ndm_ifindex", d.mem.u32(a + 4));
        flags(next(d), "ndm_state", "neighbor_cache_entry_states", d.mem.u16(a + 8), "NUD_???");
        flags(next(d), "ndm_flags", "neighbor_cache_entry_flags", d.mem.u8(a + 10), "NTF_???");
        xval(next(d), "ndm_type", "routing_types", d.mem.u8(a + 11), "RTN_???");
    }, "rtnl_neigh_attrs", "NDA_???", new Nlattr.Decoder[] {
        null, Nlattr.FAMILY_ADDR, Nlattr.HWADDR,
        StructDecoder.of("ndm_confirmed:u32", "ndm_used:u32", "ndm_updated:u32", "ndm_refcnt:u32"), Nlattr.U32,
        Nlattr.U16, Nlattr.BE16, Nlattr.U32, Nlattr.IFINDEX, Nlattr.IFINDEX, Nlattr.U32, Nlattr.U32,
        Nlattr.xval("inet_protocols", "IPPROTO_???", 0), Nlattr.U32, RouteNested.NEIGH_EXT[0], RouteNested.NEIGH_EXT[1],
        RouteNested.NEIGH_EXT[2], RouteNested.NEIGH_EXT[3]});

    private static final Layout FIB_RULE_HDR = new Layout("family", 12, (d, a, f) -> {
        u(d, "dst_len", d.mem.u8(a + 1));
        u(next(d), "src_len", d.mem.u8(a + 2));
        flags(next(d), "tos", "ip_type_of_services", d.mem.u8(a + 3), "IPTOS_TOS_???");
        xval(next(d), "table", "routing_table_ids", d.mem.u8(a + 4), "RT_TABLE_???");
        xval(next(d), "action", "fib_rule_actions", d.mem.u8(a + 7), "FR_ACT_???");
        flags(next(d), "flags", "fib_rule_flags", d.mem.u32(a + 8), "FIB_RULE_???");
    }, "rtnl_rule_attrs", "FRA_???", new Nlattr.Decoder[] {
        null, Nlattr.FAMILY_ADDR, Nlattr.FAMILY_ADDR, Nlattr.STR, Nlattr.U32, null, Nlattr.U32, null, null, null,
        Nlattr.U32, Nlattr.U32, Nlattr.BE64, Nlattr.U32, Nlattr.U32, RT_CLASS, Nlattr.U32,
        Nlattr.STR, null, Nlattr.U8, StructDecoder.of("start:u32", "end:u32"),
        Nlattr.xval("routing_protocols", "RTPROT_???", 1), Nlattr.xval("inet_protocols", "IPPROTO_???", 1),
        StructDecoder.of("start:u16", "end:u16"), StructDecoder.of("start:u16", "end:u16")});

    private static final Layout TCMSG = new Layout("tcm_family", 20, (d, a, f) -> {
        ifindexField(d, "tcm_ifindex", d.mem.u32(a + 4));
        u(next(d), "tcm_handle", d.mem.u32(a + 8));
        u(next(d), "tcm_parent", d.mem.u32(a + 12));
        u(next(d), "tcm_info", d.mem.u32(a + 16));
    }, "rtnl_tc_attrs", "TCA_???", new Nlattr.Decoder[] {
        null, Nlattr.STR, null,
        StructDecoder.upToLastField("bytes:u64", "packets:u32", "drops:u32", "overlimits:u32", "bps:u32", "pps:u32",
                "qlen:u32", "backlog:u32"),
        null, StructDecoder.of("interval:s8", "ewma_log:u8"), Nlattr.U32, Route.TC_STATS,
        Nlattr.nested("rtnl_tca_stab_attrs", "TCA_STAB_???", null,
                StructDecoder.of("cell_log:u8", "size_log:u8", "cell_align:s16", "overhead:s32", "linklayer:u32",
                        "mpu:u32", "mtu:u32", "tsize:u32"),
                Nlattr.array(2, (d, a) -> d.out.append(d.mem.u16(a)))),
        null, null, Nlattr.U32, Nlattr.U8, Nlattr.U32, Nlattr.U32, Nlattr.U32});

    private static final Layout IFADDRLBLMSG = new Layout("ifal_family", 12, (d, a, f) -> {
        u(d, "ifal_prefixlen", d.mem.u8(a + 2));
        u(next(d), "ifal_flags", d.mem.u8(a + 3));
        ifindexField(next(d), "ifal_index", d.mem.u32(a + 4));
        u(next(d), "ifal_seq", d.mem.u32(a + 8));
    }, "rtnl_addrlabel_attrs", "IFAL_???", null);

    private static final Layout DCBMSG = new Layout("dcb_family", 4, (d, a, f) -> {
        xval(d, "cmd", "dcb_commands", d.mem.u8(a + 1), "DCB_CMD_???");
    }, "rtnl_dcb_attrs", "DCB_ATTR_???", null);

    private static final Layout BR_PORT_MSG = new Layout("family", 8, (d, a, f) -> {
        ifindexField(d, "ifindex", d.mem.u32(a + 4));
    }, "rtnl_mdb_attrs", "MDBA_???", new Nlattr.Decoder[] {
        null,
        RouteNested.MDB,
        Nlattr.nested("rtnl_mdba_router_attrs", "MDBA_ROUTER_???", null, Route::routerPort)});

    /** MDBA_ROUTER_PORT: an interface index, then the port's attributes. */
    private static boolean routerPort(NetlinkDecoder d, long addr, long len) {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            Fields.ifindex(d, d.mem.u32(addr));
        }
        if (len > 4) {
            d.out.append(", ");
            Nlattr.decode(d, addr + 4, len - 4, Xlat.table("rtnl_mdba_router_pattr_attrs"), "MDBA_ROUTER_PATTR_???",
                    new Nlattr.Decoder[] {null, Nlattr.CLOCK_T,
                        Nlattr.xval("multicast_router_types", "MDB_RTR_TYPE_???", 1), Nlattr.CLOCK_T, Nlattr.CLOCK_T});
        }
        return true;
    }

    private static final Layout IF_STATS_MSG = new Layout("family", 12, (d, a, f) -> {
        int pad1 = d.mem.u8(a + 1);
        int pad2 = d.mem.u16(a + 2);
        if (pad1 != 0) {
            hex(d, "pad1", pad1);
            next(d);
        }
        if (pad2 != 0) {
            hex(d, "pad2", pad2);
            next(d);
        }
        ifindexField(d, "ifindex", d.mem.u32(a + 4));
        flags(next(d), "filter_mask", "ifstats_attr_flags", d.mem.u32(a + 8), "1<<IFLA_STATS_???");
    }, "ifstats_attrs", "IFLA_STATS_???", IfStats.DECODERS);

    private static final Layout NHMSG = new Layout("nh_family", 8, (d, a, f) -> {
        xval(d, "nh_scope", "routing_scopes", d.mem.u8(a + 1), null);
        xval(next(d), "nh_protocol", "routing_protocols", d.mem.u8(a + 2), "RTPROT_???");
        int resvd = d.mem.u8(a + 3);
        if (resvd != 0) {
            hex(next(d), "resvd", resvd);
        }
        flags(next(d), "nh_flags", "route_nexthop_flags", d.mem.u32(a + 4), "RTNH_F_???");
    }, "rtnl_nexthop_attrs", "NHA_???", new Nlattr.Decoder[] {
        null, Nlattr.U32, Nlattr.array(8, Route::nexthopGroup),
        Nlattr.xval("rtnl_nexthop_grp_types", "NEXTHOP_GRP_TYPE_???", 2), Nlattr.U32, Nlattr.IFINDEX,
        Nlattr.FAMILY_ADDR, Nlattr.xval("lwtunnel_encap_types", "LWTUNNEL_ENCAP_???", 2), null, Nlattr.U32,
        Nlattr.IFINDEX, Nlattr.U32,
        Nlattr.nested("rtnl_nha_res_group_attrs", "NHA_RES_GROUP_???", null, Nlattr.U16, Nlattr.CLOCK_T,
                Nlattr.CLOCK_T, Nlattr.CLOCK_T),
        Nlattr.nested("rtnl_nha_res_bucket_attrs", "NHA_RES_BUCKET_???", null, Nlattr.U16, Nlattr.CLOCK_T,
                Nlattr.U32)});

    /** struct nexthop_grp: id, weight, and the reserved bytes when set. */
    private static void nexthopGroup(NetlinkDecoder d, long a) {
        d.out.append("{id=").append(d.mem.u32(a)).append(", weight=").append(d.mem.u8(a + 4));
        int resvd1 = d.mem.u8(a + 5);
        int resvd2 = d.mem.u16(a + 6);
        if (resvd1 != 0) {
            io.jtrace.analyzer.render.Formats.hex(d.out.append(", resvd1="), resvd1);
        }
        if (resvd2 != 0) {
            io.jtrace.analyzer.render.Formats.hex(d.out.append(", resvd2="), resvd2);
        }
        d.out.append('}');
    }

    static {
        types(IFINFOMSG, 16, 17, 18, 19);           // RTM_NEWLINK .. RTM_SETLINK
        types(IFADDRMSG, 20, 21, 22, 58, 62);       // RTM_NEWADDR .. GETADDR, GETMULTICAST, GETANYCAST
        types(RTMSG, 24, 25, 26);
        types(NDMSG, 28, 29, 30);
        types(FIB_RULE_HDR, 32, 33, 34);
        types(TCMSG, 36, 37, 38, 40, 41, 42, 44, 45, 46, 100, 101, 102);   // qdisc, tclass, tfilter, chain
        types(new Layout("tca_family", 4, null, "rtnl_tc_action_attrs", "TCA_ACT_???", new Nlattr.Decoder[] {
            null, Nlattr.STR, null, Nlattr.U32, TC_STATS, null, null,
            Nlattr.flags("rtnl_tca_act_flags", "TCA_ACT_FLAGS_???", 4),
            Nlattr.flags("rtnl_tca_act_hw_stats", "TCA_ACT_HW_STATS_???", 4),
            Nlattr.flags("rtnl_tca_act_hw_stats", "TCA_ACT_HW_STATS_???", 4), Nlattr.U32}), 48, 49, 50);
        Nlattr.Decoder[] parms = new Nlattr.Decoder[20];
        java.util.Arrays.fill(parms, Nlattr.U64);
        parms[0] = null;
        parms[1] = Nlattr.IFINDEX;
        for (int u32 : new int[] {2, 8, 9, 10, 11, 14, 16, 17}) {
            parms[u32] = Nlattr.U32;   // NDTPA_REFCNT, QUEUE_LEN, *_PROBES, PROXY_QLEN, QUEUE_LENBYTES, MCAST_REPROBES
        }
        parms[18] = null;
        types(new Layout("ndtm_family", 4, null, "rtnl_neightbl_attrs", "NDTA_???", new Nlattr.Decoder[] {
            null, Nlattr.STR, Nlattr.U32, Nlattr.U32, Nlattr.U32,
            StructDecoder.of("ndtc_key_len:u16", "ndtc_entry_size:u16", "ndtc_entries:u32", "ndtc_last_flush:u32",
                    "ndtc_last_rand:u32", "ndtc_hash_rnd:u32", "ndtc_hash_mask:z32", "ndtc_hash_chain_gc:u32",
                    "ndtc_proxy_qlen:u32"),
            Nlattr.nested("rtnl_neightbl_parms_attrs", "NDTPA_???", parms),
            StructDecoder.of("ndts_allocs:u64", "ndts_destroys:u64", "ndts_hash_grows:u64", "ndts_res_failed:u64",
                    "ndts_lookups:u64", "ndts_hits:u64", "ndts_rcv_probes_mcast:u64", "ndts_rcv_probes_ucast:u64",
                    "ndts_periodic_gc_runs:u64", "ndts_forced_gc_runs:u64", "ndts_table_fulls:u64"),
            Nlattr.U64}), 64, 66, 67);
        types(IFADDRLBLMSG, 72, 73, 74);
        types(DCBMSG, 78, 79);
        types(Layout.familyOnly("ncm_family", 4, "rtnl_netconf_attrs", "NETCONFA_???"), 80, 81, 82);
        types(BR_PORT_MSG, 84, 85, 86);
        types(Layout.familyOnly("rtgen_family", 1, "rtnl_nsid_attrs", "NETNSA_???"), 88, 89, 90);
        types(IF_STATS_MSG, 92, 94);
        types(NHMSG, 104, 105, 106);
    }
}
