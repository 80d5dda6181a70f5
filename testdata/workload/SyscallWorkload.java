import java.nio.charset.StandardCharsets;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/**
 * A deterministic, single-threaded sequence of socket, file and descriptor syscalls made straight
 * through libc (jnr-ffi), for comparing jtrace-analyze's lines with strace's (FidelityTest). Every
 * call's arguments and results are the same from run to run except the ephemeral ports, addresses
 * and the directory given as the only argument; loops are bounded; it talks to 127.0.0.1 only.
 *
 * <p>The calls between the two marker writes ({@code write(-1, "jtrace-fidelity-begin", 21)} and
 * {@code write(-1, "jtrace-fidelity-end", 19)}, both failing with EBADF) are made by the main
 * thread alone, so a test can pick them out of a trace by thread. Compile and run with jnr-ffi on
 * the class path (recorder/target/lib/*):
 *
 * <pre>javac -cp 'recorder/target/lib/*' -d OUT testdata/workload/SyscallWorkload.java
 * java -cp "OUT:recorder/target/lib/*" SyscallWorkload DIR</pre>
 */
public class SyscallWorkload {
    /** The libc functions used; each is a thin wrapper of the syscall of the same name. */
    public interface LibC {
        long write(int fd, Pointer buf, long count);

        long read(int fd, Pointer buf, long count);

        int socket(int domain, int type, int protocol);

        int socketpair(int domain, int type, int protocol, Pointer fds);

        int bind(int fd, Pointer addr, int len);

        int listen(int fd, int backlog);

        int accept(int fd, Pointer addr, Pointer len);

        int accept4(int fd, Pointer addr, Pointer len, int flags);

        int connect(int fd, Pointer addr, int len);

        int getsockname(int fd, Pointer addr, Pointer len);

        int getpeername(int fd, Pointer addr, Pointer len);

        int setsockopt(int fd, int level, int name, Pointer value, int len);

        int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

        long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrlen);

        long recvfrom(int fd, Pointer buf, long len, int flags, Pointer addr, Pointer addrlen);

        long sendmsg(int fd, Pointer msg, int flags);

        long recvmsg(int fd, Pointer msg, int flags);

        long readv(int fd, Pointer iov, int count);

        long writev(int fd, Pointer iov, int count);

        int shutdown(int fd, int how);

        int close(int fd);

        int openat(int dirfd, String path, int flags, int mode);

        long pread64(int fd, Pointer buf, long count, long offset);

        long lseek(int fd, long offset, int whence);

        int fcntl(int fd, int cmd, long arg);

        int dup(int fd);

        int dup2(int fd, int fd2);

        int dup3(int fd, int fd2, int flags);

        int pipe(Pointer fds);

        int pipe2(Pointer fds, int flags);

        int ftruncate(int fd, long length);

        int fsync(int fd);

        int mkdir(String path, int mode);

        int rmdir(String path);

        int unlink(String path);

        int rename(String from, String to);

        int symlink(String target, String link);

        long readlink(String path, Pointer buf, long size);

        int access(String path, int mode);

        int chmod(String path, int mode);

        int truncate(String path, long length);

        int mkdirat(int dirfd, String path, int mode);

        int fchmodat(int dirfd, String path, int mode, int flags);

        int fchownat(int dirfd, String path, int uid, int gid, int flags);

        int symlinkat(String target, int dirfd, String link);

        long readlinkat(int dirfd, String path, Pointer buf, long size);

        int linkat(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);

        int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);

        int faccessat(int dirfd, String path, int mode, int flags);

        int utimensat(int dirfd, String path, Pointer times, int flags);

        int unlinkat(int dirfd, String path, int flags);

        int fallocate(int fd, int mode, long offset, long length);

        int posix_fadvise(int fd, long offset, long length, int advice);

        int flock(int fd, int operation);

        int sync_file_range(int fd, long offset, long nbytes, int flags);

        int fdatasync(int fd);

        int memfd_create(String name, int flags);

        int timerfd_create(int clock, int flags);

        int eventfd(int initval, int flags);

        int inotify_init1(int flags);

        int inotify_add_watch(int fd, String path, int mask);

        int epoll_create1(int flags);

        long splice(int in, Pointer offIn, int out, Pointer offOut, long length, int flags);

        long tee(int in, int out, long length, int flags);
    }

    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_TYPE = 3;
    static final int SO_ERROR = 4;
    static final int SO_KEEPALIVE = 9;
    static final int SO_LINGER = 13;
    static final int SOL_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITALL = 0x100;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SCM_RIGHTS = 1;
    static final int AT_FDCWD = -100;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;
    static final int O_NONBLOCK = 04000;
    static final int O_DIRECTORY = 0200000;
    static final int O_CLOEXEC = 02000000;
    static final int F_DUPFD = 0;
    static final int F_GETFD = 1;
    static final int F_SETFD = 2;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int F_DUPFD_CLOEXEC = 1030;

    /** The lowest fd the marked part gets. */
    static final int FIRST_FD = 64;

    static LibC c;
    static Runtime rt;

    public static void main(String[] args) {
        String dir = args[0];
        c = LibraryLoader.create(LibC.class).load("c");
        rt = Runtime.getRuntime(c);
        // a first pass loads and links every class and call path, so the marked pass runs alone
        body(dir);
        // fill every fd below FIRST_FD, so the marked pass's fds are the same whatever the JVM opened
        for (int fd = c.dup(0); fd >= 0 && fd < FIRST_FD - 1; ) {
            fd = c.dup(0);
        }
        marker("jtrace-fidelity-begin");
        body(dir);
        marker("jtrace-fidelity-end");
        System.exit(0);
    }

    static void body(String dir) {
        for (int round = 0; round < 2; round++) {
            tcp(round);
        }
        udp();
        unix();
        refused();
        pipes();
        files(dir);
        fileAt(dir);
        descriptors(dir);
        otherFamilies(dir);
    }

    static void marker(String text) {
        Pointer p = bytes(text);
        c.write(-1, p, text.length());
    }

    static Pointer bytes(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        Pointer p = Memory.allocateDirect(rt, Math.max(b.length, 1));
        p.put(0, b, 0, b.length);
        return p;
    }

    static Pointer buffer(int size) {
        return Memory.allocateDirect(rt, size, true);
    }

    static Pointer intValue(int v) {
        Pointer p = buffer(4);
        p.putInt(0, v);
        return p;
    }

    /** struct sockaddr_in for 127.0.0.1:port. */
    static Pointer loopback(int port) {
        Pointer p = buffer(16);
        p.putShort(0, (short) AF_INET);
        p.putByte(2, (byte) (port >> 8));
        p.putByte(3, (byte) port);
        p.putByte(4, (byte) 127);
        p.putByte(7, (byte) 1);
        return p;
    }

    static int port(Pointer sockaddr) {
        return (sockaddr.getByte(2) & 0xff) << 8 | sockaddr.getByte(3) & 0xff;
    }

    /** An iovec array over the given buffers, each with its size. */
    static Pointer iovec(Pointer[] bases, int[] sizes) {
        Pointer v = buffer(16 * bases.length);
        for (int i = 0; i < bases.length; i++) {
            v.putAddress(16 * i, bases[i].address());
            v.putLong(16 * i + 8, sizes[i]);
        }
        return v;
    }

    static Pointer msghdr(Pointer name, int nameLength, Pointer iov, int iovLength, Pointer control,
            int controlLength) {
        Pointer m = buffer(56);
        m.putAddress(0, name == null ? 0 : name.address());
        m.putInt(8, nameLength);
        m.putAddress(16, iov.address());
        m.putLong(24, iovLength);
        m.putAddress(32, control == null ? 0 : control.address());
        m.putLong(40, controlLength);
        return m;
    }

    /** A listening socket on 127.0.0.1, its port, a connected client and the accepted server end. */
    static void tcp(int round) {
        int listener = c.socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 6);
        c.setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, intValue(1), 4);
        c.bind(listener, loopback(0), 16);
        c.listen(listener, 8);
        Pointer name = buffer(128);
        Pointer length = intValue(128);
        c.getsockname(listener, name, length);
        int port = port(name);

        int client = c.socket(AF_INET, SOCK_STREAM, 0);
        c.setsockopt(client, SOL_TCP, TCP_NODELAY, intValue(1), 4);
        c.connect(client, loopback(port), 16);
        Pointer peer = buffer(128);
        Pointer peerLength = intValue(128);
        int server = round == 0 ? c.accept(listener, peer, peerLength)
                : c.accept4(listener, peer, peerLength, SOCK_CLOEXEC);
        c.getpeername(client, name, intValue(16));
        c.getsockname(server, name, intValue(16));

        Pointer value = buffer(16);
        Pointer valueLength = intValue(4);
        c.getsockopt(client, SOL_SOCKET, SO_TYPE, value, valueLength);
        c.getsockopt(client, SOL_SOCKET, SO_ERROR, value, intValue(4));
        c.getsockopt(client, SOL_TCP, TCP_NODELAY, value, intValue(4));
        Pointer linger = buffer(8);
        linger.putInt(0, 1);
        linger.putInt(4, 0);
        c.setsockopt(server, SOL_SOCKET, SO_LINGER, linger, 8);
        c.getsockopt(server, SOL_SOCKET, SO_LINGER, value, intValue(8));
        c.setsockopt(server, SOL_SOCKET, SO_KEEPALIVE, intValue(1), 4);

        // request and response in every style the analyzer decodes
        String request = "GET /" + round + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        Pointer out = bytes(request);
        int requestLength = request.length();
        c.sendto(client, out, requestLength, MSG_NOSIGNAL, null, 0);
        Pointer in = buffer(256);
        c.recvfrom(server, in, requestLength, MSG_WAITALL, null, null);

        Pointer head = bytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        Pointer body = bytes("hello");
        c.writev(server, iovec(new Pointer[] {head, body}, new int[] {38, 5}), 2);
        Pointer a = buffer(16);
        Pointer b = buffer(64);
        c.readv(client, iovec(new Pointer[] {a, b}, new int[] {16, 64}), 2);

        Pointer binary = buffer(8);
        binary.put(0, new byte[] {0, 1, '7', '\t', (byte) 0xff, '\\', '"', 'z'}, 0, 8);
        c.sendmsg(client, msghdr(null, 0, iovec(new Pointer[] {binary, body}, new int[] {8, 5}), 2, null, 0),
                MSG_NOSIGNAL);
        Pointer r1 = buffer(8);
        Pointer r2 = buffer(32);
        c.recvmsg(server, msghdr(null, 0, iovec(new Pointer[] {r1, r2}, new int[] {8, 5}), 2, null, 0),
                MSG_WAITALL);

        // nothing left to read: EAGAIN
        c.recvfrom(server, in, 256, MSG_DONTWAIT, null, null);
        // a long message is cut at -s 32
        Pointer longText = bytes("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        c.write(client, longText, 62);
        c.read(server, in, 62);

        c.shutdown(client, 1);
        c.read(server, in, 256);
        c.close(server);
        c.read(client, in, 256);
        c.close(client);
        c.close(listener);
    }

    /** Datagrams with addresses, through sendto/recvfrom and sendmsg/recvmsg. */
    static void udp() {
        int receiver = c.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        c.bind(receiver, loopback(0), 16);
        Pointer name = buffer(128);
        c.getsockname(receiver, name, intValue(128));
        int port = port(name);
        int sender = c.socket(AF_INET, SOCK_DGRAM, 17);
        Pointer data = bytes("ping\0pong\n");
        c.sendto(sender, data, 10, 0, loopback(port), 16);
        Pointer from = buffer(128);
        Pointer in = buffer(64);
        c.recvfrom(receiver, in, 64, 0, from, intValue(128));

        c.sendmsg(sender, msghdr(loopback(port), 16, iovec(new Pointer[] {data}, new int[] {10}), 1, null, 0), 0);
        Pointer got = buffer(64);
        c.recvmsg(receiver, msghdr(from, 128, iovec(new Pointer[] {got}, new int[] {64}), 1, null, 0), 0);

        c.connect(sender, loopback(port), 16);
        c.write(sender, data, 4);
        c.recvfrom(receiver, in, 2, 0, null, null);   // a datagram longer than the buffer
        c.close(sender);
        c.close(receiver);
    }

    /** A unix socket pair passing an fd with SCM_RIGHTS. */
    static void unix() {
        Pointer fds = buffer(8);
        c.socketpair(AF_UNIX, SOCK_STREAM, 0, fds);
        int left = fds.getInt(0);
        int right = fds.getInt(4);
        Pointer data = bytes("fd");
        Pointer control = buffer(24);
        control.putLong(0, 20);           // cmsg_len = CMSG_LEN(sizeof(int))
        control.putInt(8, SOL_SOCKET);
        control.putInt(12, SCM_RIGHTS);
        control.putInt(16, right);
        c.sendmsg(left, msghdr(null, 0, iovec(new Pointer[] {data}, new int[] {2}), 1, control, 24), 0);
        Pointer in = buffer(16);
        Pointer received = buffer(64);
        c.recvmsg(right, msghdr(null, 0, iovec(new Pointer[] {in}, new int[] {16}), 1, received, 64), 0);
        int passed = received.getInt(16);
        c.close(passed);
        c.close(right);
        c.close(left);
    }

    /** Errors: a connection refused and a call on a closed fd. */
    static void refused() {
        int probe = c.socket(AF_INET, SOCK_STREAM, 0);
        c.bind(probe, loopback(0), 16);
        Pointer name = buffer(128);
        c.getsockname(probe, name, intValue(128));
        int port = port(name);
        c.close(probe);
        int client = c.socket(AF_INET, SOCK_STREAM, 0);
        c.connect(client, loopback(port), 16);
        c.close(client);
        c.close(client);
    }

    static void pipes() {
        Pointer fds = buffer(8);
        c.pipe(fds);
        int r = fds.getInt(0);
        int w = fds.getInt(4);
        Pointer data = buffer(8);
        data.put(0, new byte[] {'x', 0, '1', 1, 'z', (byte) 0xfe, '\r', '\n'}, 0, 8);
        c.write(w, data, 8);
        Pointer in = buffer(16);
        c.read(r, in, 16);
        c.fcntl(r, F_GETFL, 0);
        c.fcntl(r, F_SETFL, O_NONBLOCK);
        c.fcntl(r, F_GETFL, 0);
        c.fcntl(r, F_GETFD, 0);
        c.fcntl(r, F_SETFD, 1);
        c.fcntl(r, F_GETFD, 0);
        int copy = c.fcntl(r, F_DUPFD_CLOEXEC, 40);
        int copy2 = c.fcntl(r, F_DUPFD, 50);
        c.dup2(r, 60);
        int copy3 = c.dup(w);
        c.dup3(w, 61, O_CLOEXEC);
        c.read(r, in, 16);                // empty, non-blocking: EAGAIN
        c.close(copy);
        c.close(copy2);
        c.close(copy3);
        c.close(60);
        c.close(61);
        c.close(w);
        c.read(r, in, 16);                // writers gone: end of file
        c.close(r);
        c.pipe2(fds, O_CLOEXEC | O_NONBLOCK);
        c.close(fds.getInt(0));
        c.close(fds.getInt(1 * 4));
    }

    /** The *at() family relative to a directory fd. */
    static void fileAt(String dir) {
        int d = c.openat(AT_FDCWD, dir, O_DIRECTORY | O_CLOEXEC, 0);
        c.mkdirat(d, "at", 0755);
        int f = c.openat(d, "at/f", O_RDWR | O_CREAT | O_TRUNC, 0600);
        c.write(f, bytes("abc\n"), 4);
        c.fallocate(f, 1, 0, 4096);          // FALLOC_FL_KEEP_SIZE
        c.posix_fadvise(f, 0, 0, 2);         // POSIX_FADV_SEQUENTIAL
        c.flock(f, 1 | 4);                   // LOCK_SH|LOCK_NB
        c.flock(f, 8);                       // LOCK_UN
        c.sync_file_range(f, 0, 0, 2);       // SYNC_FILE_RANGE_WRITE
        c.fdatasync(f);
        c.fchmodat(d, "at/f", 0644, 0);
        c.fchownat(d, "at/f", -1, -1, 0x100);   // AT_SYMLINK_NOFOLLOW
        c.symlinkat("f", d, "at/l");
        c.readlinkat(d, "at/l", buffer(64), 64);
        c.linkat(d, "at/f", d, "at/h", 0);
        c.renameat2(d, "at/h", d, "at/h2", 1);  // RENAME_NOREPLACE
        c.faccessat(d, "at/f", 4 | 2, 0x200);   // R_OK|W_OK, AT_EACCESS
        c.faccessat(d, "at/none", 0, 0);
        c.utimensat(d, "at/f", null, 0);
        c.unlinkat(d, "at/l", 0);
        c.unlinkat(d, "at/h2", 0);
        c.unlinkat(d, "at/f", 0);
        c.unlinkat(d, "at", 0x200);            // AT_REMOVEDIR
        c.close(f);
        c.close(d);
    }

    /** fds that are neither files nor sockets, and moving data between pipes. */
    static void descriptors(String dir) {
        c.close(c.memfd_create("jtrace", 1));                   // MFD_CLOEXEC
        c.close(c.timerfd_create(1, O_CLOEXEC | O_NONBLOCK));   // CLOCK_MONOTONIC
        c.close(c.eventfd(3, O_CLOEXEC | O_NONBLOCK));
        int in = c.inotify_init1(O_CLOEXEC);
        c.inotify_add_watch(in, dir, 0x100 | 0x200 | 0x1000000);  // IN_CREATE|IN_DELETE|IN_ONLYDIR
        c.close(in);
        c.close(c.epoll_create1(O_CLOEXEC));
        Pointer p = buffer(8);
        Pointer q = buffer(8);
        c.pipe2(p, O_CLOEXEC);
        c.pipe(q);
        c.write(p.getInt(4), bytes("xyz"), 3);
        c.splice(p.getInt(0), null, q.getInt(4), null, 3, 2);  // SPLICE_F_NONBLOCK
        c.write(p.getInt(4), bytes("k"), 1);
        c.tee(p.getInt(0), q.getInt(4), 1, 0);
        for (int k = 0; k < 2; k++) {
            c.close(p.getInt(4 * k));
            c.close(q.getInt(4 * k));
        }
    }

    /**
     * IPv6 on ::1, a unix datagram to an abstract name, a netlink socket. The name derives from
     * the directory argument: the same in two runs of one test, apart for concurrent tests.
     */
    static void otherFamilies(String dir) {
        int s6 = c.socket(10, SOCK_STREAM | SOCK_CLOEXEC, 0);
        c.setsockopt(s6, 41, 26, intValue(1), 4);   // IPPROTO_IPV6, IPV6_V6ONLY
        Pointer a6 = buffer(28);
        a6.putShort(0, (short) 10);
        a6.putByte(23, (byte) 1);                   // ::1
        c.bind(s6, a6, 28);
        c.listen(s6, 1);
        c.getsockname(s6, buffer(128), intValue(128));
        c.close(s6);

        String name = "jtrace-fidelity-" + Integer.toHexString(dir.hashCode());
        Pointer ua = buffer(110);
        ua.putShort(0, (short) AF_UNIX);
        ua.put(3, name.getBytes(StandardCharsets.US_ASCII), 0, name.length());
        int length = 3 + name.length();
        int u = c.socket(AF_UNIX, SOCK_DGRAM, 0);
        c.bind(u, ua, length);
        int u2 = c.socket(AF_UNIX, SOCK_DGRAM, 0);
        c.sendto(u2, bytes("dgram"), 5, 0, ua, length);
        c.recvfrom(u, buffer(16), 16, 0, buffer(128), intValue(128));
        c.close(u2);
        c.close(u);
        c.close(c.socket(16, 3 | SOCK_CLOEXEC, 0));   // AF_NETLINK, SOCK_RAW, NETLINK_ROUTE
    }

    static void files(String dir) {
        String sub = dir + "/sub";
        c.mkdir(sub, 0750);
        String file = sub + "/data.txt";
        int fd = c.openat(AT_FDCWD, file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
        Pointer text = bytes("line one\nline two\n");
        c.write(fd, text, 18);
        c.fsync(fd);
        c.ftruncate(fd, 17);
        c.close(fd);
        fd = c.openat(AT_FDCWD, file, O_RDWR | O_APPEND, 0);
        Pointer in = buffer(64);
        c.read(fd, in, 64);
        c.lseek(fd, 5, 0);
        c.pread64(fd, in, 3, 9);
        c.close(fd);
        c.openat(AT_FDCWD, sub + "/missing", 0, 0);
        c.openat(AT_FDCWD, file, O_WRONLY | O_CREAT | O_EXCL, 0600);
        int dirFd = c.openat(AT_FDCWD, sub, O_DIRECTORY | O_CLOEXEC, 0);
        c.close(dirFd);
        c.access(file, 4);
        c.access(sub + "/missing", 0);
        c.chmod(file, 0600);
        c.truncate(file, 4);
        String link = sub + "/link";
        c.symlink("data.txt", link);
        Pointer target = buffer(64);
        c.readlink(link, target, 64);
        c.rename(link, sub + "/link2");
        c.unlink(sub + "/link2");
        c.unlink(file);
        c.rmdir(sub);
    }
}
