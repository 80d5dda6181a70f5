package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.render.ConstStyle;

/** The payload decoders of the netlink protocols strace knows (its netlink_decoders[] table). */
final class Payloads {
    private Payloads() {
    }

    /** Decodes a message's payload by the socket's protocol; false when it has no decoder for it. */
    static boolean decode(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        return switch (d.family) {
            case MessageTypes.NETLINK_SELINUX -> selinux(d, h, addr, len);
            case MessageTypes.NETLINK_SOCK_DIAG -> SockDiag.decode(d, h, addr, len);
            case MessageTypes.NETLINK_NETFILTER -> netfilter(d, h, addr, len);
            case MessageTypes.NETLINK_ROUTE -> Route.decode(d, h, addr, len);
            default -> false;
        };
    }

    private static final int NFNL_SUBSYS_NFTABLES = 10;

    /** struct nfgenmsg, then attributes (batch and control messages: hex). */
    private static boolean netfilter(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        if (h.type() == NetlinkDecoder.NLMSG_DONE) {
            return false;
        }
        if (len < 4) {
            d.hex(addr, len);
            return true;
        }
        if (!d.mem.orAddress(d.out, addr, 4)) {
            return true;
        }
        var out = d.out;
        int subsys = h.type() >> 8;
        int raw = d.mem.u16(addr + 2);
        int resId = Integer.reverseBytes(raw) >>> 16;
        Xlat.table("addrfams").value(out.append("{nfgen_family="), d.mem.u8(addr), "AF_???");
        Xlat.table("netfilter_versions").value(out.append(", version="), d.mem.u8(addr + 1), "NFNETLINK_???");
        out.append(", res_id=");
        // nftables once sent res_id in host order (linux v4.3-rc1~28^2~47^2~1)
        if (subsys == NFNL_SUBSYS_NFTABLES && resId == NFNL_SUBSYS_NFTABLES) {
            ConstStyle.value(out, raw, true, "htons(NFNL_SUBSYS_NFTABLES)", null);
        } else if (subsys == NFNL_SUBSYS_NFTABLES && raw == NFNL_SUBSYS_NFTABLES) {
            ConstStyle.value(out, raw, true, "NFNL_SUBSYS_NFTABLES", null);
        } else {
            out.append("htons(").append(resId).append(')');
        }
        out.append('}');
        if (len > 4) {
            out.append(", ");
            if (h.type() >= 16 && h.type() <= 17 || h.type() < NetlinkDecoder.NLMSG_MIN_TYPE) {
                d.hex(addr + 4, len - 4);   // NFNL_MSG_BATCH_BEGIN, NFNL_MSG_BATCH_END
            } else {
                Nlattr.decode(d, addr + 4, len - 4, Xlat.table(""), null, (Nlattr.Decoder[]) null);
            }
        }
        return true;
    }

    /** SELNL_MSG_SETENFORCE {val=} and SELNL_MSG_POLICYLOAD {seqno=}. */
    private static boolean selinux(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        String field = switch (h.type()) {
            case 0x10 -> "val";
            case 0x11 -> "seqno";
            default -> null;
        };
        if (field == null) {
            return false;
        }
        if (len < 4) {
            d.hex(addr, len);
        } else if (d.mem.orAddress(d.out, addr, 4)) {
            d.out.append('{').append(field).append('=');
            if (h.type() == 0x10) {
                d.out.append(d.mem.s32(addr));
            } else {
                d.out.append(d.mem.u32(addr));
            }
            d.out.append('}');
        }
        return true;
    }
}
