package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.PidNamespaceIds;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** fcntl's command-dependent third argument and return value (strace's fcntl.c), and open's optional mode. */
final class Fcntl {
    private Fcntl() {
    }

    private static final int F_DUPFD = 0;
    private static final int F_GETFD = 1;
    private static final int F_SETFD = 2;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final int F_GETLK = 5;
    private static final int F_SETLK = 6;
    private static final int F_SETLKW = 7;
    private static final int F_SETOWN = 8;
    private static final int F_GETOWN = 9;
    private static final int F_SETSIG = 10;
    private static final int F_GETSIG = 11;
    private static final int F_SETOWN_EX = 15;
    private static final int F_GETOWN_EX = 16;
    private static final int F_OWNER_TID = 0;
    private static final int F_OWNER_PID = 1;
    private static final int F_OWNER_PGRP = 2;
    private static final int F_OFD_GETLK = 36;
    private static final int F_OFD_SETLK = 37;
    private static final int F_OFD_SETLKW = 38;
    private static final int F_SETLEASE = 1024;
    private static final int F_GETLEASE = 1025;
    private static final int F_NOTIFY = 1026;
    private static final int F_DUPFD_CLOEXEC = 1030;
    private static final int F_SETPIPE_SZ = 1031;
    private static final int F_GETPIPE_SZ = 1032;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_GET_SEALS = 1034;
    /** struct flock on LP64: l_type (short), l_whence (short), l_start, l_len, l_pid. */
    private static final int FLOCK_SIZE = 32;

    /** fd, command (an unsigned int), and the third argument as the command reads it, if it takes one. */
    static final Arg ARGS = Arg.fd((c, i, out) -> {
        c.fd(out, c.arg(0));
        out.append(", ");
        int cmd = (int) c.arg(1);
        Consts.FCNTL.hexValue(out, cmd & 0xffffffffL);
        long arg = c.arg(2);
        switch (cmd) {
            case F_GETFD, F_GETFL, F_GETOWN, F_GETSIG, F_GETLEASE, F_GETPIPE_SZ, F_GET_SEALS -> {
            }
            case F_SETFD -> Consts.FD_FLAGS.flags(out.append(", "), arg & 0xffffffffL);
            case F_SETFL -> Args.OPEN_FLAGS.format().append(c, 2, out.append(", "));
            case F_SETOWN -> Pids.tgidOrPgid(out.append(", "), c.options, c.state, c.syscall.getTid(), (int) arg);
            case F_DUPFD, F_DUPFD_CLOEXEC, F_SETPIPE_SZ -> out.append(", ").append(arg);
            case F_SETSIG -> Siginfo.signal(out.append(", "), c.arch.signals, (int) arg);
            case F_SETLEASE -> Consts.LOCK_TYPE.hexValue(out.append(", "), arg);
            case F_NOTIFY -> Consts.DN.flags(out.append(", "), arg);
            case F_ADD_SEALS -> Consts.SEALS.flags(out.append(", "), arg);
            case F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW -> flock(c, out.append(", "), c.atEntry(2), arg, false);
            case F_SETOWN_EX -> owner(c, out.append(", "), c.atEntry(2), arg);
            // filled by the kernel: printed at exit, and as an address when the call failed
            case F_GETLK, F_OFD_GETLK -> {
                if (!c.syscall.getUnfinished()) {
                    flock(c, out.append(", "), c.failed() ? null : c.atExit(2), arg, true);
                }
            }
            case F_GETOWN_EX -> {
                if (!c.syscall.getUnfinished()) {
                    owner(c, out.append(", "), c.failed() ? null : c.atExit(2), arg);
                }
            }
            default -> Formats.hex(out.append(", "), arg);
        }
    });

    /** {@code {l_type=F_RDLCK, l_whence=SEEK_SET, l_start=0, l_len=0}}, with l_pid for the GETLK commands. */
    private static void flock(Call c, LineBuffer out, RecordedBuffer b, long address, boolean withPid) {
        ByteBuffer le = struct(b, address, FLOCK_SIZE);
        if (le == null) {
            Formats.pointer(out, address);
            return;
        }
        out.append("{l_type=");
        Consts.LOCK_TYPE.hexValue(out, le.getShort(0) & 0xffffL);
        out.append(", l_whence=");
        Consts.SEEK.hexValue(out, le.getShort(2) & 0xffffL);
        out.append(", l_start=").append(le.getLong(8)).append(", l_len=").append(le.getLong(16));
        if (withPid) {
            c.pid(out.append(", l_pid="), le.getInt(24), PidNamespaceIds.Type.TGID);
        }
        out.append('}');
    }

    /** struct f_owner_ex: {@code {type=F_OWNER_PID, pid=1234}}. */
    private static void owner(Call c, LineBuffer out, RecordedBuffer b, long address) {
        ByteBuffer le = struct(b, address, 8);
        if (le == null) {
            Formats.pointer(out, address);
            return;
        }
        out.append("{type=");
        int type = le.getInt(0);
        Consts.F_OWNER.hexValue(out, type & 0xffffffffL);
        out.append(", pid=");
        switch (type) {
            case F_OWNER_TID -> c.pid(out, le.getInt(4), PidNamespaceIds.Type.TID);
            case F_OWNER_PID -> c.pid(out, le.getInt(4), PidNamespaceIds.Type.TGID);
            case F_OWNER_PGRP -> c.pid(out, le.getInt(4), PidNamespaceIds.Type.PGID);
            default -> out.append(le.getInt(4));
        }
        out.append('}');
    }

    /** The structure's bytes when all {@code size} of them were captured, else null (strace prints the address). */
    private static ByteBuffer struct(RecordedBuffer b, long address, int size) {
        if (address == 0 || b == null || b.getError() != 0 || b.getData().size() < size) {
            return null;
        }
        return b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    static final Decoders.Ret RET = (c, out) -> {
        int cmd = (int) c.arg(1);
        long r = c.ret();
        switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> Decoders.NEW_FD.append(c, out);
            case F_GETFD -> {
                Formats.hex(out, r);
                if (r != 0) {
                    Consts.FD_FLAGS.bits(out.append(" (flags "), r);
                    out.append(')');
                }
            }
            case F_GETFL -> {
                Formats.hex(out, r);
                // strace's sprint_open_modes: names whatever the style
                ConstStyle.abbrev(out.append(" (flags "), o -> Args.openFlags(c, o, r));
                out.append(')');
            }
            case F_GETLEASE -> {
                Formats.hex(out, r);
                String name = Consts.LOCK_TYPE.name(r);
                if (name != null) {
                    out.append(" (").append(name).append(')');
                }
            }
            case F_GET_SEALS -> {
                Formats.hex(out, r);
                if (r != 0) {
                    Consts.SEALS.bits(out.append(" (seals "), r);
                    out.append(')');
                }
            }
            case F_GETSIG -> {
                out.append(r);
                String name = c.arch.signals.name(r);
                if (r != 0 && name.startsWith("SIG")) {
                    out.append(" (").append(name).append(')');
                }
            }
            // strace's RVAL_PGID for a negative owner (a process group), else RVAL_TGID
            case F_GETOWN -> c.pid(out, (int) r, (int) r < 0 ? PidNamespaceIds.Type.PGID : PidNamespaceIds.Type.TGID);
            default -> out.append(r);
        }
    };

    /** open's mode: printed only when O_CREAT or O_TMPFILE asks for it. */
    static final Arg CREATE_MODE = Arg.in((c, i, out) -> {
        if (hasMode(c, i - 1)) {
            Formats.mode(out, c.arg(i));
        }
    });

    static boolean hasMode(Call c, int flagsArg) {
        long flags = c.arg(flagsArg);
        return (flags & c.arch.oCreat) != 0 || (flags & c.arch.oTmpfile) == c.arch.oTmpfile;
    }
}
