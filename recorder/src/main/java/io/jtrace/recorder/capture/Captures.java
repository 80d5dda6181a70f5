package io.jtrace.recorder.capture;

import io.jtrace.format.proto.Buffer;
import io.jtrace.recorder.capture.CaptureTable.Capture;
import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;
import java.util.List;

/** The copy rules of {@link CaptureTable}, one method per argument layout. */
final class Captures {
    /** struct msghdr on LP64: name, namelen, iov, iovlen, control, controllen, flags. */
    private static final int MSGHDR_SIZE = 56;
    /** Largest sockaddr the kernel fills (sizeof(struct sockaddr_storage)). */
    private static final int SOCKADDR_MAX = 128;
    private static final int IOV_MAX = 1024;
    private static final long PR_SET_NAME = 15;
    private static final int TASK_COMM_LEN = 16;

    private Captures() {
    }

    static void dataAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(1, c.arg(1), c.arg(2), false).build());
    }

    static void dataAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(1, c.arg(1), c.returnValue(), true).build());
    }

    static void sendtoAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        dataAtEntry(c, r, out);
        if (c.arg(4) != 0) {
            out.add(r.copy(4, c.arg(4), Math.min(c.arg(5), SOCKADDR_MAX), false).build());
        }
    }

    static void recvfromAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        dataAtExit(c, r, out);
        sockaddrWithLength(c, r, out, 4, 5);
    }

    static void sockaddrAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(1, c.arg(1), Math.min(c.arg(2) & 0xffffffffL, SOCKADDR_MAX), false).build());
    }

    static void sockaddrAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        sockaddrWithLength(c, r, out, 1, 2);
    }

    /** A value-result length (accept's addrlen, getsockopt's optlen) before the call. */
    static Capture lengthAtEntry(int arg) {
        return (c, r, out) -> {
            if (c.arg(arg) != 0) {
                out.add(r.copy(arg, c.arg(arg), 4, false).build());
            }
        };
    }

    static void optvalAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(3, c.arg(3), c.arg(4) & 0xffffffffL, false).build());
    }

    static void optvalAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        ByteBuffer len = r.struct(c.arg(4), 4);
        out.add(r.copy(4, c.arg(4), 4, true).build());
        if (len != null) {
            out.add(r.copy(3, c.arg(3), len.getInt(0) & 0xffffffffL, true).build());
        }
    }

    /** NUL-terminated string arguments (paths, xattr names), whole; a NULL pointer gets no buffer. */
    static Capture stringsAtEntry(int... args) {
        return (c, r, out) -> {
            for (int arg : args) {
                Buffer.Builder b = r.string(arg, c.arg(arg), false);
                if (b != null) {
                    out.add(b.build());
                }
            }
        };
    }

    /** A string the kernel wrote (getcwd's buffer), read up to its NUL. */
    static Capture stringAtExit(int arg) {
        return (c, r, out) -> {
            Buffer.Builder b = r.string(arg, c.arg(arg), true);
            if (b != null) {
                out.add(b.build());
            }
        };
    }

    /** readlink's result: the return value counts the bytes, no NUL follows; a path, so never snapped. */
    static Capture readlinkAtExit(int arg) {
        return (c, r, out) -> out.add(r.unsnapped(arg, c.arg(arg),
                Math.min(c.returnValue(), BufferReader.PATH_MAX), true).build());
    }

    /** prctl(PR_SET_NAME, name): the thread's new name, read as strace reads it (TASK_COMM_LEN bytes at most). */
    static void prctlAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        if (c.arg(0) == PR_SET_NAME) {
            Buffer.Builder b = r.string(1, c.arg(1), false, TASK_COMM_LEN);
            if (b != null) {
                out.add(b.build());
            }
        }
    }

    static void fdPairAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(3, c.arg(3), 8, true).build());
    }

    static void pipeAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(0, c.arg(0), 8, true).build());
    }

    static void iovecAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        iovecs(r, out, 1, c.arg(1), c.arg(2), Long.MAX_VALUE, false);
    }

    static void iovecAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        iovecs(r, out, 1, c.arg(1), c.arg(2), c.returnValue(), true);
    }

    static void msghdrAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        msghdr(c, r, out, Long.MAX_VALUE, false);
    }

    /** The msghdr alone, without what it points to. */
    static void msghdrHeaderAtEntry(SyscallEvent c, BufferReader r, List<Buffer> out) {
        out.add(r.copy(1, c.arg(1), MSGHDR_SIZE, false).build());
    }

    static void msghdrAtExit(SyscallEvent c, BufferReader r, List<Buffer> out) {
        msghdr(c, r, out, c.returnValue(), true);
    }

    private static void msghdr(SyscallEvent c, BufferReader r, List<Buffer> out, long total, boolean atExit) {
        out.add(r.copy(1, c.arg(1), MSGHDR_SIZE, atExit).build());
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
            out.add(r.copy(1, name, Math.min(nameLength, SOCKADDR_MAX), atExit).setPart(Buffer.Part.MSG_NAME).build());
        }
        iovecs(r, out, 1, iov, iovLength, total, atExit);
        if (control != 0 && controlLength > 0) {
            out.add(r.copy(1, control, Math.min(controlLength, 64 * 1024), atExit).setPart(Buffer.Part.MSG_CONTROL)
                    .build());
        }
    }

    /**
     * One IOV buffer per element; {@code total} bytes are spread over them in order (the return
     * value at exit), and the snap length applies to the call as a whole.
     */
    private static void iovecs(BufferReader r, List<Buffer> out, int arg, long array, long count, long total,
                               boolean atExit) {
        long left = total;
        long snap = r.snaplen();
        int n = (int) Math.min(Math.max(count, 0), IOV_MAX);
        for (int i = 0; i < n; i++) {
            ByteBuffer iov = r.struct(array + 16L * i, 16);
            if (iov == null) {
                out.add(Buffer.newBuilder().setArg(arg).setPart(Buffer.Part.IOV).setIndex(i).setAtExit(atExit)
                        .setAddress(array + 16L * i).setError(14).build()); // EFAULT: the array itself is unreadable
                return;
            }
            long base = iov.getLong(0);
            long length = iov.getLong(8);
            long keep = Math.min(Math.min(length, left), snap);
            out.add(r.copy(arg, base, length, keep, atExit).setPart(Buffer.Part.IOV).setIndex(i).build());
            left -= Math.min(length, left);
            snap -= Math.max(keep, 0);
        }
    }

    private static void sockaddrWithLength(SyscallEvent c, BufferReader r, List<Buffer> out, int addrArg, int lenArg) {
        if (c.arg(addrArg) == 0 || c.arg(lenArg) == 0) {
            return;
        }
        ByteBuffer len = r.struct(c.arg(lenArg), 4);
        out.add(r.copy(lenArg, c.arg(lenArg), 4, true).build());
        if (len != null) {
            out.add(r.copy(addrArg, c.arg(addrArg), Math.min(len.getInt(0) & 0xffffffffL, SOCKADDR_MAX), true).build());
        }
    }
}
