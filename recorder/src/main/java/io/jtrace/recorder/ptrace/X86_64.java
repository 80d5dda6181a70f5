package io.jtrace.recorder.ptrace;

import jnr.ffi.Pointer;

/** x86_64: {@code struct user_regs_struct} offsets and syscall numbers. */
public final class X86_64 implements Arch {
    public static final X86_64 INSTANCE = new X86_64();

    // Byte offsets in struct user_regs_struct (27 unsigned longs).
    static final int R10 = 56;
    static final int R9 = 64;
    static final int R8 = 72;
    static final int RAX = 80;
    static final int RDX = 96;
    static final int RSI = 104;
    static final int RDI = 112;
    static final int ORIG_RAX = 120;
    static final int RIP = 128;
    static final int RSP = 152;
    static final int USER_REGS_SIZE = 27 * 8;

    // Syscall argument registers in order (the kernel ABI uses r10 where the C ABI uses rcx).
    private static final int[] ARGS = {RDI, RSI, RDX, R10, R8, R9};

    private X86_64() {
    }

    @Override
    public String name() {
        return "x86_64";
    }

    @Override
    public int auditArch() {
        return 0xC000003E;
    }

    @Override
    public long ptraceSyscallNumber() {
        return LibC.SYS_PTRACE_X86_64;
    }

    @Override
    public int registersSize() {
        return USER_REGS_SIZE;
    }

    @Override
    public void fetchRegisters(Ptrace ptrace, int tid, Pointer regs) {
        ptrace.request(PtraceConstants.PTRACE_GETREGS, tid, 0, regs.address());
    }

    @Override
    public long syscallNumber(Pointer regs) {
        return regs.getLong(ORIG_RAX);
    }

    @Override
    public long argument(Pointer regs, int index) {
        return regs.getLong(ARGS[index]);
    }

    @Override
    public long returnValue(Pointer regs) {
        return regs.getLong(RAX);
    }

    @Override
    public int syscallNumberUserOffset() {
        return ORIG_RAX; // struct user starts with user_regs_struct
    }

    @Override
    public int returnValueUserOffset() {
        return RAX;
    }

    @Override
    public int cloneNr() {
        return 56;
    }

    @Override
    public int clone3Nr() {
        return 435;
    }

    @Override
    public int execveNr() {
        return 59;
    }

    @Override
    public int execveatNr() {
        return 322;
    }
}
