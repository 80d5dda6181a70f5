package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.render.ConstStyle;
import io.jtrace.analyzer.render.Formats;

/** nlmsg_type and nlmsg_flags by the socket's netlink protocol, as strace's decode_nlmsg_type/flags. */
final class MessageTypes {
    private MessageTypes() {
    }

    static final int NETLINK_ROUTE = 0;
    static final int NETLINK_SOCK_DIAG = 4;
    static final int NETLINK_XFRM = 6;
    static final int NETLINK_SELINUX = 7;
    static final int NETLINK_AUDIT = 9;
    static final int NETLINK_NETFILTER = 12;
    static final int NETLINK_GENERIC = 16;
    static final int NETLINK_CRYPTO = 21;
    /** GENL_ID_CTRL: the one generic family whose id is fixed; strace asks the kernel for the others. */
    private static final int GENL_ID_CTRL = 0x10;

    private static final String[] NF_TABLES = new String[13];
    private static final String[] NF_DFLT = new String[13];

    static {
        nf(1, "nf_ctnetlink_msg_types", "IPCTNL_MSG_CT_???");
        nf(2, "nf_ctnetlink_exp_msg_types", "IPCTNL_MSG_EXP_???");
        nf(3, "nf_queue_msg_types", "NFQNL_MSG_???");
        nf(4, "nf_ulog_msg_types", "NFULNL_MSG_???");
        nf(5, "nf_osf_msg_types", "OSF_MSG_???");
        nf(6, "nf_ipset_msg_types", "IPSET_CMD_???");
        nf(7, "nf_acct_msg_types", "NFNL_MSG_ACCT_???");
        nf(8, "nf_cttimeout_msg_types", "IPCTNL_MSG_TIMEOUT_???");
        nf(9, "nf_cthelper_msg_types", "NFNL_MSG_CTHELPER_???");
        nf(10, "nf_nftables_msg_types", "NFT_MSG_???");
        nf(11, "nf_nft_compat_msg_types", "NFNL_MSG_COMPAT_???");
        nf(12, "nf_hook_msg_types", "NFT_MSG_HOOK_???");
    }

    private static void nf(int subsys, String table, String dflt) {
        NF_TABLES[subsys] = table;
        NF_DFLT[subsys] = dflt;
    }

    static void type(NetlinkDecoder d, int type) {
        LineBuffer out = d.out;
        if (type < NetlinkDecoder.NLMSG_MIN_TYPE) {
            Xlat.table("netlink_types").value(out, type, "NLMSG_???");
            return;
        }
        switch (d.family) {
            case NETLINK_AUDIT -> Xlat.table("nl_audit_types").value(out, type, "AUDIT_???");
            case NETLINK_CRYPTO -> Xlat.table("nl_crypto_types").value(out, type, "CRYPTO_MSG_???");
            case NETLINK_ROUTE -> Xlat.table("nl_route_types").value(out, type, "RTM_???");
            case NETLINK_SELINUX -> Xlat.table("nl_selinux_types").value(out, type, "SELNL_MSG_???");
            case NETLINK_SOCK_DIAG -> Xlat.table("nl_sock_diag_types").value(out, type, "SOCK_DIAG_???");
            case NETLINK_XFRM -> Xlat.table("nl_xfrm_types").value(out, type, "XFRM_MSG_???");
            case NETLINK_GENERIC ->
                ConstStyle.value(out, type, true, type == GENL_ID_CTRL ? "nlctrl" : null, "GENERIC_FAMILY_???");
            case NETLINK_NETFILTER -> netfilter(out, type);
            default -> Xlat.table("netlink_types").value(out, type, "NLMSG_???");
        }
    }

    private static void netfilter(LineBuffer out, int type) {
        String control = Xlat.name("nl_netfilter_msg_types", type);
        if (control != null) {
            ConstStyle.value(out, type, true, control, null);
            return;
        }
        int subsys = type >> 8;
        int msg = type & 0xff;
        Xlat.table("nl_netfilter_subsys_ids").value(out, subsys, "NFNL_SUBSYS_???");
        out.append("<<8|");
        if (subsys < NF_TABLES.length && NF_TABLES[subsys] != null) {
            Xlat.table(NF_TABLES[subsys]).value(out, msg, NF_DFLT[subsys]);
        } else {
            Formats.hex(out, msg);
        }
    }

    static void flags(NetlinkDecoder d, int flags, int type) {
        String table = null;
        if (type < NetlinkDecoder.NLMSG_MIN_TYPE) {
            if (type == NetlinkDecoder.NLMSG_ERROR) {
                table = "netlink_ack_flags";
            }
        } else {
            table = switch (d.family) {
                case NETLINK_CRYPTO -> crypto(type);
                case NETLINK_NETFILTER -> netfilterFlags(type);
                case NETLINK_ROUTE -> type == 49 /* RTM_DELACTION */ ? GET : ROUTE[type & 3];
                case NETLINK_SOCK_DIAG -> GET;
                case NETLINK_XFRM -> xfrm(type);
                default -> null;
            };
        }
        Xlat.flags(d.out, flags, "NLM_F_???", Xlat.table("netlink_flags"), table == null ? null : Xlat.table(table));
    }

    private static final String NEW = "netlink_new_flags";
    private static final String DEL = "netlink_delete_flags";
    private static final String GET = "netlink_get_flags";
    private static final String[] ROUTE = {NEW, DEL, GET, null};

    private static String crypto(int type) {
        return switch (type) {
            case 0x10 -> NEW;            // CRYPTO_MSG_NEWALG
            case 0x11, 0x14 -> DEL;      // CRYPTO_MSG_DELALG, CRYPTO_MSG_DELRNG
            case 0x13 -> GET;            // CRYPTO_MSG_GETALG
            default -> null;
        };
    }

    private static String xfrm(int type) {
        return switch (type) {
            case 0x10, 0x13, 0x1e, 0x22, 0x24 -> NEW;   // NEWSA, NEWPOLICY, NEWAE, NEWSADINFO, NEWSPDINFO
            case 0x11, 0x14 -> DEL;                     // DELSA, DELPOLICY
            case 0x12, 0x15, 0x1f, 0x23, 0x25 -> GET;   // GETSA, GETPOLICY, GETAE, GETSADINFO, GETSPDINFO
            default -> null;
        };
    }

    private static String netfilterFlags(int type) {
        int subsys = type >> 8;
        int msg = type & 0xff;
        return switch (subsys) {
            // ctnetlink: NEW 0, GET 1, DELETE 2, GET_CTRZERO 3, GET_STATS_CPU 4, GET_STATS 5, GET_DYING 6, GET_UNCONFIRMED 7
            case 1 -> msg == 0 ? NEW : msg == 2 ? DEL : msg == 1 || msg >= 3 && msg <= 7 ? GET : null;
            // expectations: NEW 0, GET 1, DELETE 2, GET_STATS_CPU 3
            case 2 -> msg == 0 ? NEW : msg == 2 ? DEL : msg == 1 || msg == 3 ? GET : null;
            // acct: NEW 0, GET 1, GET_CTRZERO 2, DEL 3
            case 7 -> msg == 0 ? NEW : msg == 3 ? DEL : msg == 1 || msg == 2 ? GET : null;
            // timeout and helper: NEW 0, GET 1, DELETE 2
            case 8, 9 -> msg == 0 ? NEW : msg == 2 ? DEL : msg == 1 ? GET : null;
            case 10 -> nftables(msg);
            case 11, 12 -> msg == 0 ? GET : null;   // NFNL_MSG_COMPAT_GET, NFNL_MSG_HOOK_GET
            default -> null;
        };
    }

    private static String nftables(int msg) {
        return switch (msg) {
            // NEWTABLE 0, NEWCHAIN 3, NEWRULE 6, NEWSET 9, NEWSETELEM 12, NEWGEN 15, NEWOBJ 18, NEWFLOWTABLE 22
            case 0, 3, 6, 9, 12, 15, 18, 22 -> NEW;
            // GETTABLE 1, GETCHAIN 4, GETRULE 7, GETSET 10, GETSETELEM 13, GETGEN 16, GETOBJ 19, GETOBJ_RESET 21, GETFLOWTABLE 23
            case 1, 4, 7, 10, 13, 16, 19, 21, 23 -> GET;
            // DELTABLE 2, DELCHAIN 5, DELRULE 8, DELSET 11, DELSETELEM 14, DELOBJ 20, DELFLOWTABLE 24
            case 2, 5, 8, 11, 14, 20, 24 -> DEL;
            default -> null;
        };
    }
}
