package io.jtrace.analyzer.render.netlink;

/** NETLINK_SOCK_DIAG requests and answers (strace's netlink_sock_diag.c). */
final class SockDiag {
    private SockDiag() {
    }

    static boolean decode(NetlinkDecoder d, NetlinkDecoder.Header h, long addr, long len) {
        return false;
    }
}
