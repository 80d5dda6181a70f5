package io.jtrace.analyzer.render;

import io.jtrace.analyzer.trace.PidNamespaceIds;
import java.nio.ByteBuffer;

/**
 * clone as strace's clone.c prints it on x86_64, whose argument order is flags, stack, parent_tid,
 * child_tid, tls: {@code clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD,
 * child_tidptr=0x7f...) = 3495}. The pointers the flags make meaningful print at exit, parent_tid as the
 * tid the kernel stored there (the recorder copies it).
 */
final class Clones {
    private Clones() {
    }

    private static final long CSIGNAL = 0xff;
    private static final long CLONE_PIDFD = 0x1000;
    private static final long CLONE_SETTLS = 0x80000;
    private static final long CLONE_PARENT_SETTID = 0x100000;
    private static final long CLONE_CHILD_CLEARTID = 0x200000;
    private static final long CLONE_CHILD_SETTID = 0x1000000;

    static final Flags FLAGS = Flags.of("CLONE_???", "CLONE_VM", 0x100, "CLONE_FS", 0x200, "CLONE_FILES", 0x400,
            "CLONE_SIGHAND", 0x800, "CLONE_PIDFD", 0x1000, "CLONE_PTRACE", 0x2000, "CLONE_VFORK", 0x4000,
            "CLONE_PARENT", 0x8000, "CLONE_THREAD", 0x10000, "CLONE_NEWNS", 0x20000, "CLONE_SYSVSEM", 0x40000,
            "CLONE_SETTLS", 0x80000, "CLONE_PARENT_SETTID", 0x100000, "CLONE_CHILD_CLEARTID", 0x200000,
            "CLONE_UNTRACED", 0x800000, "CLONE_CHILD_SETTID", 0x1000000, "CLONE_NEWCGROUP", 0x2000000,
            "CLONE_NEWUTS", 0x4000000, "CLONE_NEWIPC", 0x8000000, "CLONE_NEWUSER", 0x10000000,
            "CLONE_NEWPID", 0x20000000, "CLONE_NEWNET", 0x40000000, "CLONE_IO", 0x80000000L);

    /** At entry: the stack and the flags, with the exit signal. */
    static final Arg ENTRY = Arg.in((c, i, out) -> {
        Formats.pointer(out.append("child_stack="), c.arg(1));
        long flags = c.arg(0) & ~CSIGNAL;
        int sig = (int) (c.arg(0) & CSIGNAL);
        out.append(", flags=");
        if (flags != 0) {
            FLAGS.flags(out, flags);
            if (sig != 0) {
                Siginfo.signal(out.append('|'), c.arch.signals, sig);
            }
        } else {
            Siginfo.signal(out, c.arch.signals, sig);
        }
    });

    /** At exit: parent_tid, tls and child_tidptr, each when a flag says the kernel uses it. */
    static final Arg EXIT = Arg.out((c, i, out) -> {
        long flags = c.arg(0) & ~CSIGNAL;
        String sep = "";
        if ((flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
            out.append("parent_tid=");
            ByteBuffer b = Umove.orAddress(c, out, c.atExit(2), c.arg(2), Integer.BYTES, true);
            if (b != null) {
                out.append('[');
                if ((flags & CLONE_PARENT_SETTID) != 0) {
                    c.pid(out, b.getInt(0), PidNamespaceIds.Type.TID);
                } else {
                    c.fd(out, b.getInt(0));
                }
                out.append(']');
            }
            sep = ", ";
        }
        if ((flags & CLONE_SETTLS) != 0) {
            Formats.pointer(out.append(sep).append("tls="), c.arg(4));
            sep = ", ";
        }
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            Formats.pointer(out.append(sep).append("child_tidptr="), c.arg(3));
        }
    });

    /** A pid or tid result, as strace's RVAL_TGID and RVAL_TID: with --decode-pids=comm its name. */
    static Decoders.Ret pidResult(PidNamespaceIds.Type type) {
        return (c, out) -> c.pid(out, (int) c.ret(), type);
    }
}
