package io.jtrace.recorder.ptrace;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A classic-BPF seccomp program (an array of {@code struct sock_filter}) that returns
 * SECCOMP_RET_TRACE for a set of native syscall numbers and SECCOMP_RET_ALLOW for everything
 * else, including every call of another ABI (i386 through int 0x80: its numbers belong to another
 * table, and the tracer records native calls only; x32 numbers carry bit 30 and match no entry).
 *
 * <p>Shape, as strace's filter_seccomp.c: check {@code seccomp_data.arch} first, then load
 * {@code seccomp_data.nr} and test it against each run of consecutive numbers. Every test jumps at
 * most two instructions, so the 8-bit jump offsets never overflow whatever the set.
 */
public final class SeccompProgram {
    public static final int SECCOMP_RET_ALLOW = 0x7fff0000;
    public static final int SECCOMP_RET_TRACE = 0x7ff00000;
    /** One {@code struct sock_filter}: u16 code, u8 jt, u8 jf, u32 k. */
    public static final int INSN_SIZE = 8;

    static final int BPF_LD_W_ABS = 0x20;
    static final int BPF_JEQ_K = 0x15;
    static final int BPF_JGT_K = 0x25;
    static final int BPF_JGE_K = 0x35;
    static final int BPF_RET_K = 0x06;
    private static final int BPF_MAXINSNS = 4096;
    // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6].
    private static final int OFF_NR = 0;
    private static final int OFF_ARCH = 4;

    private final ByteBuffer code;

    private SeccompProgram(int capacity) {
        code = ByteBuffer.allocate(capacity * INSN_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The program for {@code auditArch} (AUDIT_ARCH_*) trapping {@code numbers} (any order, duplicates allowed). */
    public static byte[] tracing(int auditArch, int[] numbers) {
        int[] nrs = Arrays.stream(numbers).filter(n -> n >= 0).sorted().distinct().toArray();
        SeccompProgram p = new SeccompProgram(4 + 3 * Math.max(1, nrs.length));
        p.insn(BPF_LD_W_ABS, 0, 0, OFF_ARCH);
        p.insn(BPF_JEQ_K, 1, 0, auditArch);
        p.insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW);
        p.insn(BPF_LD_W_ABS, 0, 0, OFF_NR);
        for (int i = 0; i < nrs.length; ) {
            int lo = nrs[i];
            int hi = lo;
            while (i + 1 < nrs.length && nrs[i + 1] == hi + 1) {
                hi = nrs[++i];
            }
            i++;
            if (lo == hi) {
                p.insn(BPF_JEQ_K, 0, 1, lo);             // nr == lo ? trace : next run
            } else {
                p.insn(BPF_JGE_K, 0, 2, lo);             // nr < lo ? next run
                p.insn(BPF_JGT_K, 1, 0, hi);             // nr > hi ? next run : trace
            }
            p.insn(BPF_RET_K, 0, 0, SECCOMP_RET_TRACE);
        }
        p.insn(BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW);
        byte[] out = Arrays.copyOf(p.code.array(), p.code.position());
        if (out.length / INSN_SIZE > BPF_MAXINSNS) {
            throw new IllegalArgumentException("seccomp program too long: " + out.length / INSN_SIZE + " instructions");
        }
        return out;
    }

    private void insn(int op, int jt, int jf, int k) {
        code.putShort((short) op).put((byte) jt).put((byte) jf).putInt(k);
    }
}
