package io.jtrace.recorder.ptrace;

import jnr.ffi.Pointer;

/**
 * What differs between architectures: the ptrace syscall number, the register layout used when
 * PTRACE_GET_SYSCALL_INFO is unavailable, and the syscall numbers the tracer itself interprets.
 * An aarch64 implementation reads NT_PRSTATUS through PTRACE_GETREGSET instead of GETREGS.
 */
public interface Arch {
    /** "x86_64": the name written to trace headers. */
    String name();

    /** AUDIT_ARCH_* value PTRACE_GET_SYSCALL_INFO reports for native syscalls. */
    int auditArch();

    long ptraceSyscallNumber();

    /** Bytes of the register block {@link #fetchRegisters} fills. */
    int registersSize();

    void fetchRegisters(Ptrace ptrace, int tid, Pointer regs);

    long syscallNumber(Pointer regs);

    long argument(Pointer regs, int index);

    long returnValue(Pointer regs);

    /**
     * Offset in the user area ({@link Ptrace#pokeUser}) of the register holding the syscall
     * number at a syscall-entry stop: set to -1 there, the kernel skips the call.
     */
    int syscallNumberUserOffset();

    /** Offset in the user area of the register holding the return value at a syscall-exit stop. */
    int returnValueUserOffset();

    /** clone: flags in argument 0. */
    int cloneNr();

    /** clone3: argument 0 points to struct clone_args whose first field is the flags. */
    int clone3Nr();

    /** execve and execveat: where a launched trampoline gets its seccomp filter. */
    int execveNr();

    int execveatNr();

    /** The architecture this JVM runs on. */
    static Arch current() {
        String arch = System.getProperty("os.arch");
        if ("amd64".equals(arch) || "x86_64".equals(arch)) {
            return X86_64.INSTANCE;
        }
        throw new UnsupportedOperationException("jtrace-record supports x86_64 only, not " + arch);
    }
}
