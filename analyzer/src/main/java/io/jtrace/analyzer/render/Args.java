package io.jtrace.analyzer.render;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.Sockaddr;
import io.jtrace.format.RecordedBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The argument formats syscall decoders are built from, each printing as strace 6 does. */
final class Args {
    private Args() {
    }

    static final long AT_FDCWD = -100;
    private static final int PATH_MAX = 4096;

    static final Arg FD = Arg.fd((c, i, out) -> c.fd(out, c.arg(i))).asPlain();
    /** A directory fd of the *at() family: AT_FDCWD or an fd. */
    static final Arg DIRFD = Arg.fd((c, i, out) -> {
        if ((int) c.arg(i) == AT_FDCWD) {
            ConstStyle.named(out, AT_FDCWD, "AT_FDCWD");
            String cwd = c.options.fdDecoration > 0 ? c.state.cwd(c.syscall.getPid()) : null;
            // the kernel cannot name a directory deeper than PATH_MAX: strace's readlink fails
            if (cwd != null && cwd.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < PATH_MAX) {
                c.decorate(out, FdInfo.file(cwd));
            }
        } else {
            c.fd(out, c.arg(i));
        }
    });
    static final Arg INT = Arg.in((c, i, out) -> out.append((int) c.arg(i))).asPlain();
    static final Arg UINT = Arg.in((c, i, out) -> out.append(c.arg(i) & 0xffffffffL)).asPlain();
    static final Arg LONG = Arg.in((c, i, out) -> out.append(c.arg(i))).asPlain();
    static final Arg ULONG = Arg.in((c, i, out) -> Formats.unsigned(out, c.arg(i))).asPlain();
    static final Arg HEX = Arg.in((c, i, out) -> Formats.hex(out, c.arg(i))).asPlain();
    static final Arg PTR = Arg.in((c, i, out) -> Formats.pointer(out, c.arg(i))).asPlain();
    static final Arg OUT_PTR = Arg.out((c, i, out) -> Formats.pointer(out, c.arg(i))).asPlain();
    static final Arg MODE = Arg.in((c, i, out) -> Formats.mode(out, c.arg(i)));
    /** A uid or gid (strace's printuid): an unsigned int, -1 as -1. */
    static final Arg UID = Arg.in((c, i, out) -> {
        long id = c.arg(i) & 0xffffffffL;
        if (id == 0xffffffffL) {
            out.append(-1);
        } else {
            out.append(id);
        }
    }).asPlain();
    /** A process id (kill's, tgkill's first), as strace's printpid: with --decode-pids its name or the recorder's number. */
    static final Arg TGID = Arg.in((c, i, out) -> c.pid(out, (int) c.arg(i), io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID))
            .asPlain();
    /** kill's pid: a process, or below -1 a process group (strace's printpid_tgid_pgid). */
    static final Arg TGID_OR_PGID = Arg.in((c, i, out) -> c.tgidOrPgid(out, (int) c.arg(i))).asPlain();
    /** A thread id (tkill's, tgkill's second). */
    static final Arg TID = Arg.in((c, i, out) -> c.pid(out, (int) c.arg(i), io.jtrace.analyzer.trace.PidNamespaceIds.Type.TID))
            .asPlain();
    /** A signal number by its name, as strace's printsignal. */
    static final Arg SIGNAL = Arg.in((c, i, out) -> Siginfo.signal(out, c.arch.signals, (int) c.arg(i)));
    static final Arg PATH = Arg.in((c, i, out) -> c.path(out, c.atEntry(i), c.arg(i)));

    /** Data the call sends: {@code lengthArg} bytes captured at entry. */
    static Arg dataIn(int lengthArg) {
        return Arg.in((c, i, out) -> c.data(out, c.atEntry(i), c.arg(i), c.arg(lengthArg))).asPlain();
    }

    /** Data sendto sends: netlink messages on a netlink socket (strace's decode_sockbuf), else {@link #dataIn}. */
    static Arg sockDataIn(int lengthArg) {
        return Arg.in((c, i, out) -> {
            if (c.isNetlink(c.arg(0))) {
                c.netlinkData(out, c.atEntry(i), c.arg(i), c.arg(lengthArg));
            } else {
                c.data(out, c.atEntry(i), c.arg(i), c.arg(lengthArg));
            }
        }).asPlain();
    }

    /** {@link #RECV_DATA}, as netlink messages on a netlink socket. */
    static final Arg SOCK_RECV_DATA = Arg.out((c, i, out) -> {
        if (!c.failed() && c.isNetlink(c.arg(0))) {
            c.netlinkData(out, c.atExit(i), c.arg(i),
                    Long.compareUnsigned(c.ret(), c.arg(i + 1)) < 0 ? c.ret() : c.arg(i + 1));
        } else {
            Args.RECV_DATA.format().append(c, i, out);
        }
    }).asPlain();

    /** Data the call received: as many bytes as it returned, captured at exit. */
    static final Arg DATA_OUT = Arg.out((c, i, out) -> c.data(out, c.atExit(i), c.arg(i), c.failed() ? -1 : c.ret()))
            .asPlain();

    /**
     * Data recv and recvfrom received: what the kernel wrote, at most the buffer's length even when
     * MSG_TRUNC made the call return the datagram's whole length.
     */
    static final Arg RECV_DATA = Arg.out((c, i, out) -> c.data(out, c.atExit(i), c.arg(i),
            c.failed() ? -1 : Long.compareUnsigned(c.ret(), c.arg(i + 1)) < 0 ? c.ret() : c.arg(i + 1))).asPlain();

    /** Flags as strace's printflags prints them: an unsigned int, with the table's comment when none is known. */
    static Arg flags(Flags f) {
        return Arg.in((c, i, out) -> f.flags(out, c.arg(i) & 0xffffffffL));
    }

    /** {@link #flags(Flags)} by a table of the trace's architecture ({@link ArchTables}). */
    static Arg flags(java.util.function.Function<ArchTables, Flags> table) {
        return Arg.in((c, i, out) -> table.apply(c.arch).flags(out, c.arg(i) & 0xffffffffL));
    }

    static Arg value(Flags f) {
        return Arg.in((c, i, out) -> f.value(out, (int) c.arg(i)));
    }

    /** A value as strace's printxval prints it: an unsigned int, its name, else hex with the table's comment. */
    static Arg hexValue(Flags f) {
        return Arg.in((c, i, out) -> f.hexValue(out, c.arg(i) & 0xffffffffL));
    }

    /** open's flags: one value to strace (print_xlat_ex of sprint_open_modes), a number unless abbrev. */
    static final Arg OPEN_FLAGS = Arg.in((c, i, out) ->
            ConstStyle.composite(out, c.arg(i) & 0xffffffffL, o -> openFlags(c, o, c.arg(i))));

    static void openFlags(Call c, LineBuffer out, long flags) {
        long v = flags & 0xffffffffL;
        Consts.O_ACCMODE.hexValue(out, v & 3);
        if ((v & ~3L) != 0) {
            out.append('|');
            c.arch.openFlags.bits(out, v & ~3L);
        }
    }

    /** Flags of pipe2 and dup3: open flags without an access mode; "0" for none. */
    static final Arg FD_FLAGS = Arg.in((c, i, out) -> c.arch.openFlags.flags(out, c.arg(i) & 0xffffffffL, "O_???"));

    /** access(2) modes: F_OK for zero. */
    static final Arg ACCESS_MODE = Arg.in((c, i, out) -> {
        long mode = c.arg(i) & 0xffffffffL;
        if (mode == 0) {
            ConstStyle.value(out, 0, true, "F_OK", null);
        } else {
            Consts.ACCESS_MODE.bits(out, mode);
        }
    });

    /** mmap's protection: PROT_NONE for zero. */
    static final Arg PROT = Arg.in((c, i, out) -> {
        long prot = c.arg(i) & 0xffffffffL;
        if (prot == 0) {
            ConstStyle.value(out, 0, true, "PROT_NONE", null);
        } else {
            Consts.PROT.bits(out, prot);
        }
    });

    /** mmap's flags: the mapping type, then the other flags (strace's print_mmap_flags: a number unless abbrev). */
    static final Arg MMAP_FLAGS = Arg.in((c, i, out) -> ConstStyle.composite(out, c.arg(i) & 0xffffffffL, o -> {
        long flags = c.arg(i) & 0xffffffffL;
        Consts.MAP_TYPE.hexValue(o, flags & 0xf);
        long rest = flags & ~0xfL;
        if (rest != 0) {
            c.arch.mapFlags.bits(o.append('|'), rest);
        }
    }));

    /** statx's flags: the sync type by name, then the other AT_ flags. */
    static final Arg STATX_FLAGS = Arg.in((c, i, out) -> {
        long flags = c.arg(i) & 0xffffffffL;
        // strace's printflags without a default prints nothing for a raw zero: "|0x100", and an empty
        // argument for 0; both sync bits name both
        if ((flags & 0x6000) != 0 || ConstStyle.current() != ConstStyle.RAW) {
            if ((flags & 0x6000) == 0) {
                Consts.STATX_SYNC.hexValue(out, 0);
            } else {
                Consts.STATX_SYNC.bits(out, flags & 0x6000);
            }
        }
        if ((flags & ~0x6000L) != 0) {
            Consts.AT.bits(out.append('|'), flags & ~0x6000L);
        }
    }).keepingEmpty();

    /** A string the kernel fills (getcwd), printed up to the length returned. */
    static final Arg STRING_OUT = Arg.out((c, i, out) -> {
        if (c.failed()) {
            Formats.pointer(out, c.arg(i));
        } else {
            c.path(out, c.atExit(i), c.arg(i));
        }
    });

    /** Flags of the socket calls: strace's printflags, which takes an unsigned int (upper bits ignored). */
    static Arg socketFlags(Flags f) {
        return Arg.in((c, i, out) -> f.bits(out, c.arg(i) & 0xffffffffL));
    }

    /** accept4's flags: SOCK_CLOEXEC and SOCK_NONBLOCK, as {@link #socketFlags} prints them. */
    static final Arg SOCK_FLAGS = Arg.in((c, i, out) -> c.arch.sockFlags.bits(out, c.arg(i) & 0xffffffffL));

    static final Arg SOCK_TYPE = Arg.in((c, i, out) -> sockType(c, out, c.arg(i)));

    /** strace's tprint_sock_type: a known type by name, then the flags; an unknown one as flags alone. */
    static void sockType(Call c, LineBuffer out, long v) {
        long type = v & 0xffffffffL;
        String name = Consts.SOCK_TYPE.name(type & 0xf);
        if (name == null) {
            c.arch.sockFlags.bits(out, type);
            return;
        }
        ConstStyle.value(out, type & 0xf, true, name, null);
        long flags = type & ~0xfL;
        if (flags != 0) {
            out.append('|');
            c.arch.sockFlags.bits(out, flags);
        }
    }

    /** A socket protocol, named after the family in argument 0. */
    static final Arg PROTOCOL = Arg.in((c, i, out) -> {
        int family = (int) c.arg(0);
        long p = c.arg(i) & 0xffffffffL;
        if (family == Sockaddr.AF_INET || family == Sockaddr.AF_INET6) {
            Consts.IPPROTO.hexValue(out, p);
        } else if (family == Sockaddr.AF_NETLINK) {
            Consts.NETLINK.hexValue(out, p);
        } else {
            out.append(p);
        }
    });

    static final Arg FAMILY = Arg.in((c, i, out) -> out.append(SockaddrText.familyName((int) c.arg(i))));

    /** A sockaddr the call reads, {@code lengthArg} bytes long. */
    static Arg sockaddrIn(int lengthArg) {
        return Arg.in((c, i, out) -> sockaddr(c, out, c.atEntry(i), c.arg(i), (int) c.arg(lengthArg)));
    }

    /**
     * A sockaddr the kernel fills, with its value-result length in the next argument: strace prints
     * as many bytes as the smaller of the length given and the length returned.
     */
    static final Arg SOCKADDR_OUT = Arg.out((c, i, out) -> {
        Long after = int32(c.atExit(i + 1));
        if (c.failed() || after == null) {
            Formats.pointer(out, c.arg(i));
        } else {
            Long before = int32(c.atEntry(i + 1));
            long length = before == null ? after : Math.min(before, after);
            sockaddr(c, out, c.atExit(i), c.arg(i), (int) length);
        }
    });

    /**
     * strace's decode_sockaddr: NULL; the address when {@code length} is below 2 or the bytes
     * (at most sizeof(struct sockaddr_storage)) could not all be read; else the structure.
     */
    static void sockaddr(Call c, LineBuffer out, RecordedBuffer b, long address, int length) {
        int want = Integer.compareUnsigned(length, Sockaddr.STORAGE_SIZE) > 0 ? Sockaddr.STORAGE_SIZE : length;
        if (address == 0) {
            out.append("NULL");
        } else if (length < 2 || b == null || b.getError() != 0 || b.getData().size() < want) {
            Formats.pointer(out, address);
        } else {
            out.append(SockaddrText.strace(b.getData().toByteArray(), want, c.options.hex, c::interfaceName, fd -> {
                LineBuffer text = new LineBuffer(32);
                c.fd(text, fd);
                return text.toString();
            }, pid -> {
                LineBuffer text = new LineBuffer(32);
                c.pid(text, pid, io.jtrace.analyzer.trace.PidNamespaceIds.Type.TGID);
                return text.toString();
            }));
        }
    }

    /** A value-result length: {@code [16]}, or {@code [128 => 16]} when the kernel changed it. */
    static final Arg LENGTH_INOUT = Arg.out((c, i, out) -> {
        if (c.arg(i) == 0) {
            out.append("NULL");
            return;
        }
        Long before = int32(c.atEntry(i));
        Long after = c.failed() ? null : int32(c.atExit(i));
        if (before == null && after == null) {
            Formats.pointer(out, c.arg(i));
        } else if (before == null || after == null || before.equals(after)) {
            out.append('[').append(after != null ? after : before).append(']');
        } else {
            out.append('[').append(before).append(" => ").append(after).append(']');
        }
    });

    static Long int32(RecordedBuffer b) {
        if (b == null || b.getError() != 0 || b.getData().size() < 4) {
            return null;
        }
        return (long) b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    }

    /** The two fds pipe and socketpair return: {@code [3, 4]}. */
    static final Arg FD_PAIR = Arg.out((c, i, out) -> {
        RecordedBuffer b = c.atExit(i);
        // strace's umove_or_printaddr: the address under -e verbose=none too
        if (c.failed() || !c.verbose() || b == null || b.getData().size() < 8) {
            Formats.pointer(out, c.arg(i));
            return;
        }
        ByteBuffer le = b.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean decorated = c.options.fdDecoration > 0;
        c.number(out.append('['), le.getInt(0));
        c.decorate(out, decorated ? c.state.pairMember(c.event, le.getInt(0)) : null);
        c.number(out.append(", "), le.getInt(4));
        c.decorate(out, decorated ? c.state.pairMember(c.event, le.getInt(4)) : null);
        out.append(']');
    });
}
