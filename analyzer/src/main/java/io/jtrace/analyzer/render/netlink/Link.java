package io.jtrace.analyzer.render.netlink;

/** IFLA_* attributes of RTM_*LINK messages (strace's rtnl_link.c), as far as they are decoded here. */
final class Link {
    private Link() {
    }

    private static final Nlattr.Decoder STATS = StructDecoder.of("rx_packets:u32", "tx_packets:u32", "rx_bytes:u32", "tx_bytes:u32", "rx_errors:u32", "tx_errors:u32", "rx_dropped:u32", "tx_dropped:u32", "multicast:u32", "collisions:u32", "rx_length_errors:u32", "rx_over_errors:u32", "rx_crc_errors:u32", "rx_frame_errors:u32", "rx_fifo_errors:u32", "rx_missed_errors:u32", "tx_aborted_errors:u32", "tx_carrier_errors:u32", "tx_fifo_errors:u32", "tx_heartbeat_errors:u32", "tx_window_errors:u32", "rx_compressed:u32", "tx_compressed:u32", "rx_nohandler:u32").versions(23);
    static final Nlattr.Decoder STATS64 = StructDecoder.of("rx_packets:u64", "tx_packets:u64", "rx_bytes:u64", "tx_bytes:u64", "rx_errors:u64", "tx_errors:u64", "rx_dropped:u64", "tx_dropped:u64", "multicast:u64", "collisions:u64", "rx_length_errors:u64", "rx_over_errors:u64", "rx_crc_errors:u64", "rx_frame_errors:u64", "rx_fifo_errors:u64", "rx_missed_errors:u64", "tx_aborted_errors:u64", "tx_carrier_errors:u64", "tx_fifo_errors:u64", "tx_heartbeat_errors:u64", "tx_window_errors:u64", "rx_compressed:u64", "tx_compressed:u64", "rx_nohandler:u64", "rx_otherhost_dropped:u64").versions(23, 24);
    private static final Nlattr.Decoder MAP = StructDecoder.upToLastField("mem_start:x64", "mem_end:x64",
            "base_addr:x64", "irq:u16", "dma:u8", "port:u8");
    private static final Nlattr.Decoder XDP = Nlattr.nested("rtnl_ifla_xdp_attrs", "IFLA_XDP_???", null, Nlattr.FD,
            Nlattr.xval("rtnl_ifla_xdp_attached_mode", "XDP_ATTACHED_???", 1),
            Nlattr.flags("xdp_flags", "XDP_FLAGS_???", 4), Nlattr.U32, Nlattr.U32, Nlattr.U32, Nlattr.U32, Nlattr.FD);
    private static final Nlattr.Decoder PORT = Nlattr.nested("rtnl_ifla_port_attrs", "IFLA_VF_PORT_???", null,
            Nlattr.U32, Nlattr.STR, Link::vsi, null, null, Nlattr.U8, Nlattr.U16);

    /** struct ifla_port_vsi: the type id in hex, the padding only when not zero. */
    private static boolean vsi(NetlinkDecoder d, long addr, long len) {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            var out = d.out;
            out.append("{vsi_mgr_id=").append(d.mem.u8(addr)).append(", vsi_type_id=");
            io.jtrace.analyzer.render.Quote.append(out, d.mem.bytes(addr + 1, 3), 0, 3,
                    io.jtrace.analyzer.render.Quote.Hex.ALL, false);
            out.append(", vsi_type_version=").append(d.mem.u8(addr + 4));
            byte[] pad = d.mem.bytes(addr + 5, 3);
            if (pad[0] != 0 || pad[1] != 0 || pad[2] != 0) {
                out.append(", pad=");
                io.jtrace.analyzer.render.Quote.append(out, pad, 0, 3, io.jtrace.analyzer.render.Quote.Hex.ALL, false);
            }
            out.append('}');
        }
        return true;
    }
    private static final Nlattr.Decoder PROTO_DOWN_REASON = Nlattr.nested("rtnl_ifla_proto_down_reason_attrs",
            "IFLA_PROTO_DOWN_REASON_???", null, Nlattr.X32, Nlattr.X32);

    /** The attributes of ifinfomsg, by IFLA_* number. */
    static final Nlattr.Decoder[] DECODERS = new Nlattr.Decoder[62];

    static {
        Nlattr.Decoder[] t = DECODERS;
        t[1] = Nlattr.HWADDR;
        t[2] = Nlattr.HWADDR;
        t[3] = Nlattr.STR;
        t[4] = Nlattr.U32;
        t[5] = Nlattr.U32;
        t[6] = Nlattr.STR;
        t[7] = STATS;
        t[10] = Nlattr.U32;
        t[12] = LinkAfSpec::protinfo;
        t[13] = Nlattr.U32;
        t[14] = MAP;
        t[15] = Nlattr.U32;
        t[16] = Nlattr.U8;
        t[17] = Nlattr.U8;
        t[18] = LinkInfo::decode;
        t[19] = Nlattr.U32;
        t[20] = Nlattr.STR;
        t[21] = Nlattr.U32;
        t[22] = LinkVf.VFINFO_LIST;
        t[23] = STATS64;
        t[24] = Nlattr.nested("rtnl_ifla_vf_port_attrs", "IFLA_VF_PORT_???", null, PORT);
        t[25] = PORT;
        t[26] = LinkAfSpec::afSpec;
        t[27] = Nlattr.U32;
        t[28] = Nlattr.FD;
        t[29] = Nlattr.flags("rtnl_ifla_ext_filter_flags", "RTEXT_FILTER_???", 4);
        t[30] = Nlattr.U32;
        t[31] = Nlattr.U32;
        t[32] = Nlattr.U32;
        t[33] = Nlattr.U8;
        t[35] = Nlattr.U32;
        t[37] = Nlattr.S32;
        t[38] = Nlattr.STR;
        t[39] = Nlattr.U8;
        t[40] = Nlattr.U32;
        t[41] = Nlattr.U32;
        t[43] = XDP;
        t[44] = Nlattr.xval("rtnl_ifla_events", "IFLA_EVENT_???", 4);
        t[45] = Nlattr.S32;
        t[46] = Nlattr.S32;
        t[47] = Nlattr.U32;
        t[48] = Nlattr.U32;
        t[49] = Nlattr.IFINDEX;
        t[50] = Nlattr.U32;
        t[51] = Nlattr.U32;
        t[52] = (d, addr, len) -> {   // IFLA_PROP_LIST: link attributes again, strace decodes IFLA_ALT_IFNAME only
            Nlattr.decode(d, addr, len, Xlat.table("rtnl_link_attrs"), "IFLA_???", type -> type == 53 ? Nlattr.STR : null);
            return true;
        };
        t[53] = Nlattr.STR;
        t[54] = Nlattr.HWADDR;
        t[55] = PROTO_DOWN_REASON;
        t[56] = Nlattr.STR;
        t[57] = Nlattr.STR;
        t[58] = Nlattr.U32;
        t[59] = Nlattr.U32;
        t[60] = Nlattr.U32;
        t[61] = Nlattr.U32;
    }
}
