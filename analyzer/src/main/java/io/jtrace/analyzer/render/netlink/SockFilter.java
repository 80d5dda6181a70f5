package io.jtrace.analyzer.render.netlink;

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
    private static final int BPF_LD = 0;
    private static final int BPF_LDX = 1;
    private static final int BPF_ST = 2;
    private static final int BPF_STX = 3;
    private static final int BPF_ALU = 4;
    private static final int BPF_JMP = 5;
    private static final int BPF_RET = 6;
    private static final int BPF_MISC = 7;
    private static final int BPF_ABS = 0x20;
    private static final long SKF_AD_OFF = 0xfffff000L;
    private static final long SKF_NET_OFF = 0xfff00000L;
    private static final long SKF_LL_OFF = 0xffe00000L;

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
        int code = d.mem.u16(a);
        int jt = d.mem.u8(a + 2);
        int jf = d.mem.u8(a + 3);
        long k = d.mem.u32(a + 4);
        if (jt != 0 || jf != 0) {
            d.out.append("BPF_JUMP(");
            code(d, code);
            Formats.hex(d.out.append(", "), k);
            Formats.hex(d.out.append(", "), jt);
            Formats.hex(d.out.append(", "), jf).append(')');
            return;
        }
        d.out.append("BPF_STMT(");
        code(d, code);
        d.out.append(", ");
        if ((code & 7) == BPF_LD && (code & 0xe0) == BPF_ABS && k >= SKF_LL_OFF) {
            if (k >= SKF_AD_OFF) {
                Xlat.table("skf_ad").value(d.out.append("SKF_AD_OFF+"), k - SKF_AD_OFF, "SKF_AD_???");
            } else if (k >= SKF_NET_OFF) {
                d.out.append("SKF_NET_OFF+").append(k - SKF_NET_OFF);
            } else {
                d.out.append("SKF_LL_OFF+").append(k - SKF_LL_OFF);
            }
        } else {
            Formats.hex(d.out, k);
        }
        d.out.append(')');
    }

    /** print_bpf_filter_code of a classic instruction: its class, then the fields the class has. */
    private static void code(NetlinkDecoder d, int code) {
        int cls = code & 7;
        int rest = code & ~7;
        Xlat.table("bpf_class").value(d.out, cls, "BPF_???");
        switch (cls) {
            case BPF_LD, BPF_LDX -> {
                Xlat.table("bpf_size").value(d.out.append('|'), code & 0x18, "BPF_???");
                Xlat.table("bpf_mode").value(d.out.append('|'), code & 0xe0, "BPF_???");
            }
            case BPF_ST, BPF_STX -> unknown(d, rest);
            case BPF_MISC -> {
                Xlat.table("bpf_miscop").value(d.out.append('|'), code & 0xf8, "BPF_???");
                unknown(d, rest & ~(code & 0xf8));
            }
            case BPF_ALU, BPF_JMP -> {
                Xlat.table("bpf_src").value(d.out.append('|'), code & 0x08, "BPF_???");
                Xlat.table(cls == BPF_ALU ? "bpf_op_alu" : "bpf_op_jmp").value(d.out.append('|'), code & 0xf0,
                        "BPF_???");
            }
            default -> {   // BPF_RET
                Xlat.table("bpf_rval").value(d.out.append('|'), code & 0x18, "BPF_???");
                unknown(d, rest & ~(code & 0x18));
            }
        }
    }

    private static void unknown(NetlinkDecoder d, int bits) {
        if (bits != 0) {
            Formats.hex(d.out.append('|'), bits).append(" /* BPF_??? */");
        }
    }
}
