package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.NlaFields.table;

/**
 * IFLA_AF_SPEC and IFLA_PROTINFO, whose attributes depend on the ifinfomsg's family (strace's
 * rtnl_link.c): a bridge's own attributes for AF_BRIDGE, else one nested list per address family
 * (inet, inet6, mctp); protinfo is a bridge port's attributes for AF_BRIDGE, inet6's for AF_INET6.
 */
final class LinkAfSpec {
    private LinkAfSpec() {
    }

    private static final int AF_INET = 2;
    private static final int AF_BRIDGE = 7;
    private static final int AF_INET6 = 10;
    private static final int AF_MCTP = 45;

    private static final Nlattr.Decoder[] INET = table("rtnl_ifla_af_spec_inet_attrs",
            "IFLA_INET_CONF", NlaFields.indexed("inet_devconf_indices", "IPV4_DEVCONF_???", 4, true));

    private static final Nlattr.Decoder[] INET6 = table("rtnl_ifla_af_spec_inet6_attrs",
            "IFLA_INET6_FLAGS", Nlattr.flags("inet6_if_flags", "IF_???", 4),
            "IFLA_INET6_CONF", NlaFields.indexed("inet6_devconf_indices", "DEVCONF_???", 4, true),
            "IFLA_INET6_STATS", NlaFields.indexed("snmp_ip_stats", "IPSTATS_MIB_???", 8, false),
            "IFLA_INET6_CACHEINFO", StructDecoder.of("max_reasm_len:u32", "tstamp:u32", "reachable_time:u32",
                    "retrans_time:u32"),
            "IFLA_INET6_ICMP6STATS", NlaFields.indexed("snmp_icmp6_stats", "ICMP6_MIB_???", 8, false),
            "IFLA_INET6_TOKEN", Nlattr.IN6_ADDR,
            "IFLA_INET6_ADDR_GEN_MODE", Nlattr.xval("in6_addr_gen_mode", "IN6_ADDR_GEN_MODE_???", 1),
            "IFLA_INET6_RA_MTU", Nlattr.U32);

    private static final Nlattr.Decoder[] MCTP = table("rtnl_ifla_af_spec_mctp_attrs", "IFLA_MCTP_NET", Nlattr.U32);

    /** struct bridge_vlan_info, then whatever follows it in hex. */
    private static final Nlattr.Decoder VLAN_INFO = (d, addr, len) -> {
        if (len < 4) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 4)) {
            d.out.append('{');
            Fields.flags(d, "flags", "nl_bridge_vlan_flags", d.mem.u16(addr), "BRIDGE_VLAN_INFO_???");
            Fields.u(Fields.next(d), "vid", d.mem.u16(addr + 2));
            d.out.append('}');
            if (len > 4) {
                d.out.append(", ");
                d.hex(addr + 4, len - 4);
            }
        }
        return true;
    };

    private static final Nlattr.Decoder[] BRIDGE = table("rtnl_ifla_af_spec_bridge_attrs",
            "IFLA_BRIDGE_FLAGS", Nlattr.flags("rtnl_ifla_bridge_flags", "BRIDGE_FLAGS_???", 2),
            "IFLA_BRIDGE_MODE", Nlattr.xval("rtnl_ifla_bridge_modes", "BRIDGE_MODE_???", 2),
            "IFLA_BRIDGE_VLAN_INFO", VLAN_INFO,
            "IFLA_BRIDGE_VLAN_TUNNEL_INFO", Nlattr.nested("rtnl_ifla_af_spec_bridge_vlan_tunnel_info_attrs",
                    "IFLA_BRIDGE_VLAN_TUNNEL_???", table("rtnl_ifla_af_spec_bridge_vlan_tunnel_info_attrs",
                            "IFLA_BRIDGE_VLAN_TUNNEL_ID", Nlattr.U32, "IFLA_BRIDGE_VLAN_TUNNEL_VID", Nlattr.U16,
                            "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS",
                            Nlattr.flags("nl_bridge_vlan_flags", "BRIDGE_VLAN_INFO_???", 2))));

    /** IFLA_AF_SPEC. */
    static boolean afSpec(NetlinkDecoder d, long addr, long len) {
        if (d.structFamily == AF_BRIDGE) {
            Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_af_spec_bridge_attrs"), "IFLA_BRIDGE_???", BRIDGE);
        } else {
            Nlattr.decode(d, addr, len, Xlat.table("addrfams"), "AF_???",
                    family -> (dd, a, l) -> perFamily(dd, family, a, l));
        }
        return true;
    }

    /** One address family's attributes inside IFLA_AF_SPEC; others in hex. */
    private static boolean perFamily(NetlinkDecoder d, int family, long addr, long len) {
        switch (family) {
            case AF_INET -> Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_af_spec_inet_attrs"), "IFLA_INET_???",
                    INET);
            case AF_INET6 -> Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_af_spec_inet6_attrs"),
                    "IFLA_INET6_???", INET6);
            case AF_MCTP -> Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_af_spec_mctp_attrs"), "IFLA_MCTP_???",
                    MCTP);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** IFLA_PROTINFO. */
    static boolean protinfo(NetlinkDecoder d, long addr, long len) {
        if (d.structFamily == AF_BRIDGE) {
            Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_brport_attrs"), "IFLA_BRPORT_???", LinkInfo.BRPORT);
        } else if (d.structFamily == AF_INET6) {
            Nlattr.decode(d, addr, len, Xlat.table("rtnl_ifla_af_spec_inet6_attrs"), "IFLA_INET6_???", INET6);
        } else {
            return false;
        }
        return true;
    }
}
