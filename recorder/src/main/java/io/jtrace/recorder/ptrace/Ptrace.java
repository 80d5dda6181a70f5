package io.jtrace.recorder.ptrace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Thin ptrace/wait4 wrapper: -1 + errno becomes a {@link NativeException}. Not thread-safe and,
 * like ptrace itself, only meaningful on the thread that attached the tracees.
 */
public final class Ptrace {
    private final LibC libc = Native.libc();
    private final Arch arch;
    private final Pointer word = Memory.allocateDirect(Native.runtime(), 8);
    private final Pointer siginfo = Memory.allocateDirect(Native.runtime(), SIGINFO_SIZE);
    // wait4's int *wstatus, allocated once: a by-reference object would be marshalled at every stop
    private final Pointer status = Memory.allocateDirect(Native.runtime(), 4);

    public Ptrace(Arch arch) {
        this.arch = arch;
    }

    public Arch arch() {
        return arch;
    }

    /** The raw request; returns the kernel's non-negative result. */
    public long request(int request, int tid, long addr, long data) {
        long rc = libc.syscall(arch.ptraceSyscallNumber(), request, tid, addr, data);
        if (rc == -1) {
            throw new NativeException("ptrace(" + requestName(request) + ", " + tid + ")", Native.errno());
        }
        return rc;
    }

    /** Like {@link #request} but returns -errno instead of throwing: for the hot path and expected failures. */
    public long tryRequest(int request, int tid, long addr, long data) {
        long rc = libc.syscall(arch.ptraceSyscallNumber(), request, tid, addr, data);
        return rc == -1 ? -Native.errno() : rc;
    }

    public void seize(int tid, int options) {
        request(PTRACE_SEIZE, tid, 0, options);
    }

    public void interrupt(int tid) {
        request(PTRACE_INTERRUPT, tid, 0, 0);
    }

    /** Restarts until the next syscall-stop, delivering {@code signal} (0 = none). */
    public void syscall(int tid, int signal) {
        request(PTRACE_SYSCALL, tid, 0, signal);
    }

    /** Restarts without syscall-stops (seccomp mode: only PTRACE_EVENT_SECCOMP stops at a syscall). */
    public void cont(int tid, int signal) {
        request(PTRACE_CONT, tid, 0, signal);
    }

    /** Keeps a tracee in group-stop while letting the tracer learn of SIGCONT. */
    public void listen(int tid) {
        request(PTRACE_LISTEN, tid, 0, 0);
    }

    public void detach(int tid, int signal) {
        request(PTRACE_DETACH, tid, 0, signal);
    }

    public long eventMessage(int tid) {
        request(PTRACE_GETEVENTMSG, tid, 0, word.address());
        return word.getLong(0);
    }

    /** The raw siginfo_t of a signal-delivery-stop; empty when the stop has none. */
    public byte[] sigInfo(int tid) {
        if (tryRequest(PTRACE_GETSIGINFO, tid, 0, siginfo.address()) < 0) {
            return new byte[0];
        }
        byte[] out = new byte[SIGINFO_SIZE];
        siginfo.get(0, out, 0, out.length);
        return out;
    }

    /** One word of tracee memory, or throws with the errno (EIO/EFAULT when unmapped). */
    public long peekData(int tid, long address) {
        request(PTRACE_PEEKDATA, tid, address, word.address());
        return word.getLong(0);
    }

    /** Writes one word of tracee memory (also into read-only mappings, as a debugger sets breakpoints). */
    public void pokeData(int tid, long address, long value) {
        request(PTRACE_POKEDATA, tid, address, value);
    }

    /** Writes one word of the tracee's user area (struct user): a register, at its offset in user_regs_struct. */
    public void pokeUser(int tid, long offset, long value) {
        request(PTRACE_POKEUSER, tid, offset, value);
    }

    /** wait4(pid, &status, options); returns the tid, or 0 under WNOHANG; the status via {@link #lastStatus()}. */
    public int wait4(int pid, int options) {
        int rc;
        do {
            rc = wait4Interruptibly(pid, options);
        } while (rc < 0);
        return rc;
    }

    /** Like {@link #wait4} but returns -1 when a signal interrupted the wait (see {@code Wakeup}). */
    public int wait4Interruptibly(int pid, int options) {
        int rc = libc.wait4(pid, status, options, null);
        if (rc >= 0) {
            return rc;
        }
        int errno = Native.errno();
        if (errno != Errno.EINTR) {
            throw new NativeException("wait4(" + pid + ")", errno);
        }
        return -1;
    }

    public int lastStatus() {
        return status.getInt(0);
    }
}
