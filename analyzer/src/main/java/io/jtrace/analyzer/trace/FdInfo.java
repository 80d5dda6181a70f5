package io.jtrace.analyzer.trace;

/**
 * What is known about one fd of one process: the /proc link target from the header's snapshot
 * or the path it was opened with, and for sockets the protocol and endpoints as they are learned
 * from socket/bind/connect/accept/getsockname/getpeername.
 */
public final class FdInfo {
    public enum Kind {
        FILE, SOCKET, PIPE, ANON, DEVICE, OTHER
    }

    private final Kind kind;
    private final String target;
    /** The target's own bytes when they are not valid UTF-8 (target then has U+FFFD in their place); else null. */
    byte[] targetBytes;
    int family;
    int type;
    long inode;
    String local;
    String peer;
    String unixPath;
    /** A UNIX socket's peer (the other end of a socketpair); 0 unknown. */
    long peerInode;
    /** The socket's protocol (socket()'s third argument, or the probe's SO_PROTOCOL); -1 unknown. */
    int socketProtocol = -1;
    /** A netlink socket's port id (nl_pid) once bound; 0 unbound or unknown. */
    long netlinkPid;
    /** A netlink socket the kernel has bound (by a send or connect), its port id not known. */
    boolean netlinkAutobound;
    /** st_mode's file type bits and st_rdev of the target, from the recorder's probe; 0 unknown. */
    int mode;
    long rdev;
    /** The file was unlinked in the trace since: strace prints {@code <path>(deleted)}. */
    boolean deleted;
    /** When the call that created this fd returned; before everything for fds found in use. */
    long createdNs = Long.MIN_VALUE;
    /** The connection when both its ends are in the trace and were paired by their bytes, else null. */
    ConnectionPairs.Connection connection;
    /** This end connected (else it was accepted), for {@link #connection}. */
    boolean connectionClient;

    FdInfo(Kind kind, String target) {
        this.kind = kind;
        this.target = target;
    }

    /** A file or directory known by its path alone. */
    public static FdInfo file(String path) {
        return new FdInfo(Kind.FILE, path);
    }

    FdInfo copy() {
        FdInfo c = new FdInfo(kind, target);
        c.targetBytes = targetBytes;
        c.family = family;
        c.type = type;
        c.inode = inode;
        c.local = local;
        c.peer = peer;
        c.unixPath = unixPath;
        c.peerInode = peerInode;
        c.socketProtocol = socketProtocol;
        c.netlinkPid = netlinkPid;
        c.netlinkAutobound = netlinkAutobound;
        c.mode = mode;
        c.rdev = rdev;
        c.deleted = deleted;
        c.createdNs = createdNs;
        c.connection = connection;
        c.connectionClient = connectionClient;
        return c;
    }

    /** Whether the file was unlinked since the fd was opened. */
    public boolean deleted() {
        return deleted;
    }

    public Kind kind() {
        return kind;
    }

    /** The path or "socket:[inode]"-style target, or null for a socket created in the trace. */
    public String target() {
        return target;
    }

    public int family() {
        return family;
    }

    /** The socket type (SOCK_STREAM 1, SOCK_DGRAM 2...), possibly with SOCK_NONBLOCK/SOCK_CLOEXEC bits; 0 unknown. */
    public int type() {
        return type;
    }

    /**
     * "127.0.0.1:8080" or "[::1]:8080"; null when not known. When the other end of the connection is in the trace
     * too (see {@link ConnectionPairs}), what it knew of this end counts.
     */
    public String local() {
        return local != null || connection == null ? local
                : connectionClient ? connection.client() : connection.server();
    }

    /** The other end's address, as {@link #local()}. */
    public String peer() {
        return peer != null || connection == null ? peer
                : connectionClient ? connection.server() : connection.client();
    }

    /** The connection both of whose ends are in the trace, paired by their bytes; null when not paired. */
    public ConnectionPairs.Connection connection() {
        return connection;
    }

    /** Whether this end connected (client), for {@link #connection()}. */
    public boolean connectionClient() {
        return connectionClient;
    }

    /**
     * A netlink socket's protocol (NETLINK_ROUTE 0, NETLINK_SOCK_DIAG 4, ...) once it is bound; -1 when
     * not netlink, unknown or unbound: strace learns it from sock_diag, which lists bound sockets only.
     */
    public int netlinkProtocol() {
        return family == 16 && (netlinkPid != 0 || netlinkAutobound) ? socketProtocol : -1;
    }

    /** strace's protocol name for {@code -yy}: TCP, TCPv6, UDP, UDPv6, UNIX-STREAM, NETLINK; or null. */
    public String protocol() {
        boolean stream = (type & 0xf) == 1;
        boolean dgram = (type & 0xf) == 2;
        return switch (family) {
            case 2 -> stream ? "TCP" : dgram ? "UDP" : null;
            case 10 -> stream ? "TCPv6" : dgram ? "UDPv6" : null;
            case 1 -> (type & 0xf) == 1 ? "UNIX-STREAM" : (type & 0xf) == 2 ? "UNIX-DGRAM"
                    : (type & 0xf) == 5 ? "UNIX-SEQPACKET" : "UNIX";
            case 16 -> "NETLINK";
            default -> null;
        };
    }

    /**
     * What {@code -yy} adds after a device's path, as strace: {@code char 1:3} or {@code block 8:0}
     * (glibc's dev_t encoding); null when not a device or not known.
     */
    public String device() {
        if (mode != 0020000 && mode != 0060000) {
            return null;
        }
        long major = (rdev >>> 8) & 0xfff | (rdev >>> 32) & ~0xfffL;
        long minor = rdev & 0xff | (rdev >>> 12) & ~0xffL;
        return (mode == 0020000 ? "char " : "block ") + major + ":" + minor;
    }

    /** The socket's inode (socket:[N]); 0 unknown. */
    public long inode() {
        return inode;
    }

    /** A UNIX socket's peer inode; 0 unknown. */
    public long peerInode() {
        return peerInode;
    }

    /** A UNIX socket's bound path ("@name" for an abstract one); null when none is known. */
    public String unixPath() {
        return unixPath;
    }

    /** A netlink socket's port id once bound; 0 unbound or unknown. */
    public long netlinkPid() {
        return netlinkPid;
    }

    /** The socket's protocol (socket()'s third argument, or the probe's); -1 unknown. */
    public int socketProtocol() {
        return socketProtocol;
    }

    /** The target's bytes when they are not valid UTF-8 (Fd.raw_target), else null. */
    public byte[] targetBytes() {
        return targetBytes == null ? null : targetBytes.clone();
    }
}
