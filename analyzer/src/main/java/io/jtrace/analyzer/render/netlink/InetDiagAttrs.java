package io.jtrace.analyzer.render.netlink;

import static io.jtrace.analyzer.render.netlink.NlaFields.table;

import io.jtrace.analyzer.render.Formats;
import io.jtrace.analyzer.render.Quote;
import io.jtrace.analyzer.render.SockaddrText;
import io.jtrace.analyzer.trace.Sockaddr;

/**
 * The attributes of an inet_diag_msg (strace's netlink_inet_diag.c): congestion control
 * information, socket addresses, MD5 keys, ULP information (TLS, MPTCP), BPF socket storages and
 * the socket options' bits.
 */
final class InetDiagAttrs {
    private InetDiagAttrs() {
    }

    /** An array of struct sockaddr_storage, each printed as strace prints a sockaddr. */
    private static final Nlattr.Decoder SOCKADDRS = Nlattr.array(Sockaddr.STORAGE_SIZE, (d, a) ->
            d.out.append(SockaddrText.strace(d.mem.bytes(a, Sockaddr.STORAGE_SIZE), Sockaddr.STORAGE_SIZE, d.style,
                    d.interfaces)));

    /** struct tcp_diag_md5sig: the address of its family, as many key bytes as its length says. */
    private static final Nlattr.Decoder MD5SIG = Nlattr.array(100, (d, a) -> {
        int family = d.mem.u8(a);
        int keylen = d.mem.u16(a + 2);
        d.out.append('{');
        Fields.xval(d, "tcpm_family", "addrfams", family, "AF_???");
        Fields.u(Fields.next(d), "tcpm_prefixlen", d.mem.u8(a + 1));
        Fields.u(Fields.next(d), "tcpm_keylen", keylen);
        Fields.next(d);
        Fields.inetAddr(d, "tcpm_addr", a + 4, family);
        d.out.append(", tcpm_key=");
        int n = Math.min(80, keylen);
        Quote.append(d.out, d.mem.bytes(a + 20, n), 0, n, Quote.Hex.ALL, false);
        d.out.append('}');
    });

    /** struct inet_diag_sockopt's bit fields, the zero ones left out unless -v. */
    private static final String[] SOCKOPT_BITS = {"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent",
        "mc_all", "nodefrag", "bind_address_no_port", "recverr_rfc4884", "defer_connect"};

    private static final Nlattr.Decoder SOCKOPT = (d, addr, len) -> {
        if (len < 2) {
            return false;
        }
        if (!d.mem.orAddress(d.out, addr, 2)) {
            return true;
        }
        int bits = d.mem.u16(addr);
        d.out.append('{');
        boolean first = true;
        for (int i = 0; i < SOCKOPT_BITS.length; i++) {
            if (!d.abbrev || (bits >> i & 1) != 0) {
                d.out.append(first ? "" : ", ").append(SOCKOPT_BITS[i]).append('=').append(bits >> i & 1);
                first = false;
            }
        }
        int unused = bits >> 11;
        if (!d.abbrev || unused != 0) {
            Formats.hex(d.out.append(first ? "" : ", ").append("unused="), unused).append(" /* bits 3..8 */");
        }
        d.out.append('}');
        long total = Math.min(len, 4096);
        if (total > 2) {
            if (!d.mem.readable(addr + 2, total - 2)) {
                d.out.append(", ???");
            } else {
                byte[] rest = d.mem.bytes(addr + 2, (int) (total - 2));
                boolean zero = true;
                for (byte b : rest) {
                    zero &= b == 0;
                }
                if (!zero) {
                    d.out.append(", /* bytes 2..").append(total - 1).append(" */ ");
                    int n = Math.min(rest.length, d.limit);
                    Quote.append(d.out, rest, 0, n, Quote.Hex.ALL, false);
                    if (n < rest.length) {
                        d.out.append("...");
                    }
                }
            }
        }
        return true;
    };

    private static final Nlattr.Decoder ULP_INFO = Nlattr.nested("inet_diag_ulp_info_attrs", "INET_ULP_INFO_???",
            table("inet_diag_ulp_info_attrs",
                    "INET_ULP_INFO_NAME", Nlattr.STR,
                    "INET_ULP_INFO_TLS", Nlattr.nested("inet_diag_ulp_info_tls_attrs", "TLS_INFO_???",
                            table("inet_diag_ulp_info_tls_attrs",
                                    "TLS_INFO_VERSION", Nlattr.xval("tls_info_versions", "TLS_???_VERSION", 2),
                                    "TLS_INFO_CIPHER", Nlattr.xval("tls_info_ciphers", "TLS_CIPHER_???", 2),
                                    "TLS_INFO_TXCONF", Nlattr.xval("tls_info_configs", "TLS_CONF_???", 2),
                                    "TLS_INFO_RXCONF", Nlattr.xval("tls_info_configs", "TLS_CONF_???", 2))),
                    "INET_ULP_INFO_MPTCP", Nlattr.nested("inet_diag_ulp_info_mptcp_attrs", "MPTCP_SUBFLOW_ATTR_???",
                            table("inet_diag_ulp_info_mptcp_attrs",
                                    "MPTCP_SUBFLOW_ATTR_TOKEN_REM", Nlattr.X32, "MPTCP_SUBFLOW_ATTR_TOKEN_LOC", Nlattr.X32,
                                    "MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ", Nlattr.U32, "MPTCP_SUBFLOW_ATTR_MAP_SEQ", Nlattr.U64,
                                    "MPTCP_SUBFLOW_ATTR_MAP_SFSEQ", Nlattr.U32,
                                    "MPTCP_SUBFLOW_ATTR_SSN_OFFSET", Nlattr.U32,
                                    "MPTCP_SUBFLOW_ATTR_MAP_DATALEN", Nlattr.U16,
                                    "MPTCP_SUBFLOW_ATTR_FLAGS", Nlattr.flags("mptcp_subflow_flags",
                                            "MPTCP_SUBFLOW_FLAG_???", 4),
                                    "MPTCP_SUBFLOW_ATTR_ID_REM", Nlattr.U8, "MPTCP_SUBFLOW_ATTR_ID_LOC", Nlattr.U8))));

    /** decode_nla_xint: 1, 2, 4 or 8 bytes in hex. */
    private static final Nlattr.Decoder XINT = (d, addr, len) -> {
        if (len != 1 && len != 2 && len != 4 && len != 8) {
            return false;
        }
        if (d.mem.orAddress(d.out, addr, len)) {
            long v = len == 1 ? d.mem.u8(addr) : len == 2 ? d.mem.u16(addr) : len == 4 ? d.mem.u32(addr)
                    : d.mem.u64(addr);
            Formats.hex(d.out, v);
        }
        return true;
    };

    private static final Nlattr.Decoder BPF_STORAGES = Nlattr.nested("inet_diag_bpf_storages_attrs",
            "SK_DIAG_BPF_STORAGE_???", null, Nlattr.nested("inet_diag_bpf_storage_attrs", "SK_DIAG_BPF_STORAGE_???",
                    null, null, Nlattr.U32, XINT));

    /** The attributes of struct inet_diag_msg, by INET_DIAG_* number. */
    static Nlattr.Decoder[] decoders(Nlattr.Decoder shutdown) {
        return table("inet_diag_attrs",
                "INET_DIAG_MEMINFO", StructDecoder.of("idiag_rmem:u32", "idiag_wmem:u32", "idiag_fmem:u32",
                        "idiag_tmem:u32"),
                "INET_DIAG_VEGASINFO", StructDecoder.of("tcpv_enabled:u32", "tcpv_rttcnt:u32", "tcpv_rtt:u32",
                        "tcpv_minrtt:u32"),
                "INET_DIAG_CONG", Nlattr.STR, "INET_DIAG_TOS", Nlattr.U8, "INET_DIAG_TCLASS", Nlattr.U8,
                "INET_DIAG_SKMEMINFO", Nlattr.MEMINFO, "INET_DIAG_SHUTDOWN", shutdown,
                "INET_DIAG_DCTCPINFO", StructDecoder.of("dctcp_enabled:u16", "dctcp_ce_state:u16", "dctcp_alpha:u32",
                        "dctcp_ab_ecn:u32", "dctcp_ab_tot:u32"),
                "INET_DIAG_PROTOCOL", Nlattr.xval("inet_protocols", "IPPROTO_???", 0), "INET_DIAG_SKV6ONLY", Nlattr.U8,
                "INET_DIAG_LOCALS", SOCKADDRS, "INET_DIAG_PEERS", SOCKADDRS, "INET_DIAG_MARK", Nlattr.U32,
                "INET_DIAG_BBRINFO", StructDecoder.of("bbr_bw_lo:x32", "bbr_bw_hi:x32", "bbr_min_rtt:u32",
                        "bbr_pacing_gain:u32", "bbr_cwnd_gain:u32"),
                "INET_DIAG_CLASS_ID", Nlattr.U32, "INET_DIAG_MD5SIG", MD5SIG, "INET_DIAG_ULP_INFO", ULP_INFO,
                "INET_DIAG_SK_BPF_STORAGES", BPF_STORAGES, "INET_DIAG_CGROUP_ID", Nlattr.U64,
                "INET_DIAG_SOCKOPT", SOCKOPT);
    }
}
