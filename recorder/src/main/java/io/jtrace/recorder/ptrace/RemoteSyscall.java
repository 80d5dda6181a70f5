package io.jtrace.recorder.ptrace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Makes a stopped tracee issue system calls of our choosing, as a debugger's {@code call} does,
 * then puts it back exactly where it was (x86_64).
 *
 * <p>It starts at a syscall-entry stop: the registers are saved, and the first injected call
 * simply replaces the number and arguments of the one about to run (the kernel takes both from
 * the registers after the stop). Each later call starts from the previous one's exit stop: the
 * instruction pointer goes back over the 2-byte {@code syscall} instruction with the new number
 * in rax, so the tracee executes it again. {@link #restore} does the same with the saved registers
 * and the original number: the original call is issued anew when the tracee is resumed.
 * Scratch data goes below the stack pointer, past the 128-byte red zone.
 */
public final class RemoteSyscall {
    private static final int SYSCALL_INSN_LEN = 2;
    private static final int SYSCALL_INSN = 0x050f; // 0f 05, read as a little-endian word
    private static final int INT80_INSN = 0x80cd;   // cd 80: same length, same rewind
    private static final long RED_ZONE = 128;
    private static final int[] ARGS = {X86_64.RDI, X86_64.RSI, X86_64.RDX, X86_64.R10, X86_64.R8, X86_64.R9};

    private final Ptrace ptrace;
    private final int tid;
    private final Pointer saved;
    private final Pointer regs;
    private long scratch;
    private boolean atEntry = true;

    /** {@code tid} must be in a syscall-entry stop, reported to this thread. */
    public RemoteSyscall(Ptrace ptrace, int tid) {
        if (ptrace.arch() != X86_64.INSTANCE) {
            throw new UnsupportedOperationException("syscall injection is implemented for x86_64 only");
        }
        this.ptrace = ptrace;
        this.tid = tid;
        this.saved = Memory.allocateDirect(Native.runtime(), X86_64.USER_REGS_SIZE, true);
        this.regs = Memory.allocateDirect(Native.runtime(), X86_64.USER_REGS_SIZE, true);
        ptrace.request(PTRACE_GETREGS, tid, 0, saved.address());
        int insn = (int) (ptrace.peekData(tid, rip() - SYSCALL_INSN_LEN) & 0xffff);
        if (insn != SYSCALL_INSN && insn != INT80_INSN) {
            throw new IllegalStateException("no syscall instruction before 0x" + Long.toHexString(rip()));
        }
        this.scratch = saved.getLong(X86_64.RSP) - RED_ZONE;
    }

    /** Copies {@code data} below the stack (16-byte aligned) and returns its address in the tracee. */
    public long push(byte[] data) {
        int words = (data.length + 7) / 8;
        scratch = (scratch - 8L * words) & ~15L;
        for (int w = 0; w < words; w++) {
            long value = 0;
            for (int b = 0; b < 8 && 8 * w + b < data.length; b++) {
                value |= (data[8 * w + b] & 0xffL) << (8 * b);
            }
            ptrace.pokeData(tid, scratch + 8L * w, value);
        }
        return scratch;
    }

    /** Runs syscall {@code nr} with {@code args} in the tracee; returns its raw result (-errno on failure). */
    public long call(long nr, long... args) {
        if (atEntry) {
            regs.transferFrom(0, saved, 0, X86_64.USER_REGS_SIZE);
            setCall(nr, args);
            regs.putLong(X86_64.ORIG_RAX, nr);
            setRegs();
        } else {
            rewind(nr);
            setCall(nr, args);
            setRegs();
            step(); // to the entry stop of the re-executed instruction
            atEntry = true;
            ptrace.request(PTRACE_GETREGS, tid, 0, regs.address());
            if (regs.getLong(X86_64.ORIG_RAX) != nr) {
                // a signal handler ran first and made a call of its own: not ours to meddle with
                throw new IllegalStateException("syscall injection interrupted by a signal handler");
            }
        }
        step(); // to its exit stop
        atEntry = false;
        ptrace.request(PTRACE_GETREGS, tid, 0, regs.address());
        return regs.getLong(X86_64.RAX);
    }

    /** Back to the saved state, set to issue the original call again when resumed. */
    public void restore() {
        if (atEntry) {
            return; // nothing was injected: the original call is still about to run
        }
        regs.transferFrom(0, saved, 0, X86_64.USER_REGS_SIZE);
        rewind(saved.getLong(X86_64.ORIG_RAX));
        setRegs();
    }

    private long rip() {
        return saved.getLong(X86_64.RIP);
    }

    private void rewind(long nr) {
        regs.putLong(X86_64.RIP, rip() - SYSCALL_INSN_LEN);
        regs.putLong(X86_64.RAX, nr);
        regs.putLong(X86_64.ORIG_RAX, -1); // at an exit stop: no syscall-restart logic on the way out
    }

    private void setCall(long nr, long[] args) {
        regs.putLong(X86_64.RAX, nr);
        for (int i = 0; i < ARGS.length; i++) {
            regs.putLong(ARGS[i], i < args.length ? args[i] : 0);
        }
    }

    private void setRegs() {
        ptrace.request(PTRACE_SETREGS, tid, 0, regs.address());
    }

    /**
     * PTRACE_SYSCALL to the next syscall-stop. A signal arriving on the way back to user space is
     * delivered as it comes (a handler saves and restores our registers); a death ends the injection.
     */
    private void step() {
        int sig = 0;
        while (true) {
            ptrace.syscall(tid, sig);
            ptrace.wait4(tid, WALL | WNOTHREAD);
            int status = ptrace.lastStatus();
            if (!WaitStatus.stopped(status)) {
                throw new NativeException("process " + tid + " ended during syscall injection", Errno.ESRCH);
            }
            int stop = WaitStatus.stopSignal(status);
            if (stop == (SIGTRAP | 0x80)) {
                return;
            }
            sig = WaitStatus.event(status) == 0 ? stop : 0;
        }
    }
}
