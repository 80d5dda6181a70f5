package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;

/**
 * smc_diag's connection and link group information (strace's netlink_smc_diag.c) and
 * packet_diag's attributes (netlink_packet_diag.c).
 */
final class DiagStructs {
    private DiagStructs() {
    }

    /** struct smc_diag_cursor: {@code {reserved=1, wrap=2, count=3}}. */
    private static void cursor(NetlinkDecoder d, String name, long a) {
        d.out.append(name).append("={reserved=").append(d.mem.u16(a)).append(", wrap=").append(d.mem.u16(a + 2))
                .append(", count=").append(d.mem.u32(a + 4)).append('}');
    }

    /** PRINT_FIELD_0X of a u8: {@code %#0*x} two digits wide. */
    private static void hex8(NetlinkDecoder d, String name, int v) {
        d.out.append(name).append('=');
        if (v == 0) {
            d.out.append("00");
        } else {
            Formats.hex(d.out, v);
        }
    }

    /** SMC_DIAG_CONNINFO: struct smc_diag_conninfo. */
    static final Nlattr.Decoder SMC_CONNINFO = (d, addr, len) -> {
        if (len < 76) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 76)) {
            d.out.append("{token=").append(d.mem.u32(addr)).append(", sndbuf_size=").append(d.mem.u32(addr + 4))
                    .append(", rmbe_size=").append(d.mem.u32(addr + 8)).append(", peer_rmbe_size=")
                    .append(d.mem.u32(addr + 12));
            String[] cursors = {"rx_prod", "rx_cons", "tx_prod", "tx_cons"};
            for (int i = 0; i < 4; i++) {
                cursor(Fields.next(d), cursors[i], addr + 16 + 8 * i);
            }
            String[] flags = {"rx_prod_flags", "rx_conn_state_flags", "tx_prod_flags", "tx_conn_state_flags"};
            for (int i = 0; i < 4; i++) {
                hex8(Fields.next(d), flags[i], d.mem.u8(addr + 48 + i));
            }
            String[] more = {"tx_prep", "tx_sent", "tx_fin"};
            for (int i = 0; i < 3; i++) {
                cursor(Fields.next(d), more[i], addr + 52 + 8 * i);
            }
            d.out.append('}');
        }
        return true;
    };

    /** print_quoted_cstring of a {@code size}-byte array: up to its NUL, "..." when the first size-1 bytes hold none. */
    private static void cstring(NetlinkDecoder d, String name, long a, int size) {
        byte[] b = d.mem.bytes(a, size - 1);
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        d.out.append(name).append('=');
        Quote.append(d.out, b, 0, n, d.style, false);
        if (n == b.length) {
            d.out.append("...");
        }
    }

    /** SMC_DIAG_LGRINFO: struct smc_diag_lgrinfo, its one link and the group's role. */
    static final Nlattr.Decoder SMC_LGRINFO = (d, addr, len) -> {
        if (len < 147) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 147)) {
            d.out.append("{lnk=[{link_id=").append(d.mem.u8(addr)).append(", ");
            cstring(d, "ibname", addr + 1, 64);
            d.out.append(", ibport=").append(d.mem.u8(addr + 65)).append(", ");
            cstring(d, "gid", addr + 66, 40);
            d.out.append(", ");
            cstring(d, "peer_gid", addr + 106, 40);
            d.out.append("}], ");
            Fields.xval(d, "role", "smc_link_group_roles", d.mem.u8(addr + 146), "SMC_???");
            d.out.append('}');
        }
        return true;
    };

    /** PACKET_DIAG_INFO: struct packet_diag_info. */
    private static final Nlattr.Decoder PACKET_INFO = (d, addr, len) -> {
        if (len < 24) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 24)) {
            d.out.append('{');
            Fields.ifindexField(d, "pdi_index", d.mem.u32(addr));
            Fields.xval(Fields.next(d), "pdi_version", "af_packet_versions", d.mem.u32(addr + 4), "TPACKET_???");
            Fields.u(Fields.next(d), "pdi_reserve", d.mem.u32(addr + 8));
            Fields.u(Fields.next(d), "pdi_copy_thresh", d.mem.u32(addr + 12));
            Fields.u(Fields.next(d), "pdi_tstamp", d.mem.u32(addr + 16));
            Fields.flags(Fields.next(d), "pdi_flags", "packet_diag_info_flags", d.mem.u32(addr + 20), "PDI_???");
            d.out.append('}');
        }
        return true;
    };

    /** PACKET_DIAG_MCLIST: struct packet_diag_mclist elements, each address as long as its pdmc_alen says. */
    private static final Nlattr.Decoder PACKET_MCLIST = Nlattr.array(44, (d, a) -> {
        int alen = d.mem.u16(a + 10);
        d.out.append('{');
        Fields.ifindexField(d, "pdmc_index", d.mem.u32(a));
        Fields.u(Fields.next(d), "pdmc_count", d.mem.u32(a + 4));
        Fields.u(Fields.next(d), "pdmc_type", d.mem.u16(a + 8));
        Fields.u(Fields.next(d), "pdmc_alen", alen);
        d.out.append(", pdmc_addr=");
        int n = Math.min(alen, 32);
        Quote.append(d.out, d.mem.bytes(a + 12, n), 0, n, Quote.Hex.ALL, false);
        d.out.append('}');
    });

    private static final Nlattr.Decoder PACKET_RING = StructDecoder.of("pdr_block_size:u32", "pdr_block_nr:u32",
            "pdr_frame_size:u32", "pdr_frame_nr:u32", "pdr_retire_tmo:u32", "pdr_sizeof_priv:u32", "pdr_features:u32");

    /** The attributes of struct packet_diag_msg, by PACKET_DIAG_* number. */
    static final Nlattr.Decoder[] PACKET_ATTRS = {PACKET_INFO, PACKET_MCLIST, PACKET_RING, PACKET_RING, Nlattr.U32,
        Nlattr.UID, Nlattr.MEMINFO, SockFilter.PROGRAM};
}
