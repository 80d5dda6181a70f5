package io.jtrace.analyzer.render.netlink;

/** The payload decoders of the netlink protocols strace knows (its netlink_decoders[] table). */
final class Payloads {
    private Payloads() {
    }

    /** Decodes a message's payload by the socket's protocol; false when it has no decoder for it. */
    static boolean decode(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        return switch (d.family) {
            case MessageTypes.NETLINK_SELINUX -> selinux(d, h, addr, len);
            case MessageTypes.NETLINK_SOCK_DIAG -> SockDiag.decode(d, h, addr, len);
            default -> false;
        };
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
