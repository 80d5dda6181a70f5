package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;

/**
 * BPF programs as strace 6.1 prints them under -v: classic programs (bpf_filter.c and
 * bpf_sock_filter.c, {@code BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL)}) and eBPF
 * instructions (bpf.c's print_ebpf_insn, {@code {code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_0, ...}});
 * abbreviated, a program prints as its address.
 */
public final class BpfFilter {
    /** BPF_MAXINSNS: strace stops there with "...". */
    private static final int MAX_INSNS = 4096;
    private static final int INSN_SIZE = 8;
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

    private static final Flags CLASS = Flags.of("BPF_???", "BPF_LD", 0, "BPF_LDX", 1, "BPF_ST", 2, "BPF_STX", 3,
            "BPF_ALU", 4, "BPF_JMP", 5, "BPF_RET", 6, "BPF_MISC", 7);
    private static final Flags EBPF_CLASS = Flags.of("BPF_???", "BPF_LD", 0, "BPF_LDX", 1, "BPF_ST", 2, "BPF_STX", 3,
            "BPF_ALU", 4, "BPF_JMP", 5, "BPF_JMP32", 6, "BPF_ALU64", 7);
    private static final Flags SIZE = Flags.of("BPF_???", "BPF_W", 0, "BPF_H", 0x08, "BPF_B", 0x10, "BPF_DW", 0x18);
    private static final Flags MODE = Flags.of("BPF_???", "BPF_IMM", 0, "BPF_ABS", 0x20, "BPF_IND", 0x40,
            "BPF_MEM", 0x60, "BPF_LEN", 0x80, "BPF_MSH", 0xa0, "BPF_XADD", 0xc0);
    private static final Flags EBPF_MODE = Flags.of("BPF_???", "BPF_IMM", 0, "BPF_ABS", 0x20, "BPF_IND", 0x40,
            "BPF_MEM", 0x60, "BPF_XADD", 0xc0);
    private static final Flags OP_ALU = Flags.of("BPF_???", "BPF_ADD", 0, "BPF_SUB", 0x10, "BPF_MUL", 0x20,
            "BPF_DIV", 0x30, "BPF_OR", 0x40, "BPF_AND", 0x50, "BPF_LSH", 0x60, "BPF_RSH", 0x70, "BPF_NEG", 0x80,
            "BPF_MOD", 0x90, "BPF_XOR", 0xa0, "BPF_MOV", 0xb0, "BPF_ARSH", 0xc0, "BPF_END", 0xd0);
    private static final Flags OP_JMP = Flags.of("BPF_???", "BPF_JA", 0, "BPF_JEQ", 0x10, "BPF_JGT", 0x20,
            "BPF_JGE", 0x30, "BPF_JSET", 0x40, "BPF_JNE", 0x50, "BPF_JSGT", 0x60, "BPF_JSGE", 0x70, "BPF_CALL", 0x80,
            "BPF_EXIT", 0x90, "BPF_JLT", 0xa0, "BPF_JLE", 0xb0, "BPF_JSLT", 0xc0, "BPF_JSLE", 0xd0);
    private static final Flags SRC = Flags.of("BPF_???", "BPF_K", 0, "BPF_X", 0x08);
    private static final Flags RVAL = Flags.of("BPF_???", "BPF_K", 0, "BPF_X", 0x08, "BPF_A", 0x10);
    private static final Flags MISCOP = Flags.of("BPF_???", "BPF_TAX", 0, "BPF_TXA", 0x80);
    private static final Flags SKF_AD = Flags.of("SKF_AD_???", "SKF_AD_PROTOCOL", 0, "SKF_AD_PKTTYPE", 4,
            "SKF_AD_IFINDEX", 8, "SKF_AD_NLATTR", 12, "SKF_AD_NLATTR_NEST", 16, "SKF_AD_MARK", 20,
            "SKF_AD_QUEUE", 24, "SKF_AD_HATYPE", 28, "SKF_AD_RXHASH", 32, "SKF_AD_CPU", 36, "SKF_AD_ALU_XOR_X", 40,
            "SKF_AD_VLAN_TAG", 44, "SKF_AD_VLAN_TAG_PRESENT", 48, "SKF_AD_PAY_OFFSET", 52, "SKF_AD_RANDOM", 56,
            "SKF_AD_VLAN_TPID", 60);
    private static final Flags REGS = Flags.of("BPF_REG_???", "BPF_REG_0", 0, "BPF_REG_1", 1, "BPF_REG_2", 2,
            "BPF_REG_3", 3, "BPF_REG_4", 4, "BPF_REG_5", 5, "BPF_REG_6", 6, "BPF_REG_7", 7, "BPF_REG_8", 8,
            "BPF_REG_9", 9, "BPF_REG_10", 10);

    private BpfFilter() {
    }

    /** strace's print_sock_fprog: {@code count} struct sock_filter at {@code address}, the address unless -v. */
    static void sockFprog(Call c, LineBuffer out, RecordedBuffer b, long address, long count, boolean atExit) {
        if (c.abbrev()) {
            Formats.pointer(out, address);
            return;
        }
        program(c, out, b, address, count, atExit, BpfFilter::sockFilter);
    }

    /** strace's print_ebpf_prog: {@code count} eBPF instructions at {@code address}, the address unless -v. */
    static void ebpfProg(Call c, LineBuffer out, RecordedBuffer b, long address, long count, boolean atExit) {
        if (c.abbrev()) {
            Formats.pointer(out, address);
            return;
        }
        program(c, out, b, address, count, atExit, BpfFilter::ebpfInsn);
    }

    /** print_array of 8-byte instructions, "..." in place of the one after BPF_MAXINSNS. */
    private static void program(Call c, LineBuffer out, RecordedBuffer b, long address, long count, boolean atExit,
                                Umove.Element element) {
        if (count > MAX_INSNS && Long.compareUnsigned(address + count * INSN_SIZE, address) > 0) {
            Umove.array(c, out, b, address, MAX_INSNS + 1, INSN_SIZE, atExit, (call, o, data, offset) -> {
                if (offset == MAX_INSNS * INSN_SIZE) {
                    o.append("...");
                } else {
                    element.append(call, o, data, offset);
                }
            });
        } else {
            Umove.array(c, out, b, address, count, INSN_SIZE, atExit, element);
        }
    }

    /** One struct sock_filter: BPF_JUMP when jt or jf is set, else BPF_STMT with the socket filter's k. */
    private static void sockFilter(Call c, LineBuffer out, ByteBuffer data, int offset) {
        classic(out, data.getShort(offset) & 0xffff, data.get(offset + 2) & 0xff, data.get(offset + 3) & 0xff,
                data.getInt(offset + 4) & 0xffffffffL);
    }

    /**
     * One classic instruction as bpf_sock_filter.c prints it: BPF_JUMP when jt or jf is set, else BPF_STMT with
     * the socket filter's k ({@code SKF_AD_OFF+SKF_AD_PROTOCOL}). Also netlink's PACKET_DIAG_FILTER.
     */
    public static void classic(LineBuffer out, int code, int jt, int jf, long k) {
        if (jt != 0 || jf != 0) {
            code(out.append("BPF_JUMP("), code, false);
            Formats.hex(out.append(", "), k);
            Formats.hex(out.append(", "), jt);
            Formats.hex(out.append(", "), jf).append(')');
            return;
        }
        code(out.append("BPF_STMT("), code, false);
        out.append(", ");
        if ((code & 7) == BPF_LD && (code & 0xe0) == BPF_ABS && k >= SKF_LL_OFF) {
            long base = k >= SKF_AD_OFF ? SKF_AD_OFF : k >= SKF_NET_OFF ? SKF_NET_OFF : SKF_LL_OFF;
            String name = base == SKF_AD_OFF ? "SKF_AD_OFF" : base == SKF_NET_OFF ? "SKF_NET_OFF" : "SKF_LL_OFF";
            ConstStyle.value(out, base, true, name, null);
            out.append('+');
            if (base == SKF_AD_OFF) {
                SKF_AD.hexValue(out, k - base);
            } else {
                out.append(k - base);
            }
        } else {
            Formats.hex(out, k);
        }
        out.append(')');
    }

    /** One struct bpf_insn: code, dst_reg, src_reg, off, imm. */
    private static void ebpfInsn(Call c, LineBuffer out, ByteBuffer data, int offset) {
        int regs = data.get(offset + 1) & 0xff;
        code(out.append("{code="), data.get(offset) & 0xff, true);
        REGS.hexValue(out.append(", dst_reg="), regs & 0xf);
        REGS.hexValue(out.append(", src_reg="), regs >> 4);
        out.append(", off=").append(data.getShort(offset + 2));
        Formats.hex(out.append(", imm="), data.getInt(offset + 4) & 0xffffffffL).append('}');
    }

    /** strace's print_bpf_filter_code. */
    static void code(LineBuffer out, int code, boolean extended) {
        int cls = code & 7;
        int rest = code & ~7;
        (extended ? EBPF_CLASS : CLASS).hexValue(out, cls);
        switch (cls) {
            case BPF_ST, BPF_STX -> {
                if (!extended) {
                    unknown(out, rest);
                } else {
                    sizeAndMode(out, code, true);
                }
            }
            case BPF_LD, BPF_LDX -> sizeAndMode(out, code, extended);
            case BPF_MISC -> {
                if (!extended) {
                    MISCOP.hexValue(out.append('|'), code & 0xf8);
                    unknown(out, rest & ~0xf8);
                } else {
                    SRC.hexValue(out.append('|'), code & 0x08);
                    OP_ALU.hexValue(out.append('|'), code & 0xf0);
                }
            }
            case BPF_ALU -> {
                SRC.hexValue(out.append('|'), code & 0x08);
                OP_ALU.hexValue(out.append('|'), code & 0xf0);
            }
            case BPF_JMP -> {
                SRC.hexValue(out.append('|'), code & 0x08);
                OP_JMP.hexValue(out.append('|'), code & 0xf0);
            }
            case BPF_RET -> {
                if (!extended) {
                    RVAL.hexValue(out.append('|'), code & 0x18);
                    rest &= ~0x18;
                }
                unknown(out, rest);
            }
            default -> {
            }
        }
    }

    private static void sizeAndMode(LineBuffer out, int code, boolean extended) {
        SIZE.hexValue(out.append('|'), code & 0x18);
        (extended ? EBPF_MODE : MODE).hexValue(out.append('|'), code & 0xe0);
    }

    private static void unknown(LineBuffer out, int bits) {
        if (bits != 0) {
            Formats.hex(out.append('|'), bits).append(" /* BPF_??? */");
        }
    }
}
