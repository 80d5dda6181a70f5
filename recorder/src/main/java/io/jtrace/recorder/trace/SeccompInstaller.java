package io.jtrace.recorder.trace;

import static io.jtrace.recorder.ptrace.PtraceConstants.*;

import io.jtrace.recorder.ptrace.Arch;
import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.Native;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.RemoteSyscall;
import io.jtrace.recorder.ptrace.SeccompProgram;
import io.jtrace.recorder.ptrace.SyscallReader;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * {@code --seccomp-bpf}: gives the launch trampoline its seccomp filter just before it execs the
 * command. A JVM cannot run code between fork and exec, so the trampoline is run traced (as
 * without the flag, every stop through the event loop) up to the syscall-entry stop of its first
 * execve; there it is made to call seccomp(SECCOMP_SET_MODE_FILTER) itself, preceded by
 * prctl(PR_SET_NO_NEW_PRIVS) when it lacks CAP_SYS_ADMIN (EACCES), and the execve is then issued
 * again under the filter. The command and every process it creates inherit the filter.
 *
 * <p>The filter traps the recorded calls plus clone and clone3, whose entry arguments name a new
 * task's flags; fork, vfork, exec and exit reach the tracer as PTRACE_EVENT_* stops anyway.
 */
final class SeccompInstaller {
    // x86_64 numbers and flags (RemoteSyscall is x86_64-only).
    private static final long SYS_PRCTL = 157;
    private static final long SYS_SECCOMP = 317;
    private static final long PR_SET_NO_NEW_PRIVS = 38;
    private static final long SECCOMP_SET_MODE_FILTER = 1;
    private static final int EACCES = 13;

    private final EventLoop loop;
    private final Arch arch;

    SeccompInstaller(EventLoop loop) {
        this.loop = loop;
        this.arch = loop.ptrace.arch();
    }

    /** {@code t}: the seized trampoline, released from its stop; returns once the filter is in and the exec resumed. */
    void installBeforeExec(Tracee t, String command) throws AttachException {
        while (true) {
            loop.ptrace.wait4(t.tid, EventLoop.WAIT_FLAGS);
            int status = loop.ptrace.lastStatus();
            if (atExecEntry(t, status)) {
                break;
            }
            loop.handle(t.tid, status, System.nanoTime());
            if (!loop.tracees.containsKey(t.tid)) {
                throw new AttachException("cannot start " + command + ": /bin/sh ended before exec");
            }
        }
        try {
            install(t.tid);
        } catch (RuntimeException e) {
            Native.libc().kill(t.tid, SIGKILL); // still our trampoline, not yet the user's program
            loop.ptrace.wait4(t.tid, WALL);
            loop.tracees.remove(t.tid);
            throw new AttachException("cannot start " + command + " with --seccomp-bpf: " + e.getMessage(), e);
        }
        loop.seccompActive = true;
        loop.resume(t, 0); // PTRACE_CONT: the execve runs again, under the filter
    }

    private boolean atExecEntry(Tracee t, int status) {
        if (!WaitStatus.stopped(status) || WaitStatus.stopSignal(status) != (SIGTRAP | 0x80) || t.inSyscall) {
            return false;
        }
        try {
            return loop.reader.read(t.tid, false) == SyscallReader.ENTRY && loop.reader.nativeArch()
                && (loop.reader.nr() == arch.execveNr() || loop.reader.nr() == arch.execveatNr());
        } catch (NativeException e) {
            return false; // killed under us: the event loop hears of its death next
        }
    }

    private void install(int tid) {
        RemoteSyscall remote = new RemoteSyscall(loop.ptrace, tid);
        int[] trapped = IntStream.concat(IntStream.of(loop.options.filter().numbers()),
            IntStream.of(arch.cloneNr(), arch.clone3Nr())).toArray();
        byte[] program = SeccompProgram.tracing(arch.auditArch(), trapped);
        long filter = remote.push(program);
        // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
        byte[] fprog = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putShort(0, (short) (program.length / SeccompProgram.INSN_SIZE)).putLong(8, filter).array();
        long prog = remote.push(fprog);
        long rc = remote.call(SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, 0, prog);
        if (rc == -EACCES) {
            check(remote.call(SYS_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)");
            rc = remote.call(SYS_SECCOMP, SECCOMP_SET_MODE_FILTER, 0, prog);
        }
        check(rc, "seccomp(SECCOMP_SET_MODE_FILTER)");
        remote.restore();
    }

    private static void check(long rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed in the tracee: " + (rc < 0 ? Errno.describe((int) -rc) : "returned " + rc));
        }
    }
}
