package io.jtrace.analyzer.render.netlink;

import io.jtrace.analyzer.render.BpfFilter;
import io.jtrace.analyzer.render.Formats;

/**
 * A classic BPF socket filter program (struct sock_filter[]) as strace's bpf_filter.c and
 * bpf_sock_filter.c print it under -v: {@code [BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PKTTYPE),
 * BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x4, 0, 0x1), ...]}; its address otherwise.
 */
final class SockFilter {
    private SockFilter() {
    }

    private static final int SIZE = 8;

    /** PACKET_DIAG_FILTER: false (hex) when it holds no instruction or more than 65535. */
    static final Nlattr.Decoder PROGRAM = (d, addr, len) -> {
        long n = len / SIZE;
        if (n == 0 || n > 0xffff) {
            return false;
        }
        if (d.abbrev) {
            Formats.pointer(d.out, addr);
            return true;
        }
        return Nlattr.array(SIZE, SockFilter::instruction).decode(d, addr, n * SIZE);
    };

    private static void instruction(NetlinkDecoder d, long a) {
        BpfFilter.classic(d.out, d.mem.u16(a), d.mem.u8(a + 2), d.mem.u8(a + 3), d.mem.u32(a + 4));
    }
}
