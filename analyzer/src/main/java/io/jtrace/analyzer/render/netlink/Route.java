package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.Fields.flags;
import static io.jtrace.analyzer.render.netlink.Fields.hex;
import static io.jtrace.analyzer.render.netlink.Fields.ifindexField;
import static io.jtrace.analyzer.render.netlink.Fields.next;
import static io.jtrace.analyzer.render.netlink.Fields.u;
import static io.jtrace.analyzer.render.netlink.Fields.xval;

import java.util.HashMap;
import java.util.Map;

/** NETLINK_ROUTE payloads: each message type's header structure and attributes (strace's netlink_route.c, rtnl_*.c). */
final class Route {
    private Route() {
    }

    private static final int AF_BRIDGE = 7;
    private static final int RTM_GETNEIGH = 30;
    private static final Map<Integer, Layout> LAYOUTS = new HashMap<>();

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
        d.out.append("{rtgen_family=");
        if (name != null) {
            d.out.append(name);
        } else {
            Xlat.table("addrfams").value(d.out, family, "RTNL_FAMILY_???");
        }
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
    }, "rtnl_link_attrs", "IFLA_???", null);

    private static final Layout IFADDRMSG = new Layout("ifa_family", 8, (d, a, f) -> {
        u(d, "ifa_prefixlen", d.mem.u8(a + 1));
        flags(next(d), "ifa_flags", "ifaddrflags", d.mem.u8(a + 2), "IFA_F_???");
        xval(next(d), "ifa_scope", "routing_scopes", d.mem.u8(a + 3), null);
        ifindexField(next(d), "ifa_index", d.mem.u32(a + 4));
    }, "rtnl_addr_attrs", "IFA_???", null);

    private static final Layout RTMSG = new Layout("rtm_family", 12, (d, a, f) -> {
        u(d, "rtm_dst_len", d.mem.u8(a + 1));
        u(next(d), "rtm_src_len", d.mem.u8(a + 2));
        flags(next(d), "rtm_tos", "ip_type_of_services", d.mem.u8(a + 3), "IPTOS_TOS_???");
        xval(next(d), "rtm_table", "routing_table_ids", d.mem.u8(a + 4), null);
        xval(next(d), "rtm_protocol", "routing_protocols", d.mem.u8(a + 5), "RTPROT_???");
        xval(next(d), "rtm_scope", "routing_scopes", d.mem.u8(a + 6), null);
        xval(next(d), "rtm_type", "routing_types", d.mem.u8(a + 7), "RTN_???");
        flags(next(d), "rtm_flags", "routing_flags", d.mem.u32(a + 8), "RTM_F_???");
    }, "rtnl_route_attrs", "RTA_???", null);

    private static final Layout NDMSG = new Layout("ndm_family", 12, (d, a, f) -> {
        ifindexField(d, "ndm_ifindex", d.mem.u32(a + 4));
        flags(next(d), "ndm_state", "neighbor_cache_entry_states", d.mem.u16(a + 8), "NUD_???");
        flags(next(d), "ndm_flags", "neighbor_cache_entry_flags", d.mem.u8(a + 10), "NTF_???");
        xval(next(d), "ndm_type", "routing_types", d.mem.u8(a + 11), "RTN_???");
    }, "rtnl_neigh_attrs", "NDA_???", null);

    private static final Layout FIB_RULE_HDR = new Layout("family", 12, (d, a, f) -> {
        u(d, "dst_len", d.mem.u8(a + 1));
        u(next(d), "src_len", d.mem.u8(a + 2));
        flags(next(d), "tos", "ip_type_of_services", d.mem.u8(a + 3), "IPTOS_TOS_???");
        xval(next(d), "table", "routing_table_ids", d.mem.u8(a + 4), "RT_TABLE_???");
        xval(next(d), "action", "fib_rule_actions", d.mem.u8(a + 7), "FR_ACT_???");
        flags(next(d), "flags", "fib_rule_flags", d.mem.u32(a + 8), "FIB_RULE_???");
    }, "rtnl_rule_attrs", "FRA_???", null);

    private static final Layout TCMSG = new Layout("tcm_family", 20, (d, a, f) -> {
        ifindexField(d, "tcm_ifindex", d.mem.u32(a + 4));
        u(next(d), "tcm_handle", d.mem.u32(a + 8));
        u(next(d), "tcm_parent", d.mem.u32(a + 12));
        u(next(d), "tcm_info", d.mem.u32(a + 16));
    }, "rtnl_tc_attrs", "TCA_???", null);

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
    }, "rtnl_mdb_attrs", "MDBA_???", null);

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
    }, "ifstats_attrs", "IFLA_STATS_???", null);

    private static final Layout NHMSG = new Layout("nh_family", 8, (d, a, f) -> {
        xval(d, "nh_scope", "routing_scopes", d.mem.u8(a + 1), null);
        xval(next(d), "nh_protocol", "routing_protocols", d.mem.u8(a + 2), "RTPROT_???");
        int resvd = d.mem.u8(a + 3);
        if (resvd != 0) {
            hex(next(d), "resvd", resvd);
        }
        flags(next(d), "nh_flags", "route_nexthop_flags", d.mem.u32(a + 4), "RTNH_F_???");
    }, "rtnl_nexthop_attrs", "NHA_???", null);

    static {
        types(IFINFOMSG, 16, 17, 18, 19);           // RTM_NEWLINK .. RTM_SETLINK
        types(IFADDRMSG, 20, 21, 22, 58, 62);       // RTM_NEWADDR .. GETADDR, GETMULTICAST, GETANYCAST
        types(RTMSG, 24, 25, 26);
        types(NDMSG, 28, 29, 30);
        types(FIB_RULE_HDR, 32, 33, 34);
        types(TCMSG, 36, 37, 38, 40, 41, 42, 44, 45, 46, 100, 101, 102);   // qdisc, tclass, tfilter, chain
        types(Layout.familyOnly("tca_family", 4, "rtnl_tc_action_attrs", "TCA_ACT_???"), 48, 49, 50);
        types(Layout.familyOnly("ndtm_family", 4, "rtnl_neightbl_attrs", "NDTA_???"), 64, 66, 67);
        types(IFADDRLBLMSG, 72, 73, 74);
        types(DCBMSG, 78, 79);
        types(Layout.familyOnly("ncm_family", 4, "rtnl_netconf_attrs", "NETCONFA_???"), 80, 81, 82);
        types(BR_PORT_MSG, 84, 85, 86);
        types(Layout.familyOnly("rtgen_family", 1, "rtnl_nsid_attrs", "NETNSA_???"), 88, 89, 90);
        types(IF_STATS_MSG, 92, 94);
        types(NHMSG, 104, 105, 106);
    }
}
