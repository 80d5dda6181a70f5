package io.jtrace.recorder.proc;

import com.google.protobuf.ByteString;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Socket;
import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.ptrace.LibC;
import io.jtrace.recorder.ptrace.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * What {@code -y}/{@code -yy} print about an fd, read when a call that created or changed it
 * returns, while its thread is stopped: the /proc link target ({@code socket:[147260]},
 * {@code /dev/null}), the target's file type and device numbers, and for a socket its family,
 * type, protocol and both addresses. strace reads the same when it prints each line; an analyzer
 * reading the trace later cannot, so the recorder keeps it in {@code Syscall.fds}.
 *
 * <p>A socket's addresses are asked of the socket itself: pidfd_getfd (Linux 5.6) duplicates the
 * tracee's fd into the recorder for getsockname, getpeername and getsockopt, and the duplicate is
 * closed at once; the tracee's fd, its file description and its locks are untouched. Without
 * pidfd_getfd the socket keeps its inode only. Probed calls are the ones that make fds (socket,
 * accept, open, dup, pipe, ...) and those that give a socket its addresses (bind, listen,
 * connect): a few syscalls of the recorder's per such call, none per read or write (a pidfd is
 * kept per process). Only a device's path is stat'ed, for {@code -yy}'s {@code char 1:3}.
 */
public final class FdProbe {
    private static final long SYS_PIDFD_OPEN = 434;
    private static final long SYS_PIDFD_GETFD = 438;
    private static final int SOL_SOCKET = 1;
    private static final int SO_TYPE = 3;
    private static final int SO_PROTOCOL = 38;
    private static final int SO_DOMAIN = 39;
    private static final int AF_UNIX = 1;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int AF_NETLINK = 16;
    private static final int EINPROGRESS = 115;
    private static final int F_DUPFD = 0;
    private static final int F_DUPFD_CLOEXEC = 1030;

    private static final Set<String> RETURN_FD = Set.of("socket", "accept", "accept4", "open", "openat", "openat2",
            "creat", "dup", "dup2", "dup3", "eventfd", "eventfd2", "epoll_create", "epoll_create1", "memfd_create",
            "timerfd_create", "signalfd", "signalfd4", "inotify_init", "inotify_init1", "fanotify_init",
            "userfaultfd", "pidfd_open", "perf_event_open", "io_uring_setup", "open_by_handle_at", "memfd_secret");
    private static final Set<String> ADDRESSED = Set.of("bind", "listen", "connect");

    private final int[] kinds;
    private final int fcntl;
    private final int ioctl;
    private final int pipe;
    private final int pipe2;
    private final int socketpair;
    private final int recvmsg;
    private final int clone;
    private final int clone3;
    private static final int TARGET_BYTES = 4096;
    private static final int S_IFSOCK = 0140000;
    /** pidfds kept per traced process (closed at its exit, {@link #forget}); at most this many. */
    private static final int MAX_PIDFDS = 256;

    private final LibC libc = Native.libc();
    private final Pointer target = Memory.allocateDirect(Native.runtime(), TARGET_BYTES);
    private final java.util.Map<Integer, Integer> pidfds = new java.util.HashMap<>();
    private final Pointer address = Memory.allocateDirect(Native.runtime(), 128);
    private final Pointer length = Memory.allocateDirect(Native.runtime(), 8);
    private boolean noPidfd;
    private final UnixDiag unixDiag = new UnixDiag();

    /** {@code -Djtrace.fdProbe=false} turns the probe off, for measuring its cost (BENCHMARKS.md). */
    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("jtrace.fdProbe", "true"));
    private static final int NONE = 0;
    private static final int RET = 1;
    private static final int ARG0 = 2;

    public FdProbe(SyscallTable table) {
        kinds = new int[table.size()];
        RETURN_FD.forEach(n -> mark(table, n, RET));
        ADDRESSED.forEach(n -> mark(table, n, ARG0));
        fcntl = table.number("fcntl");
        ioctl = table.number("ioctl");
        pipe = table.number("pipe");
        pipe2 = table.number("pipe2");
        socketpair = table.number("socketpair");
        recvmsg = table.number("recvmsg");
        clone = table.number("clone");
        clone3 = table.number("clone3");
    }

    private void mark(SyscallTable table, String name, int kind) {
        int nr = table.number(name);
        if (nr >= 0) {
            kinds[nr] = kind;
        }
    }

    /**
     * The fd a call that returned {@code ret} created or changed, or -1: the pairs of pipe and
     * socketpair are {@link #pairAddress}'s.
     */
    public int fdOf(int nr, long[] args, long ret) {
        if (!ENABLED || nr < 0 || nr >= kinds.length) {
            return -1;
        }
        if (kinds[nr] == RET || nr == fcntl && (args[1] == F_DUPFD || args[1] == F_DUPFD_CLOEXEC)
                || nr == ioctl && ioctlReturnsFd((int) args[1])) {
            return ret >= 0 ? (int) ret : -1;
        }
        if (kinds[nr] == ARG0 && (ret == 0 || ret == -EINPROGRESS)) {
            return (int) args[0];
        }
        return -1;
    }

    /** The ioctl requests that return a new fd (strace's RVAL_FD). */
    private static boolean ioctlReturnsFd(int request) {
        return switch (request) {
            case 0xae01, 0xae41, 0xb701, 0xb702 -> true;   // KVM_CREATE_VM, KVM_CREATE_VCPU, NS_GET_USERNS, NS_GET_PARENT
            default -> false;
        };
    }

    /** Where pipe, pipe2 and socketpair wrote their two fds, or 0 for other calls and failures. */
    public long pairAddress(int nr, long[] args, long ret) {
        if (!ENABLED || ret != 0) {
            return 0;
        }
        return nr == pipe || nr == pipe2 ? args[0] : nr == socketpair ? args[3] : 0;
    }

    /**
     * Where a clone with CLONE_PIDFD wrote the pidfd it made, in the creator: clone's parent_tid argument;
     * for clone3, {@link #CLONE_ARGS} (its struct clone_args holds the address); 0 for other calls, failures
     * and the child's return.
     */
    public long pidfdAddress(int nr, long[] args, long ret) {
        if (!ENABLED || ret <= 0) {
            return 0;
        }
        if (nr == clone && (args[0] & CLONE_PIDFD) != 0) {
            return args[2];
        }
        return nr == clone3 ? CLONE_ARGS : 0;
    }

    /** {@link #pidfdAddress}'s answer for clone3: read the flags and the pidfd pointer from its first argument. */
    public static final long CLONE_ARGS = -1;
    public static final long CLONE_PIDFD = 0x1000;

    /** Where a successful recvmsg's msghdr is (its SCM_RIGHTS fds are new), or 0 for other calls and failures. */
    public long msghdrAddress(int nr, long[] args, long ret) {
        return ENABLED && nr == recvmsg && ret >= 0 ? args[1] : 0;
    }

    /** The state of {@code fd} of thread {@code tid} (of process {@code pid}), encoded; null when it is gone. */
    public byte[] probe(int pid, int tid, int fd) {
        String link = "/proc/" + ProcPids.of(tid) + "/fd/" + fd; // /proc may be an ancestor namespace's
        long n = libc.readlink(link, target, TARGET_BYTES);
        if (n <= 0) {
            return null; // closed meanwhile by another thread, or the task is gone
        }
        byte[] bytes = new byte[(int) n];
        target.get(0, bytes, 0, bytes.length);
        String path = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        Fd.Builder b = Fd.newBuilder().setFd(fd).setTarget(path).setKind(ProcessSnapshot.kind(path));
        if (!validUtf8(bytes)) {
            b.setRawTarget(ByteString.copyFrom(bytes)); // -y prints the name's own bytes
        }
        if (path.startsWith("/dev/")) {
            device(Path.of(link), b); // only a device's type and numbers are printed (-yy)
        }
        if (path.startsWith("socket:[") && path.endsWith("]")) {
            Socket.Builder s = Socket.newBuilder();
            try {
                s.setInode(Long.parseLong(path.substring(8, path.length() - 1)));
            } catch (NumberFormatException e) {
                // no inode number
            }
            addresses(pid, fd, s);
            b.setSocket(s).setMode(S_IFSOCK);
        }
        return b.build().toByteArray();
    }

    /** readlink(2) of {@code link}, the kernel's bytes (Java's Path decodes them by the locale); null when it fails. */
    static byte[] readlinkBytes(String link) {
        Pointer buffer = Memory.allocateDirect(Native.runtime(), TARGET_BYTES);
        long n = Native.libc().readlink(link, buffer, TARGET_BYTES);
        if (n <= 0) {
            return null;
        }
        byte[] bytes = new byte[(int) n];
        buffer.get(0, bytes, 0, bytes.length);
        return bytes;
    }

    static boolean validUtf8(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** The type and, for a device node, the numbers of the file {@code link} (a /proc/PID/fd/N) leads to. */
    static void device(Path link, Fd.Builder b) {
        try {
            var attributes = Files.readAttributes(link, "unix:mode,rdev");
            int mode = (Integer) attributes.get("mode") & 0170000;
            b.setMode(mode);
            if (mode == 0020000 || mode == 0060000) {
                b.setRdev((Long) attributes.get("rdev"));
            }
        } catch (IOException | RuntimeException e) {
            // the type stays unknown
        }
    }

    /** The process is gone: its pidfd, if we hold one, is closed. */
    public void forget(int pid) {
        Integer pidfd = pidfds.remove(pid);
        if (pidfd != null) {
            libc.close(pidfd);
        }
    }

    private void addresses(int pid, int fd, Socket.Builder s) {
        if (noPidfd) {
            return;
        }
        Integer held = pidfds.get(pid);
        int pidfd;
        if (held != null) {
            pidfd = held;
        } else {
            pidfd = (int) libc.syscall(SYS_PIDFD_OPEN, pid, 0, 0, 0);
            if (pidfd < 0) {
                noPidfd = Native.errno() == 38; // ENOSYS: an older kernel, never again
                return;
            }
            if (pidfds.size() >= MAX_PIDFDS) {
                pidfds.values().forEach(libc::close); // processes whose exit went unreported: start afresh
                pidfds.clear();
            }
            pidfds.put(pid, pidfd);
        }
        {
            int own = (int) libc.syscall(SYS_PIDFD_GETFD, pidfd, fd, 0, 0);
            if (own < 0) {
                noPidfd = Native.errno() == 38;
                return;
            }
            try {
                int family = option(own, SO_DOMAIN);
                s.setFamily(Math.max(family, 0)).setType(Math.max(option(own, SO_TYPE), 0))
                        .setProtocol(Math.max(option(own, SO_PROTOCOL), 0));
                if (name(own, false)) {
                    local(family, s);
                }
                boolean named = name(own, true);
                if (named) {
                    peer(family, s);
                }
                // only a connected UNIX socket has a peer to ask sock_diag for: getpeername gave a
                // name, or the family alone (an unnamed peer; a failure leaves the length as set)
                if (family == AF_UNIX && (named || length.getInt(0) == 2)) {
                    s.setPeerInode(unixDiag.peer(s.getInode()));
                }
            } finally {
                libc.close(own);
            }
        }
    }

    private int option(int fd, int name) {
        length.putInt(0, 4);
        return libc.getsockopt(fd, SOL_SOCKET, name, address, length) == 0 ? address.getInt(0) : -1;
    }

    private boolean name(int fd, boolean peer) {
        length.putInt(0, 128);
        int rc = peer ? libc.getpeername(fd, address, length) : libc.getsockname(fd, address, length);
        return rc == 0 && length.getInt(0) > 2;
    }

    private void local(int family, Socket.Builder s) {
        switch (family) {
            case AF_INET, AF_INET6 -> {
                s.setLocalAddr(ip(family)).setLocalPort(port());
            }
            case AF_UNIX -> s.setPath(unixPath());
            case AF_NETLINK -> s.setLocalPort(address.getInt(4));   // nl_pid: -yy's NETLINK:[SOCK_DIAG:nl_pid]
            default -> {
            }
        }
    }

    private void peer(int family, Socket.Builder s) {
        if (family == AF_INET || family == AF_INET6) {
            s.setPeerAddr(ip(family)).setPeerPort(port());
        }
    }

    private int port() {
        return (address.getByte(2) & 0xff) << 8 | (address.getByte(3) & 0xff);
    }

    private ByteString ip(int family) {
        byte[] bytes = new byte[family == AF_INET ? 4 : 16];
        address.get(family == AF_INET ? 4 : 8, bytes, 0, bytes.length);
        return ByteString.copyFrom(bytes);
    }

    /** sun_path as /proc/net/unix shows it: "@name" for an abstract address, "" for none. */
    private String unixPath() {
        int n = length.getInt(0) - 2;
        if (n <= 0) {
            return "";
        }
        byte[] path = new byte[n];
        address.get(2, path, 0, n);
        boolean abstractName = path[0] == 0;
        int end = abstractName ? n : 0;
        while (!abstractName && end < n && path[end] != 0) {
            end++;
        }
        String text = new String(path, abstractName ? 1 : 0, abstractName ? n - 1 : end,
                java.nio.charset.StandardCharsets.UTF_8);
        return abstractName ? "@" + text : text;
    }
}
