package io.jtrace.recorder.ptrace;

import static io.jtrace.recorder.ptrace.SeccompProgram.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The filter's verdict for every number, run through a classic-BPF interpreter of the instructions it uses. */
class SeccompProgramTest {
    private static final int X86_64 = 0xC000003E;
    private static final int I386 = 0x40000003;

    @Test
    void tracesExactlyTheGivenNumbersOfItsOwnArchitecture() {
        int[][] sets = {{}, {1}, {0, 1, 2, 3, 45, 46, 47, 288, 435}, {5, 3, 3, 1}, IntStream.range(0, 1024).toArray(),
            IntStream.range(0, 1024).filter(n -> n % 2 == 0).toArray()};
        for (int[] set : sets) {
            byte[] program = tracing(X86_64, set);
            assertTrue(program.length / INSN_SIZE <= 4096, "BPF_MAXINSNS");
            for (int nr = 0; nr < 1100; nr++) {
                int n = nr;
                int expected = Arrays.stream(set).anyMatch(s -> s == n) ? SECCOMP_RET_TRACE : SECCOMP_RET_ALLOW;
                assertEquals(expected, run(program, nr, X86_64), "nr " + nr + " of " + Arrays.toString(set));
                assertEquals(SECCOMP_RET_ALLOW, run(program, nr, I386), "i386 nr " + nr);
            }
            assertEquals(SECCOMP_RET_ALLOW, run(program, 0x40000000 | 1, X86_64), "x32 write");
        }
    }

    /** Interprets ld [k], jeq/jgt/jge #k and ret #k over struct seccomp_data {nr, arch}. */
    private static int run(byte[] program, int nr, int arch) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int acc = 0;
        int pc = 0;
        while (true) {
            int at = pc * INSN_SIZE;
            int op = code.getShort(at) & 0xffff;
            int jt = code.get(at + 2) & 0xff;
            int jf = code.get(at + 3) & 0xff;
            int k = code.getInt(at + 4);
            pc++;
            switch (op) {
                case BPF_LD_W_ABS -> acc = k == 0 ? nr : k == 4 ? arch : fail(k);
                case BPF_JEQ_K -> pc += acc == k ? jt : jf;
                case BPF_JGT_K -> pc += Integer.compareUnsigned(acc, k) > 0 ? jt : jf;
                case BPF_JGE_K -> pc += Integer.compareUnsigned(acc, k) >= 0 ? jt : jf;
                case BPF_RET_K -> {
                    return k;
                }
                default -> fail(op);
            }
        }
    }

    private static int fail(int what) {
        throw new AssertionError("unexpected " + what);
    }
}
