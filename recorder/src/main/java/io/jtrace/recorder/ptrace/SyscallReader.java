package io.jtrace.recorder.ptrace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Reads a syscall-stop: number and arguments at entry, return value at exit. One
 * PTRACE_GET_SYSCALL_INFO call (Linux 5.3+) answers both and tells entry from exit; without it,
 * one register read does, and the caller's bookkeeping says which side of the call this is.
 * Results stay in this reusable object until the next read.
 */
public final class SyscallReader {
    public static final int ENTRY = PTRACE_SYSCALL_INFO_ENTRY;
    public static final int EXIT = PTRACE_SYSCALL_INFO_EXIT;

    // struct ptrace_syscall_info: op u8, pad[3], arch u32, ip u64, sp u64, then the union at 24.
    private static final int INFO_SIZE = 88;
    private static final int OFF_OP = 0;
    private static final int OFF_ARCH = 4;
    private static final int OFF_NR_OR_RVAL = 24;
    private static final int OFF_ARGS = 32;

    private final Ptrace ptrace;
    private final Arch arch;
    private final Pointer info = Memory.allocateDirect(Native.runtime(), INFO_SIZE);
    private final Pointer regs;
    private boolean infoSupported = true;

    private int op;
    private long nr;
    private final long[] args = new long[6];
    private long returnValue;
    private boolean nativeArch;

    public SyscallReader(Ptrace ptrace) {
        this.ptrace = ptrace;
        this.arch = ptrace.arch();
        this.regs = Memory.allocateDirect(Native.runtime(), arch.registersSize());
    }

    /**
     * Reads the current syscall-stop of {@code tid}. {@code expectExit} is only consulted when the
     * kernel cannot say itself. Returns {@link #ENTRY} or {@link #EXIT}; throws
     * {@link NativeException} (ESRCH) when the tracee vanished.
     */
    public int read(int tid, boolean expectExit) {
        if (infoSupported) {
            long rc = ptrace.tryRequest(PTRACE_GET_SYSCALL_INFO, tid, INFO_SIZE, info.address());
            if (rc > 0) {
                return decodeInfo(expectExit);
            }
            if (rc != -Errno.EIO && rc != -Errno.EINVAL) {
                throw new NativeException("ptrace(PTRACE_GET_SYSCALL_INFO, " + tid + ")", (int) -rc);
            }
            infoSupported = false; // kernel older than 5.3
        }
        arch.fetchRegisters(ptrace, tid, regs);
        nativeArch = true;
        nr = arch.syscallNumber(regs);
        if (expectExit) {
            returnValue = arch.returnValue(regs);
            return op = EXIT;
        }
        for (int i = 0; i < 6; i++) {
            args[i] = arch.argument(regs, i);
        }
        return op = ENTRY;
    }

    private int decodeInfo(boolean expectExit) {
        op = info.getByte(OFF_OP) & 0xff;
        nativeArch = info.getInt(OFF_ARCH) == arch.auditArch();
        if (op == ENTRY || op == PTRACE_SYSCALL_INFO_SECCOMP) {
            // A PTRACE_EVENT_SECCOMP stop is the entry in seccomp mode; its union starts like the entry's.
            op = ENTRY;
            nr = info.getLong(OFF_NR_OR_RVAL);
            for (int i = 0; i < 6; i++) {
                args[i] = info.getLong(OFF_ARGS + 8L * i);
            }
        } else if (op == EXIT) {
            returnValue = info.getLong(OFF_NR_OR_RVAL);
        } else {
            // Not a syscall-stop after all (should not happen with TRACESYSGOOD): trust bookkeeping.
            op = expectExit ? EXIT : ENTRY;
        }
        return op;
    }

    public int op() {
        return op;
    }

    /** Syscall number; valid after an entry read (and after an exit read in register mode). */
    public long nr() {
        return nr;
    }

    public long arg(int i) {
        return args[i];
    }

    public void copyArgs(long[] into) {
        System.arraycopy(args, 0, into, 0, 6);
    }

    public long returnValue() {
        return returnValue;
    }

    /** False for a 32-bit (compat) syscall of an x86_64 tracee: its numbers belong to another table. */
    public boolean nativeArch() {
        return nativeArch;
    }

    public boolean usesSyscallInfo() {
        return infoSupported;
    }
}
