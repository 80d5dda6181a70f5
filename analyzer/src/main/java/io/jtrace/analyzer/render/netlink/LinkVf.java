package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.NlaFields.table;

/** IFLA_VFINFO_LIST: each virtual function's attributes (strace's rtnl_link.c decode_ifla_vf_info). */
final class LinkVf {
    private LinkVf() {
    }

    /** {@code {vf=N, mac=ab:cd:...}} of struct ifla_vf_mac (32 bytes of address). */
    private static final Nlattr.Decoder MAC = (d, addr, len) -> {
        if (len < 36) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 36)) {
            d.out.append("{vf=").append(d.mem.u32(addr)).append(", mac=");
            NlaFields.mac(d, addr + 4, 32);
            d.out.append('}');
        }
        return true;
    };

    private static final Nlattr.Decoder BROADCAST = (d, addr, len) -> {
        if (len < 32) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 32)) {
            d.out.append("{broadcast=");
            NlaFields.mac(d, addr, 32);
            d.out.append('}');
        }
        return true;
    };

    /** struct ifla_vf_guid: its guid is at offset 4 (packed, 12 bytes) or 8 (aligned, 16 bytes). */
    private static final Nlattr.Decoder GUID = (d, addr, len) -> {
        if (len != 12 && len != 16) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, len)) {
            d.out.append("{vf=").append(d.mem.u32(addr)).append(", guid=");
            io.jtrace.analyzer.render.Formats.hex(d.out, d.mem.u64(addr + len - 8));
            d.out.append('}');
        }
        return true;
    };

    private static final Nlattr.Decoder LINK_STATE = (d, addr, len) -> {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            d.out.append("{vf=").append(d.mem.u32(addr)).append(", ");
            Fields.xval(d, "link_state", "rtnl_ifla_vf_link_states", d.mem.u32(addr + 4), "IFLA_VF_LINK_STATE_???");
            d.out.append('}');
        }
        return true;
    };

    /** struct ifla_vf_vlan_info: the protocol in network order. */
    private static final Nlattr.Decoder VLAN_INFO = (d, addr, len) -> {
        if (len < 16) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 16)) {
            d.out.append("{vf=").append(d.mem.u32(addr)).append(", vlan=").append(d.mem.u32(addr + 4))
                    .append(", qos=").append(d.mem.u32(addr + 8)).append(", vlan_proto=htons(");
            Xlat.table("ethernet_protocols").value(d.out, d.mem.be16(addr + 12), "ETH_P_???");
            d.out.append(")}");
        }
        return true;
    };

    private static final Nlattr.Decoder[] STATS = table("rtnl_ifla_vf_stats_attrs",
            "IFLA_VF_STATS_RX_PACKETS", Nlattr.U64, "IFLA_VF_STATS_TX_PACKETS", Nlattr.U64,
            "IFLA_VF_STATS_RX_BYTES", Nlattr.U64, "IFLA_VF_STATS_TX_BYTES", Nlattr.U64,
            "IFLA_VF_STATS_BROADCAST", Nlattr.U64, "IFLA_VF_STATS_MULTICAST", Nlattr.U64,
            "IFLA_VF_STATS_RX_DROPPED", Nlattr.U64, "IFLA_VF_STATS_TX_DROPPED", Nlattr.U64);

    private static final Nlattr.Decoder VF_INFO = Nlattr.nested("rtnl_ifla_vf_info_attrs", "IFLA_VF_???",
            table("rtnl_ifla_vf_info_attrs",
                    "IFLA_VF_MAC", MAC, "IFLA_VF_VLAN", StructDecoder.of("vf:u32", "vlan:u32", "qos:u32"),
                    "IFLA_VF_TX_RATE", StructDecoder.of("vf:u32", "rate:u32"),
                    "IFLA_VF_SPOOFCHK", StructDecoder.of("vf:u32", "setting:u32"), "IFLA_VF_LINK_STATE", LINK_STATE,
                    "IFLA_VF_RATE", StructDecoder.of("vf:u32", "min_tx_rate:u32", "max_tx_rate:u32"),
                    "IFLA_VF_RSS_QUERY_EN", StructDecoder.of("vf:u32", "setting:u32"),
                    "IFLA_VF_STATS", Nlattr.nested("rtnl_ifla_vf_stats_attrs", "IFLA_VF_STATS_???", STATS),
                    "IFLA_VF_TRUST", StructDecoder.of("vf:u32", "setting:u32"),
                    "IFLA_VF_IB_NODE_GUID", GUID, "IFLA_VF_IB_PORT_GUID", GUID,
                    "IFLA_VF_VLAN_LIST", Nlattr.nested("rtnl_ifla_vf_vlan_list_attrs", "IFLA_VF_VLAN_INFO_???",
                            null, VLAN_INFO),
                    "IFLA_VF_BROADCAST", BROADCAST));

    /** IFLA_VFINFO_LIST. */
    static final Nlattr.Decoder VFINFO_LIST = Nlattr.nested("rtnl_ifla_vfinfo_list_attrs", "IFLA_VF_INFO_???",
            null, VF_INFO);
}
