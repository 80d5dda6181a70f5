package io.jtrace.recorder.capture;

import io.jtrace.recorder.capture.CaptureTable.Capture;
import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;

/** The copy rules of {@link CaptureTable}, one method per argument layout. */
final class Captures {
    /** struct msghdr on LP64: name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR_SIZE = 56;
    /** Largest sockaddr the kernel fills (sizeof(struct sockaddr_storage)). */
    private static final int SOCKADDR_MAX = 128;
    /**
     * The least of a socket option's value copied whatever the snap length: its largest structure
     * strace decodes (group_req, 136 bytes) and far more than -s shows of the others.
     */
    private static final int OPTVAL_MIN = 4096;
    /** The most of msg_control copied: what strace reads (optmem_max). */
    private static final int CONTROL_MAX = ControlLimit.BYTES;
    private static final int IOV_MAX = 1024;
    private static final long PR_SET_NAME = 15;
    private static final int TASK_COMM_LEN = 16;
    /** struct flock on LP64: l_type, l_whence, l_start, l_len, l_pid (and padding). */
    private static final int FLOCK_SIZE = 32;
    /** struct f_owner_ex: type, pid. */
    private static final int F_OWNER_EX_SIZE = 8;
    private static final int F_GETLK = 5;
    private static final int F_SETLK = 6;
    private static final int F_SETLKW = 7;
    private static final int F_SETOWN_EX = 15;
    private static final int F_GETOWN_EX = 16;
    private static final int F_OFD_GETLK = 36;
    private static final int F_OFD_SETLK = 37;
    private static final int F_OFD_SETLKW = 38;
    /** The most of memfd_create's name strace reads: MFD_NAME_MAX_LEN + 1. */
    private static final int MFD_NAME_READ = 250;

    private Captures() {
    }

    static void dataAtEntry(SyscallEvent c, BufferReader r) {
        r.copy(1, c.arg(1), c.arg(2), false);
    }

    static void dataAtExit(SyscallEvent c, BufferReader r) {
        r.copy(1, c.arg(1), c.returnValue(), true);
    }

    static void sendtoAtEntry(SyscallEvent c, BufferReader r) {
        dataAtEntry(c, r);
        if (c.arg(4) != 0) {
            sockaddr(r, 4, c.arg(4), c.arg(5) & 0xffffffffL, false);
        }
    }

    /**
     * recvfrom's data and source address. With MSG_TRUNC a datagram socket returns the datagram's
     * whole length, more than the buffer holds: only the buffer's length was written.
     */
    static void recvfromAtExit(SyscallEvent c, BufferReader r) {
        r.copy(1, c.arg(1), Long.compareUnsigned(c.returnValue(), c.arg(2)) < 0 ? c.returnValue() : c.arg(2), true);
        sockaddrWithLength(c, r, 4, 5);
    }

    static void sockaddrAtEntry(SyscallEvent c, BufferReader r) {
        sockaddr(r, 1, c.arg(1), c.arg(2) & 0xffffffffL, false);
    }

    /** A sockaddr as strace reads it: at most sizeof(struct sockaddr_storage), never cut by the snap length. */
    private static void sockaddr(BufferReader r, int arg, long address, long length, boolean atExit) {
        long n = Math.min(length, SOCKADDR_MAX);
        r.unsnapped(arg, BufferReader.WHOLE, 0, address, n, SOCKADDR_MAX, atExit);
    }

    static void sockaddrAtExit(SyscallEvent c, BufferReader r) {
        sockaddrWithLength(c, r, 1, 2);
    }

    /** A value-result length (accept's addrlen, getsockopt's optlen) before the call. */
    static Capture lengthAtEntry(int arg) {
        return (c, r) -> {
            if (c.arg(arg) != 0) {
                r.copy(arg, c.arg(arg), 4, false);
            }
        };
    }

    /** setsockopt's value, optlen bytes (an invalid negative optlen reads as a huge one). */
    static void optvalAtEntry(SyscallEvent c, BufferReader r) {
        optval(r, c.arg(3), c.arg(4) & 0xffffffffL, false);
    }

    /** getsockopt's optlen after the call and as many bytes of the value as it says. */
    static void optvalAtExit(SyscallEvent c, BufferReader r) {
        ByteBuffer len = r.struct(c.arg(4), 4);
        r.copy(4, c.arg(4), 4, true);
        if (len != null) {
            optval(r, c.arg(3), len.getInt(0) & 0xffffffffL, true);
        }
    }

    private static void optval(BufferReader r, long address, long length, boolean atExit) {
        r.unsnapped(3, BufferReader.WHOLE, 0, address, length, Math.max(r.snaplen(), OPTVAL_MIN), atExit);
    }

    /** NUL-terminated string arguments (paths, xattr names), whole; a NULL pointer gets no buffer. */
    static Capture stringsAtEntry(int... args) {
        return (c, r) -> {
            for (int arg : args) {
                r.string(arg, c.arg(arg), false);
            }
        };
    }

    /** A string the kernel wrote (getcwd's buffer), read up to its NUL. */
    static Capture stringAtExit(int arg) {
        return (c, r) -> {
            r.string(arg, c.arg(arg), true);
        };
    }

    /** readlink's result: the return value counts the bytes, no NUL follows; a path, so never snapped. */
    static Capture readlinkAtExit(int arg) {
        return (c, r) -> r.unsnapped(arg, c.arg(arg), Math.min(c.returnValue(), BufferReader.PATH_MAX), true);
    }

    /** prctl(PR_SET_NAME, name): the thread's new name, read as strace reads it (TASK_COMM_LEN bytes at most). */
    static void prctlAtEntry(SyscallEvent c, BufferReader r) {
        if (c.arg(0) == PR_SET_NAME) {
            r.string(1, c.arg(1), false, TASK_COMM_LEN);
        }
    }

    /** fcntl's argument when it points to a structure the kernel reads: struct flock, struct f_owner_ex. */
    static void fcntlAtEntry(SyscallEvent c, BufferReader r) {
        int size = switch ((int) c.arg(1)) {
            case F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW -> FLOCK_SIZE;
            case F_SETOWN_EX -> F_OWNER_EX_SIZE;
            default -> 0;
        };
        structure(c, r, 2, size, false);
    }

    /** fcntl's argument when it points to a structure the kernel fills. */
    static void fcntlAtExit(SyscallEvent c, BufferReader r) {
        int size = switch ((int) c.arg(1)) {
            case F_GETLK, F_OFD_GETLK -> FLOCK_SIZE;
            case F_GETOWN_EX -> F_OWNER_EX_SIZE;
            default -> 0;
        };
        structure(c, r, 2, size, true);
    }

    /** sendfile's offset before the call, which the kernel then advances. */
    static void sendfileAtEntry(SyscallEvent c, BufferReader r) {
        structure(c, r, 2, 8, false);
    }

    /** sendfile's offset after a call that moved data (strace's "[0] => [5]"). */
    static void sendfileAtExit(SyscallEvent c, BufferReader r) {
        if (c.returnValue() > 0) {
            structure(c, r, 2, 8, true);
        }
    }

    /** splice's and copy_file_range's loff_t offsets, in and out, before the call. */
    static void offsetsAtEntry(SyscallEvent c, BufferReader r) {
        structure(c, r, 1, 8, false);
        structure(c, r, 3, 8, false);
    }

    /** memfd_create's name: as much as strace reads of it, and what could be read when memory ends before its NUL. */
    static void memfdNameAtEntry(SyscallEvent c, BufferReader r) {
        r.stringOrWhatIsReadable(0, c.arg(0), false, MFD_NAME_READ);
    }

    /** A structure of {@code size} bytes the argument points to, never cut by the snap length; NULL gets no buffer. */
    private static void structure(SyscallEvent c, BufferReader r, int arg, int size, boolean atExit) {
        if (size > 0 && c.arg(arg) != 0) {
            r.unsnapped(arg, c.arg(arg), size, atExit);
        }
    }

    static void fdPairAtExit(SyscallEvent c, BufferReader r) {
        r.copy(3, c.arg(3), 8, true);
    }

    static void pipeAtExit(SyscallEvent c, BufferReader r) {
        r.copy(0, c.arg(0), 8, true);
    }

    static void iovecAtEntry(SyscallEvent c, BufferReader r) {
        iovecs(r, 1, c.arg(1), c.arg(2), Long.MAX_VALUE, false);
    }

    /** The iovecs a readv filled; of a failed call the array alone (strace prints its addresses and lengths). */
    static void iovecAtExit(SyscallEvent c, BufferReader r) {
        iovecs(r, 1, c.arg(1), c.arg(2), Math.max(c.returnValue(), 0), true);
    }

    static void msghdrAtEntry(SyscallEvent c, BufferReader r) {
        msghdr(c, r, Long.MAX_VALUE, false);
    }

    /** The msghdr alone, without what it points to. */
    static void msghdrHeaderAtEntry(SyscallEvent c, BufferReader r) {
        r.copy(1, c.arg(1), MSGHDR_SIZE, false);
    }

    static void msghdrAtExit(SyscallEvent c, BufferReader r) {
        msghdr(c, r, c.returnValue(), true);
    }

    private static void msghdr(SyscallEvent c, BufferReader r, long total, boolean atExit) {
        r.copy(1, c.arg(1), MSGHDR_SIZE, atExit);
        ByteBuffer m = r.struct(c.arg(1), MSGHDR_SIZE);
        if (m == null) {
            return;
        }
        long name = m.getLong(0);
        long nameLength = m.getInt(8) & 0xffffffffL;
        long iov = m.getLong(16);
        long iovLength = m.getLong(24);
        long control = m.getLong(32);
        long controlLength = m.getLong(40);
        if (name != 0 && nameLength > 0) {
            long length = Math.min(nameLength, SOCKADDR_MAX);
            r.unsnapped(1, BufferReader.MSG_NAME, 0, name, length, SOCKADDR_MAX, atExit);
        }
        iovecs(r, 1, iov, iovLength, total, atExit);
        if (control != 0 && controlLength > 0) {
            long length = Math.min(controlLength, CONTROL_MAX);
            r.unsnapped(1, BufferReader.MSG_CONTROL, 0, control, length, CONTROL_MAX, atExit);
        }
    }

    /**
     * One IOV buffer per element; {@code total} bytes are spread over them in order (the return
     * value at exit), and the snap length applies to the call as a whole.
     */
    private static void iovecs(BufferReader r, int arg, long array, long count, long total,
                               boolean atExit) {
        long left = total;
        long snap = r.snaplen();
        int n = (int) Math.min(Math.max(count, 0), IOV_MAX);
        for (int i = 0; i < n; i++) {
            ByteBuffer iov = r.struct(array + 16L * i, 16);
            if (iov == null) {
                // EFAULT: the array itself is unreadable
                r.unreadable(arg, BufferReader.IOV, i, atExit, array + 16L * i, 14);
                return;
            }
            long base = iov.getLong(0);
            long length = iov.getLong(8);
            long keep = BufferReader.unsignedMin(BufferReader.unsignedMin(length, left), snap);
            r.copy(arg, BufferReader.IOV, i, base, length, keep, atExit);
            left -= BufferReader.unsignedMin(length, left);
            snap -= keep;
        }
    }

    private static void sockaddrWithLength(SyscallEvent c, BufferReader r, int addrArg, int lenArg) {
        if (c.arg(addrArg) == 0 || c.arg(lenArg) == 0) {
            return;
        }
        ByteBuffer len = r.struct(c.arg(lenArg), 4);
        r.copy(lenArg, c.arg(lenArg), 4, true);
        if (len != null) {
            sockaddr(r, addrArg, c.arg(addrArg), len.getInt(0) & 0xffffffffL, true);
        }
    }
}
