package io.jtrace.analyzer.render;

import static io.jtrace.analyzer.render.Args.DATA_OUT;
import static io.jtrace.analyzer.render.Args.DIRFD;
import static io.jtrace.analyzer.render.Args.FAMILY;
import static io.jtrace.analyzer.render.Args.FD;
import static io.jtrace.analyzer.render.Args.FD_PAIR;
import static io.jtrace.analyzer.render.Args.HEX;
import static io.jtrace.analyzer.render.Args.INT;
import static io.jtrace.analyzer.render.Args.LENGTH_INOUT;
import static io.jtrace.analyzer.render.Args.LONG;
import static io.jtrace.analyzer.render.Args.MODE;
import static io.jtrace.analyzer.render.Args.OPEN_FLAGS;
import static io.jtrace.analyzer.render.Args.OUT_PTR;
import static io.jtrace.analyzer.render.Args.PATH;
import static io.jtrace.analyzer.render.Args.PROTOCOL;
import static io.jtrace.analyzer.render.Args.PTR;
import static io.jtrace.analyzer.render.Args.SOCKADDR_OUT;
import static io.jtrace.analyzer.render.Args.SOCK_TYPE;
import static io.jtrace.analyzer.render.Args.UINT;
import static io.jtrace.analyzer.render.Args.ULONG;
import static io.jtrace.analyzer.render.Args.dataIn;
import static io.jtrace.analyzer.render.Args.flags;
import static io.jtrace.analyzer.render.Args.hexValue;
import static io.jtrace.analyzer.render.Args.sockaddrIn;
import static io.jtrace.analyzer.render.Args.value;

import io.jtrace.analyzer.output.LineBuffer;
import io.jtrace.analyzer.trace.PidNamespaceIds;
import java.util.HashMap;
import java.util.Map;

/**
 * The decoder table: for each syscall name, how strace 6 prints its arguments and return value.
 * A syscall missing here prints its raw argument registers in hex, as strace does for syscalls it
 * does not decode.
 */
public final class Decoders {
    /** How a successful return value is printed; errors are printed the same way for all. */
    @FunctionalInterface
    public interface Ret {
        void append(Call call, LineBuffer out);
    }

    /** One syscall's decoder. */
    public record Decoder(Arg[] args, Ret ret) {
    }

    static final Ret DEC = (c, out) -> out.append(c.ret());
    static final Ret HEX_RET = (c, out) -> Formats.hex(out, c.ret());
    static final Ret NEW_FD = (c, out) -> {
        c.number(out, c.ret());
        if (c.options.fdDecoration > 0) {
            c.decorate(out, c.state.created(c.event));
        }
    };
    /** dup2 and dup3: the new fd now refers to what the old one does. */
    static final Ret DUP_FD = (c, out) -> {
        c.number(out, c.ret());
        if (c.options.fdDecoration > 0) {
            c.decorate(out, c.state.fd(c.syscall.getPid(), c.arg(0)));
        }
    };

    private static final Map<String, Decoder> TABLE = new HashMap<>();

    private static void def(String name, Ret ret, Arg... args) {
        TABLE.put(name, new Decoder(args, ret));
    }

    private static void def(String name, Arg... args) {
        def(name, DEC, args);
    }

    static {
        // data
        def("read", FD, DATA_OUT, ULONG);
        def("write", FD, dataIn(2), ULONG);
        def("pread64", FD, DATA_OUT, ULONG, LONG);
        def("pwrite64", FD, dataIn(2), ULONG, LONG);
        def("readv", FD, Structs.iovOut(2), ULONG);
        def("writev", FD, Structs.iovIn(2), ULONG);
        def("preadv", FD, Structs.iovOut(2), ULONG, LONG);
        def("pwritev", FD, Structs.iovIn(2), ULONG, LONG);
        def("preadv2", FD, Structs.iovOut(2), ULONG, LONG, DescArgs.RWF_FLAGS);
        def("pwritev2", FD, Structs.iovIn(2), ULONG, LONG, DescArgs.RWF_FLAGS);
        def("sendfile", FD, FD, DescArgs.SENDFILE_OFFSET, DescArgs.SENDFILE_COUNT);
        def("splice", FD, DescArgs.LOFF_IN, FD, DescArgs.LOFF_IN, ULONG, flags(Consts.SPLICE));
        // fd lifecycle
        def("close", FD);
        def("close_range", UINT, UINT, flags(Consts.CLOSE_RANGE));
        def("dup", NEW_FD, FD);
        def("dup2", DUP_FD, FD, FD);
        def("dup3", DUP_FD, FD, FD, Args.FD_FLAGS);
        def("fcntl", Fcntl.RET, Fcntl.ARGS);
        def("open", NEW_FD, PATH, OPEN_FLAGS, Fcntl.CREATE_MODE);
        def("openat", NEW_FD, DIRFD, PATH, OPEN_FLAGS, Fcntl.CREATE_MODE);
        def("openat2", NEW_FD, DIRFD, PATH, PTR, ULONG);
        def("creat", NEW_FD, PATH, MODE);
        def("pipe", FD_PAIR);
        def("pipe2", FD_PAIR, Args.FD_FLAGS);
        // network
        def("socket", NEW_FD, FAMILY, SOCK_TYPE, PROTOCOL);
        def("socketpair", FAMILY, SOCK_TYPE, ULONG, FD_PAIR);
        def("bind", FD, sockaddrIn(2), INT);
        def("connect", FD, sockaddrIn(2), INT);
        def("listen", FD, INT);
        def("accept", NEW_FD, FD, SOCKADDR_OUT, LENGTH_INOUT);
        def("accept4", NEW_FD, FD, SOCKADDR_OUT, LENGTH_INOUT, Args.SOCK_FLAGS);
        def("getsockname", FD, SOCKADDR_OUT, LENGTH_INOUT);
        def("getpeername", FD, SOCKADDR_OUT, LENGTH_INOUT);
        def("sendto", FD, Args.sockDataIn(2), ULONG, Args.socketFlags(Consts.MSG), sockaddrIn(5), INT);
        def("recvfrom", FD, Args.SOCK_RECV_DATA, ULONG, Args.socketFlags(Consts.MSG), SOCKADDR_OUT, LENGTH_INOUT);
        def("sendmsg", FD, Structs.MSGHDR_IN, Args.socketFlags(Consts.MSG));
        def("recvmsg", FD, Structs.MSGHDR_OUT, Args.socketFlags(Consts.MSG));
        def("sendmmsg", FD, Mmsg.SEND_VECTOR, UINT, Args.socketFlags(Consts.MSG));
        def("recvmmsg", Times.RECVMMSG_RET, FD, Mmsg.RECV_VECTOR, UINT, Args.socketFlags(Consts.MSG), Times.TIMESPEC_IN);
        def("shutdown", FD, Args.hexValue(Consts.SHUT));
        def("setsockopt", FD, Sockopts.LEVEL, Sockopts.SET_NAME, Sockopts.SET_VALUE, INT);
        def("getsockopt", FD, Sockopts.LEVEL, Sockopts.GET_NAME, Sockopts.GET_VALUE, LENGTH_INOUT);
        // files
        def("lseek", FD, LONG, hexValue(Consts.SEEK));
        def("fsync", FD);
        def("fdatasync", FD);
        def("ftruncate", FD, ULONG);
        def("truncate", PATH, LONG);
        def("fstat", FD, Stats.STAT_OUT);
        def("stat", PATH, Stats.STAT_OUT);
        def("lstat", PATH, Stats.STAT_OUT);
        def("newfstatat", DIRFD, PATH, Stats.STAT_OUT, flags(Consts.AT));
        def("statx", DIRFD, PATH, Args.STATX_FLAGS, flags(Consts.STATX_MASK), Statx.STATX_OUT);
        def("access", PATH, Args.ACCESS_MODE);
        def("faccessat", DIRFD, PATH, Args.ACCESS_MODE);
        def("faccessat2", DIRFD, PATH, Args.ACCESS_MODE, flags(Consts.FACCESSAT));
        def("unlink", PATH);
        def("unlinkat", DIRFD, PATH, flags(Consts.AT));
        def("mkdir", PATH, MODE);
        def("mkdirat", DIRFD, PATH, MODE);
        def("rmdir", PATH);
        def("rename", PATH, PATH);
        def("renameat", DIRFD, PATH, DIRFD, PATH);
        def("renameat2", DIRFD, PATH, DIRFD, PATH, flags(Consts.RENAME));
        def("link", PATH, PATH);
        def("symlink", PATH, PATH);
        def("readlink", PATH, DATA_OUT, ULONG);
        def("readlinkat", DIRFD, PATH, DATA_OUT, ULONG);
        def("chdir", PATH);
        def("fchdir", FD);
        def("chmod", PATH, MODE);
        def("fchmod", FD, MODE);
        def("fchmodat", DIRFD, PATH, MODE);
        def("getdents64", FD, Dirents.DIRENTS64, UINT);
        def("getdents", FD, Dirents.DIRENTS, UINT);
        def("getcwd", Args.STRING_OUT, ULONG);
        def("statfs", PATH, Statfs.STATFS_OUT);
        def("fstatfs", FD, Statfs.STATFS_OUT);
        def("ustat", Stats.DEV32, OUT_PTR);
        def("chown", PATH, Args.UID, Args.UID);
        def("lchown", PATH, Args.UID, Args.UID);
        def("fchown", FD, Args.UID, Args.UID);
        def("fchownat", DIRFD, PATH, Args.UID, Args.UID, flags(Consts.AT));
        def("linkat", DIRFD, PATH, DIRFD, PATH, flags(Consts.AT));
        def("symlinkat", PATH, DIRFD, PATH);
        def("chroot", PATH);
        def("utimensat", DIRFD, PATH, Times.UTIMENSAT_TIMES, flags(Consts.AT));
        def("flock", FD, flags(Consts.FLOCK));
        def("fallocate", FD, flags(Consts.FALLOC), LONG, LONG);
        def("fadvise64", FD, LONG, ULONG, hexValue(Consts.FADVISE));
        def("readahead", FD, LONG, ULONG);
        def("copy_file_range", FD, DescArgs.LOFF_IN, FD, DescArgs.LOFF_IN, ULONG, UINT);
        def("memfd_create", NEW_FD, DescArgs.MFD_NAME, DescArgs.MFD_FLAGS);
        def("timerfd_create", NEW_FD, hexValue(Consts.CLOCK), flags(t -> t.timerfdFlags));
        def("inotify_init", NEW_FD);
        def("mknod", PATH, NsArgs.MKNOD_MODE);
        def("mknodat", DIRFD, PATH, NsArgs.MKNOD_MODE);
        def("setns", FD, flags(NsArgs.SETNS_TYPES));
        def("userfaultfd", NEW_FD, flags(t -> t.userfaultfdFlags));
        def("inotify_init1", NEW_FD, flags(t -> t.inotifyInitFlags));
        def("eventfd", NEW_FD, UINT);
        def("inotify_add_watch", FD, PATH, flags(Consts.INOTIFY));
        def("fanotify_init", NEW_FD, Fanotify.INIT_FLAGS, OPEN_FLAGS);
        def("fanotify_mark", FD, Fanotify.MARK_FLAGS, Fanotify.MASK, Fanotify.DIRFD, PATH);
        def("inotify_rm_watch", FD, INT);
        def("signalfd4", NEW_FD, FD, Sigsets.sigset(2), ULONG, flags(t -> t.signalfdFlags));
        def("timerfd_settime", FD, flags(t -> t.timerfdFlags), Times.itimerspec(false), Times.itimerspec(true));
        def("timerfd_gettime", FD, Times.itimerspec(true));
        def("utimes", PATH, Times.UTIMES_TIMES);
        def("futimesat", DIRFD, PATH, Times.UTIMES_TIMES);
        def("syncfs", FD);
        def("sync_file_range", FD, LONG, LONG, flags(Consts.SYNC_FILE_RANGE));
        def("tee", FD, FD, ULONG, flags(Consts.SPLICE));
        def("vmsplice", FD, Structs.iovIn(2), ULONG, flags(Consts.SPLICE));
        def("select", Polls.SELECT_RET, INT, Polls.FD_SET, Polls.FD_SET, Polls.FD_SET, Times.TIMEVAL_IN);
        def("pselect6", Polls.PSELECT6_RET, INT, Polls.FD_SET, Polls.FD_SET, Polls.FD_SET, Times.TIMESPEC_IN,
                Sigsets.KERNEL_SIGSET);
        def("ppoll", Polls.PPOLL_RET, Polls.POLLFDS, UINT, Times.TIMESPEC_IN, Sigsets.sigset(4), ULONG);
        def("pidfd_open", NEW_FD, INT, HEX);
        def("perf_event_open", NEW_FD, Perf.ATTR, INT, INT, FD, Perf.FLAGS);
        def("execve", PATH, Exec.ARGV, Exec.ENVP);
        def("execveat", DIRFD, PATH, Exec.ARGV, Exec.ENVP, flags(Consts.AT));
        def("setxattr", PATH, Xattr.NAME, Xattr.VALUE_IN, ULONG, flags(Xattr.XATTR_FLAGS));
        def("lsetxattr", PATH, Xattr.NAME, Xattr.VALUE_IN, ULONG, flags(Xattr.XATTR_FLAGS));
        def("fsetxattr", FD, Xattr.NAME, Xattr.VALUE_IN, ULONG, flags(Xattr.XATTR_FLAGS));
        def("getxattr", PATH, Xattr.NAME, Xattr.VALUE_OUT, ULONG);
        def("lgetxattr", PATH, Xattr.NAME, Xattr.VALUE_OUT, ULONG);
        def("fgetxattr", FD, Xattr.NAME, Xattr.VALUE_OUT, ULONG);
        def("listxattr", PATH, Xattr.LIST, ULONG);
        def("llistxattr", PATH, Xattr.LIST, ULONG);
        def("flistxattr", FD, Xattr.LIST, ULONG);
        def("mq_open", NEW_FD, PATH, Mq.OPEN_REST);
        def("mq_unlink", PATH);
        def("mq_timedsend", FD, Mq.MESSAGE_IN, ULONG, UINT, Mq.TIMEOUT);
        def("mq_timedreceive", FD, Mq.MESSAGE_OUT, Mq.ULONG_OUT, Mq.PRIORITY_OUT, Mq.TIMEOUT_AT_EXIT);
        def("mq_notify", FD, Mq.SIGEVENT);
        def("mq_getsetattr", FD, Mq.ATTR_IN, Mq.ATTR_OUT);
        def("finit_module", FD, ModuleArgs.CSTRING, flags(ModuleArgs.MODULE_INIT));
        def("kexec_file_load", FD, FD, ULONG, ModuleArgs.CMDLINE, ModuleArgs.KEXEC_FLAGS);
        def("removexattr", PATH, Xattr.NAME);
        def("lremovexattr", PATH, Xattr.NAME);
        def("fremovexattr", FD, Xattr.NAME);
        // polling
        def("epoll_create", NEW_FD, INT);
        def("epoll_create1", NEW_FD, flags(t -> t.epollCreateFlags));
        def("epoll_ctl", FD, hexValue(Consts.EPOLL_CTL), FD, Epolls.CTL_EVENT);
        def("epoll_wait", FD, Epolls.EVENTS_OUT, INT, INT);
        def("epoll_pwait", FD, Epolls.EVENTS_OUT, INT, INT, Sigsets.sigset(5), ULONG);
        def("poll", Polls.POLL_RET, Polls.POLLFDS, UINT, INT);
        def("eventfd2", NEW_FD, UINT, flags(t -> t.eventfdFlags));
        def("ioctl", IoctlArg.RET, IoctlArg.ARGS);
        def("bpf", Bpf.RET, hexValue(Bpf.COMMANDS), Bpf.ATTR, UINT);
        // memory: addresses come back in hex
        def("mmap", HEX_RET, PTR, ULONG, Args.PROT, Args.MMAP_FLAGS, FD, HEX);
        def("mprotect", PTR, ULONG, Args.PROT);
        def("brk", HEX_RET, PTR);
        def("munmap", PTR, ULONG);
        def("exit", INT);
        def("exit_group", INT);
        def("getpid", Clones.pidResult(PidNamespaceIds.Type.TGID));
        def("gettid", Clones.pidResult(PidNamespaceIds.Type.TID));
        // processes: strace's clone.c and wait.c
        def("clone", Clones.pidResult(PidNamespaceIds.Type.TID), Clones.ENTRY, Clones.EXIT);
        def("clone3", Clones.pidResult(PidNamespaceIds.Type.TID), Clones.ARGS_IN, Clones.ARGS_OUT, Clones.SIZE);
        def("fork", Clones.pidResult(PidNamespaceIds.Type.TGID));
        def("vfork", Clones.pidResult(PidNamespaceIds.Type.TGID));
        def("wait4", Clones.pidResult(PidNamespaceIds.Type.TGID), Args.TGID_OR_PGID, Waits.STATUS,
                flags(Waits.OPTIONS), Waits.WAIT4_RUSAGE);
        def("waitid", Waits.ID_TYPE, Waits.ID, Waits.SIGINFO_OUT, flags(Waits.OPTIONS), Waits.RUSAGE_OUT);
        // signals sent: strace's kill, tkill, tgkill (signal.c)
        def("kill", Args.TGID_OR_PGID, Args.SIGNAL);
        def("tkill", Args.TID, Args.SIGNAL);
        def("tgkill", Args.TGID, Args.TID, Args.SIGNAL);
    }

    private Decoders() {
    }

    /** The decoder for a syscall name, or null when it is printed raw. */
    /** Every syscall with a decoder of its own. */
    static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(TABLE.keySet());
    }

    public static Decoder forName(String name) {
        return TABLE.get(name);
    }
}
