package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
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
                    c.receivedFd(out, b.getInt(0));   // the fd as the recorder saw it at the exit
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

    /** clone_flags, then clone3_flags, as strace's clone3 prints them with printflags_ex. */
    static final Flags CLONE3_FLAGS = Flags.of("CLONE_???", "CLONE_VM", 0x100, "CLONE_FS", 0x200,
            "CLONE_FILES", 0x400, "CLONE_SIGHAND", 0x800, "CLONE_PIDFD", 0x1000, "CLONE_PTRACE", 0x2000,
            "CLONE_VFORK", 0x4000, "CLONE_PARENT", 0x8000, "CLONE_THREAD", 0x10000, "CLONE_NEWNS", 0x20000,
            "CLONE_SYSVSEM", 0x40000, "CLONE_SETTLS", 0x80000, "CLONE_PARENT_SETTID", 0x100000,
            "CLONE_CHILD_CLEARTID", 0x200000, "CLONE_UNTRACED", 0x800000, "CLONE_CHILD_SETTID", 0x1000000,
            "CLONE_NEWCGROUP", 0x2000000, "CLONE_NEWUTS", 0x4000000, "CLONE_NEWIPC", 0x8000000,
            "CLONE_NEWUSER", 0x10000000, "CLONE_NEWPID", 0x20000000, "CLONE_NEWNET", 0x40000000,
            "CLONE_IO", 0x80000000L, "CLONE_NEWTIME", 0x80, "CLONE_CLEAR_SIGHAND", 0x100000000L,
            "CLONE_INTO_CGROUP", 0x200000000L);
    private static final long CLONE_INTO_CGROUP = 0x200000000L;
    /** struct clone_args: up to tls (version 0), and as strace reads it (up to cgroup). */
    private static final int ARGS_VER0 = 64;
    private static final int ARGS = 88;
    private static final int PAGE = 4096;

    /** clone3's struct clone_args, as the caller gave it (strace's clone3 at entry). */
    static final Arg ARGS_IN = Arg.in((c, i, out) -> {
        long address = c.arg(0);
        long size = c.arg(1);
        int fetch = (int) Math.min(size, ARGS);
        if (Long.compareUnsigned(size, ARGS_VER0) < 0) {
            Formats.pointer(out, address);
            return;
        }
        ByteBuffer a = Umove.orAddress(c, out, c.atEntry(0), address, fetch, false);
        if (a == null) {
            return;
        }
        long flags = a.getLong(0);
        CLONE3_FLAGS.flags(out.append("{flags="), flags);
        if ((flags & CLONE_PIDFD) != 0) {
            Formats.pointer(out.append(", pidfd="), a.getLong(8));
        }
        if ((flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) != 0) {
            Formats.pointer(out.append(", child_tid="), a.getLong(16));
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            Formats.pointer(out.append(", parent_tid="), a.getLong(24));
        }
        long exitSignal = a.getLong(32);
        out.append(", exit_signal=");
        if (Long.compareUnsigned(exitSignal, Integer.MAX_VALUE) < 0) {
            Siginfo.signal(out, c.arch.signals, (int) exitSignal);
        } else {
            out.appendUnsigned(exitSignal);
        }
        Formats.pointer(out.append(", stack="), a.getLong(40));
        Formats.hex(out.append(", stack_size="), a.getLong(48));
        if ((flags & CLONE_SETTLS) != 0) {
            Formats.pointer(out.append(", tls="), a.getLong(56));
        }
        if (fetch >= 80) {
            long setTid = a.getLong(64);
            long count = a.getLong(72);
            if (setTid != 0 || count != 0) {
                out.append(", set_tid=");
                if (setTid == 0 || count == 0 || Long.compareUnsigned(count, 32) > 0) {
                    Formats.pointer(out, setTid);
                } else {
                    Umove.array(c, out, c.part(0, io.jtrace.format.proto.Buffer.Part.IOV, 2, false), setTid, count,
                            Integer.BYTES, false, (call, text, data, offset) -> text.append(data.getInt(offset)));
                }
                out.append(", set_tid_size=").appendUnsigned(count);
            }
        }
        if (fetch > 80 && (a.getLong(80) != 0 || (flags & CLONE_INTO_CGROUP) != 0)) {
            out.append(", cgroup=").appendUnsigned(a.getLong(80));
        }
        if (size > fetch) {
            tail(c, out, ", ");
        }
        out.append('}');
    });

    /**
     * What clone3 stored: {@code => {pidfd=[3], parent_tid=[1234]}} after the structure (strace's clone3 at
     * exit). The renderer has put the argument separator before this output; it belongs to the structure.
     */
    static final Arg ARGS_OUT = Arg.out((c, i, out) -> {
        long size = c.arg(1);
        if (c.failed() || Long.compareUnsigned(size, ARGS_VER0) < 0) {
            return;
        }
        ByteBuffer a = c.struct(c.atEntry(0), ARGS_VER0);
        if (a == null) {
            return;
        }
        long flags = a.getLong(0);
        int start = out.length();
        out.setLength(start - 2);   // the ", " before this argument: the change follows the structure
        int open = out.length();
        String sep = " => {";
        if ((flags & CLONE_PIDFD) != 0) {
            out.append(sep).append("pidfd=");
            number(c, out, c.part(0, io.jtrace.format.proto.Buffer.Part.IOV, 0, true), a.getLong(8), true);
            sep = ", ";
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            out.append(sep).append("parent_tid=");
            number(c, out, c.part(0, io.jtrace.format.proto.Buffer.Part.IOV, 1, true), a.getLong(24), false);
            sep = ", ";
        }
        if (size > ARGS) {
            int before = out.length();
            tail(c, out, sep);
            if (out.length() > before) {
                sep = ", ";
            }
        }
        if (out.length() == open) {
            out.append(", ");   // nothing changed: the separator goes back, and the empty argument is dropped
            return;
        }
        out.append('}');
    });

    /** clone3's size, the second argument (printed third, after what the call stored). */
    static final Arg SIZE = Arg.in((c, i, out) -> out.appendUnsigned(c.arg(1))).asPlain();

    /** A pid or fd the kernel stored, as strace's printnum_pid and printnum_fd: [N], or the address. */
    private static void number(Call c, LineBuffer out, io.jtrace.format.RecordedBuffer b, long address, boolean fd) {
        ByteBuffer v = c.struct(b, Integer.BYTES);
        if (v == null) {
            Formats.pointer(out, address);
            return;
        }
        out.append('[');
        if (fd) {
            c.receivedFd(out, v.getInt(0));   // the fd as the recorder saw it at the exit
        } else {
            c.pid(out, v.getInt(0), PidNamespaceIds.Type.TID);
        }
        out.append(']');
    }

    /** strace's print_nonzero_bytes over a larger structure's tail, from byte 88 to its size or a page. */
    private static void tail(Call c, LineBuffer out, String prefix) {
        int end = (int) Math.min(c.arg(1), PAGE);
        io.jtrace.format.RecordedBuffer b = c.atEntry(0);
        if (b == null || b.getError() != 0 || b.getData().size() < end) {
            out.append(prefix).append("???");
            return;
        }
        boolean zero = true;
        for (int k = ARGS; k < end && zero; k++) {
            zero = b.getData().byteAt(k) == 0;
        }
        if (zero) {
            return;
        }
        out.append(prefix).append("/* bytes ").append(ARGS).append("..").append(end - 1).append(" */ ");
        int n = Math.min(end - ARGS, c.options.stringLimit);
        byte[] bytes = new byte[n];
        b.getData().copyTo(bytes, ARGS, 0, n);
        Quote.append(out, bytes, 0, n, Quote.Hex.ALL, false);
        if (n < end - ARGS) {
            out.append("...");
        }
    }
}
