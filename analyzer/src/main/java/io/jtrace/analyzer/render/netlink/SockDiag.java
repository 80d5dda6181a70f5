package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.Fields.cookie;
import static io.jtrace.analyzer.render.netlink.Fields.flags;
import static io.jtrace.analyzer.render.netlink.Fields.next;
import static io.jtrace.analyzer.render.netlink.Fields.sockid;
import static io.jtrace.analyzer.render.netlink.Fields.u;
import static io.jtrace.analyzer.render.netlink.Fields.xval;

import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.FileModes;

/**
 * NETLINK_SOCK_DIAG requests and answers by address family (strace's netlink_sock_diag.c and
 * netlink_{unix,inet,netlink,packet,smc}_diag.c): the request or message structure, then its
 * attributes.
 */
final class SockDiag {
    private SockDiag() {
    }

    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int AF_PACKET = 17;
    private static final int AF_SMC = 43;
    private static final int NLM_F_REQUEST = 1;
    private static final int TCPDIAG_GETSOCK = 18;
    private static final int DCCPDIAG_GETSOCK = 19;

    static boolean decode(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        if (h.type() == NetlinkDecoder.NLMSG_DONE) {
            return false;
        }
        if (!d.mem.orAddress(d.out, addr, 1)) {
            return true;
        }
        int family = d.mem.u8(addr);
        Layout layout = len > 1 ? layout(family, (h.flags() & NLM_F_REQUEST) != 0, h.type()) : null;
        if (layout != null) {
            layout.print(d, family, addr, len);
            return true;
        }
        Layout.familyData(d, family, addr, len);
        return true;
    }

    private static Layout layout(int family, boolean request, int type) {
        return switch (family) {
            case AF_UNIX -> request ? UNIX_REQ : UNIX_MSG;
            case AF_INET, AF_INET6 -> request
                    ? (type == TCPDIAG_GETSOCK || type == DCCPDIAG_GETSOCK ? INET_REQ_COMPAT : INET_REQ_V2)
                    : INET_MSG;
            case AF_NETLINK -> request ? NETLINK_REQ : NETLINK_MSG;
            case AF_PACKET -> request ? PACKET_REQ : PACKET_MSG;
            case AF_SMC -> request ? SMC_REQ : SMC_MSG;
            default -> null;
        };
    }

    private static final Nlattr.Decoder[] REQ_ATTRS = {
        null, SockDiag::bytecode, null, Nlattr.xval("inet_protocols", "IPPROTO_???", 0)};

    private static final Layout UNIX_REQ = new Layout("sdiag_family", 24, (d, a, f) -> {
        u(d, "sdiag_protocol", d.mem.u8(a + 1));
        flags(next(d), "udiag_states", "tcp_state_flags", d.mem.u32(a + 4), "1<<TCP_???");
        u(next(d), "udiag_ino", d.mem.u32(a + 8));
        flags(next(d), "udiag_show", "unix_diag_show", d.mem.u32(a + 12), "UDIAG_SHOW_???");
        cookie(next(d), "udiag_cookie", a + 16);
    }, null, null, null);

    private static final Layout UNIX_MSG = new Layout("udiag_family", 16, (d, a, f) -> {
        xval(d, "udiag_type", "socktypes", d.mem.u8(a + 1), "SOCK_???");
        xval(next(d), "udiag_state", "tcp_states", d.mem.u8(a + 2), "TCP_???");
        u(next(d), "udiag_ino", d.mem.u32(a + 4));
        cookie(next(d), "udiag_cookie", a + 8);
    }, "unix_diag_attrs", "UNIX_DIAG_???", new Nlattr.Decoder[] {
        Nlattr.STR, SockDiag::unixVfs, Nlattr.U32, Nlattr.u32Array(), SockDiag::unixRqlen, Nlattr.MEMINFO, Nlattr.U8,
        Nlattr.U32});

    /** struct unix_diag_vfs: {@code {udiag_vfs_dev=makedev(0x8, 0x1), udiag_vfs_ino=12}}. */
    private static boolean unixVfs(NetlinkDecoder d, long addr, long len) {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            FileModes.dev(d.out.append("{udiag_vfs_dev="), d.mem.u32(addr + 4));
            d.out.append(", udiag_vfs_ino=").append(d.mem.u32(addr)).append('}');
        }
        return true;
    }

    /** struct inet_diag_bc_op: {@code {code=INET_DIAG_BC_S_COND, yes=4, no=8}}. */
    private static void bcOp(NetlinkDecoder d, long addr) {
        Xlat.table("inet_diag_bytecodes").value(d.out.append("{code="), d.mem.u8(addr), "INET_DIAG_BC_???");
        d.out.append(", yes=").append(d.mem.u8(addr + 1)).append(", no=").append(d.mem.u16(addr + 2)).append('}');
    }

    /** INET_DIAG_REQ_BYTECODE: the first operation, then its condition's data. */
    private static boolean bytecode(NetlinkDecoder d, long addr, long len) {
        if (len < 4) {
            return false;
        }
        if (!d.mem.orAddress(d.out, addr, 4)) {
            return true;
        }
        bcOp(d, addr);
        if (len > 4) {
            d.out.append(", ");
            condition(d, d.mem.u8(addr), addr + 4, len - 4);
        }
        return true;
    }

    private static void condition(NetlinkDecoder d, int code, long addr, long len) {
        switch (code) {
            case 7, 8 -> {   // INET_DIAG_BC_S_COND, INET_DIAG_BC_D_COND: struct inet_diag_hostcond
                if (len < 8) {
                    d.hex(addr, len);
                } else if (d.mem.orAddress(d.out, addr, 8)) {
                    int family = d.mem.u8(addr);
                    Xlat.table("addrfams").value(d.out.append("{family="), family, "AF_???");
                    d.out.append(", prefix_len=").append(d.mem.u8(addr + 1)).append(", port=").append(d.mem.s32(addr + 4));
                    if (len > 8) {
                        d.out.append(", ");
                        Fields.decodeInetAddr(d, addr + 8, len - 8, family, "addr");
                    }
                    d.out.append('}');
                }
            }
            case 9 -> {   // INET_DIAG_BC_DEV_COND
                if (len < 4) {
                    d.hex(addr, len);
                } else if (d.mem.orAddress(d.out, addr, 4)) {
                    Fields.ifindex(d, d.mem.u32(addr));
                }
            }
            case 2, 3, 4, 5 -> {   // S_GE, S_LE, D_GE, D_LE: another operation
                if (len < 4) {
                    d.hex(addr, len);
                } else if (d.mem.orAddress(d.out, addr, 4)) {
                    bcOp(d, addr);
                }
            }
            case 10 -> {   // INET_DIAG_BC_MARK_COND
                if (len < 8) {
                    d.hex(addr, len);
                } else if (d.mem.orAddress(d.out, addr, 8)) {
                    d.out.append("{mark=").append(d.mem.u32(addr)).append(", mask=").append(d.mem.u32(addr + 4)).append('}');
                }
            }
            default -> d.hex(addr, len);
        }
    }

    /** INET_DIAG_SHUTDOWN, in strace's verbose style: {@code 0x1 /* RCV_SHUTDOWN *}{@code /}. */
    private static boolean shutdown(NetlinkDecoder d, long addr, long len) {
        if (len < 1 || len > 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 1)) {
            // the names are not the kernel's API: verbose unless -X raw
            ConstStyle before = ConstStyle.use(ConstStyle.current() == ConstStyle.RAW ? ConstStyle.RAW
                    : ConstStyle.VERBOSE);
            try {
                Xlat.flags(d.out, d.mem.u8(addr), "???_SHUTDOWN", Xlat.table("inet_diag_shutdown_flags"));
            } finally {
                ConstStyle.use(before);
            }
        }
        return true;
    }

    /** struct unix_diag_rqlen. */
    private static boolean unixRqlen(NetlinkDecoder d, long addr, long len) {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            d.out.append("{udiag_rqueue=").append(d.mem.u32(addr)).append(", udiag_wqueue=").append(d.mem.u32(addr + 4))
                    .append('}');
        }
        return true;
    }

    private static final Layout NETLINK_REQ = new Layout("sdiag_family", 20, (d, a, f) -> {
        int protocol = d.mem.u8(a + 1);
        if (protocol == 0xff) {
            ConstStyle.value(d.out.append("sdiag_protocol="), protocol, true, "NDIAG_PROTO_ALL", null);
        } else {
            xval(d, "sdiag_protocol", "netlink_protocols", protocol, "NETLINK_???");
        }
        u(next(d), "ndiag_ino", d.mem.u32(a + 4));
        flags(next(d), "ndiag_show", "netlink_diag_show", d.mem.u32(a + 8), "NDIAG_SHOW_???");
        cookie(next(d), "ndiag_cookie", a + 12);
    }, null, null, null);

    private static final Layout NETLINK_MSG = new Layout("ndiag_family", 28, (d, a, f) -> {
        xval(d, "ndiag_type", "socktypes", d.mem.u8(a + 1), "SOCK_???");
        xval(next(d), "ndiag_protocol", "netlink_protocols", d.mem.u8(a + 2), "NETLINK_???");
        xval(next(d), "ndiag_state", "netlink_states", d.mem.u8(a + 3), "NETLINK_???");
        u(next(d), "ndiag_portid", d.mem.u32(a + 4));
        u(next(d), "ndiag_dst_portid", d.mem.u32(a + 8));
        u(next(d), "ndiag_dst_group", d.mem.u32(a + 12));
        u(next(d), "ndiag_ino", d.mem.u32(a + 16));
        cookie(next(d), "ndiag_cookie", a + 20);
    }, "netlink_diag_attrs", "NETLINK_DIAG_???", new Nlattr.Decoder[] {
        Nlattr.MEMINFO, Nlattr.X64_ARRAY,
        StructDecoder.of("ndr_block_size:u32", "ndr_block_nr:u32", "ndr_frame_size:u32", "ndr_frame_nr:u32"),
        StructDecoder.of("ndr_block_size:u32", "ndr_block_nr:u32", "ndr_frame_size:u32", "ndr_frame_nr:u32"),
        Nlattr.flags("netlink_socket_flags", "NDIAG_FLAG_???", 4)});

    private static final Layout PACKET_REQ = new Layout("sdiag_family", 20, (d, a, f) -> {
        io.jtrace.analyzer.render.Formats.hex(d.out.append("sdiag_protocol="), d.mem.u8(a + 1));
        u(next(d), "pdiag_ino", d.mem.u32(a + 4));
        flags(next(d), "pdiag_show", "packet_diag_show", d.mem.u32(a + 8), "PACKET_SHOW_???");
        cookie(next(d), "pdiag_cookie", a + 12);
    }, null, null, null);

    private static final Layout PACKET_MSG = new Layout("pdiag_family", 16, (d, a, f) -> {
        xval(d, "pdiag_type", "socktypes", d.mem.u8(a + 1), "SOCK_???");
        xval(next(d), "pdiag_num", "ethernet_protocols", d.mem.u16(a + 2), "ETH_P_???");
        u(next(d), "pdiag_ino", d.mem.u32(a + 4));
        cookie(next(d), "pdiag_cookie", a + 8);
    }, "packet_diag_attrs", "PACKET_DIAG_???", DiagStructs.PACKET_ATTRS);

    private static final Layout INET_REQ_V2 = new Layout("sdiag_family", 56, (d, a, f) -> {
        xval(d, "sdiag_protocol", "inet_protocols", d.mem.u8(a + 1), "IPPROTO_???");
        flags(next(d), "idiag_ext", "inet_diag_extended_flags", d.mem.u8(a + 2), "1<<INET_DIAG_???-1");
        flags(next(d), "idiag_states", "tcp_state_flags", d.mem.u32(a + 4), "1<<TCP_???");
        next(d);
        sockid(d, a + 8, f);
    }, "inet_diag_req_attrs", "INET_DIAG_REQ_???", REQ_ATTRS);

    private static final Layout INET_REQ_COMPAT = new Layout("idiag_family", 60, (d, a, f) -> {
        u(d, "idiag_src_len", d.mem.u8(a + 1));
        u(next(d), "idiag_dst_len", d.mem.u8(a + 2));
        flags(next(d), "idiag_ext", "inet_diag_extended_flags", d.mem.u8(a + 3), "1<<INET_DIAG_???-1");
        next(d);
        sockid(d, a + 4, f);
        flags(next(d), "idiag_states", "tcp_state_flags", d.mem.u32(a + 52), "1<<TCP_???");
        u(next(d), "idiag_dbs", d.mem.u32(a + 56));
    }, "inet_diag_req_attrs", "INET_DIAG_REQ_???", REQ_ATTRS);

    private static final Layout INET_MSG = new Layout("idiag_family", 72, (d, a, f) -> {
        xval(d, "idiag_state", "tcp_states", d.mem.u8(a + 1), "TCP_???");
        u(next(d), "idiag_timer", d.mem.u8(a + 2));
        u(next(d), "idiag_retrans", d.mem.u8(a + 3));
        next(d);
        sockid(d, a + 4, f);
        u(next(d), "idiag_expires", d.mem.u32(a + 52));
        u(next(d), "idiag_rqueue", d.mem.u32(a + 56));
        u(next(d), "idiag_wqueue", d.mem.u32(a + 60));
        u(next(d), "idiag_uid", d.mem.u32(a + 64));
        u(next(d), "idiag_inode", d.mem.u32(a + 68));
    }, "inet_diag_attrs", "INET_DIAG_???", InetDiagAttrs.decoders(SockDiag::shutdown));

    private static final Layout SMC_REQ = new Layout("diag_family", 52, (d, a, f) -> {
        flags(d, "diag_ext", "smc_diag_extended_flags", d.mem.u8(a + 3), "1<<SMC_DIAG_???-1");
        next(d);
        sockid(d, a + 4, AF_INET);
    }, null, null, null);

    private static final Layout SMC_MSG = new Layout("diag_family", 64, (d, a, f) -> {
        xval(d, "diag_state", "smc_states", d.mem.u8(a + 1), "SMC_???");
        xval(next(d), "diag_fallback", "smc_diag_mode", d.mem.u8(a + 2), "SMC_DIAG_MODE_???");
        u(next(d), "diag_shutdown", d.mem.u8(a + 3));
        next(d);
        sockid(d, a + 4, AF_INET);
        u(next(d), "diag_uid", d.mem.u32(a + 52));
        io.jtrace.analyzer.render.Formats.unsigned(next(d).out.append("diag_inode="), d.mem.u64(a + 56));
    }, "smc_diag_attrs", "SMC_DIAG_???", new Nlattr.Decoder[] {
        null, DiagStructs.SMC_CONNINFO, DiagStructs.SMC_LGRINFO, Nlattr.flags("sock_shutdown_flags", "???_SHUTDOWN", 1),
        StructDecoder.of("linkid:u32", "peer_gid:x64", "my_gid:x64", "token:x64", "peer_token:x64"),
        SockDiag::fallback});

    /** struct smc_diag_fallback, its codes in strace's verbose style: {@code 0x3020000 /* SMC_CLC_DECL_IPSEC *}{@code /}. */
    private static boolean fallback(NetlinkDecoder d, long addr, long len) {
        if (len < 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, 8)) {
            verboseCode(d.out.append("{reason="), d.mem.u32(addr));
            verboseCode(d.out.append(", peer_diagnosis="), d.mem.u32(addr + 4));
            d.out.append('}');
        }
        return true;
    }

    private static void verboseCode(io.jtrace.analyzer.output.LineBuffer out, long code) {
        String name = Xlat.name("smc_decl_codes", code);
        io.jtrace.analyzer.render.Formats.hex(out, code);
        if (ConstStyle.current() != ConstStyle.RAW) {   // PRINT_FIELD_XVAL_VERBOSE
            out.append(" /* ").append(name != null ? name : "SMC_CLC_DECL_???").append(" */");
        }
    }
}
