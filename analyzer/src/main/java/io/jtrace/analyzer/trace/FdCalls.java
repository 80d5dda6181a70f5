package io.jtrace.analyzer.trace;

import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * What syscalls do to a process's fd table: which arguments are fds, which calls return a new one,
 * duplicate one, create a pair or end some. The one place that knows it: {@link TraceState} keeps
 * its fd descriptions by it, and {@link FdGenerations#apply} hands each view (http, pcap, fds)
 * the fd generations it starts and ends. The render package's decoders print the same arguments
 * as fds (a test checks that they agree).
 */
public final class FdCalls {
    public static final int EBADF = 9;
    public static final int EINPROGRESS = 115;
    public static final int F_DUPFD = 0;
    public static final int F_DUPFD_CLOEXEC = 1030;
    public static final int CLOSE_RANGE_CLOEXEC = 4;

    /** How a call made the fd it returns (or the pair it fills). */
    public enum Origin {
        /** socket(2). */
        SOCKET,
        /** accept, accept4: the server's end of a connection. */
        ACCEPT,
        /** dup, dup2, dup3, fcntl F_DUPFD: the same open file as another fd. */
        DUP,
        /** open, openat, creat...: a file. */
        OPEN,
        /** pipe, pipe2. */
        PIPE,
        /** socketpair. */
        SOCKETPAIR,
        /** epoll, eventfd, timerfd, memfd, perf_event_open...: not a connection. */
        OTHER
    }

    /**
     * The fd arguments (their positions) and whether the call returns a new fd ({@code +}): {@code
     * name positions[+]}, {@code -} for no fd argument. fcntl returns one for F_DUPFD and
     * F_DUPFD_CLOEXEC only, ioctl for the requests of {@link #ioctlReturnsFd}.
     */
    private static final String TABLE = ""
            + "read 0 write 0 open -+ close 0 fstat 0 lseek 0 mmap 4 ioctl 0 pread64 0 pwrite64 0 readv 0 writev 0 "
            + "dup 0+ dup2 01+ sendfile 01 socket -+ connect 0 accept 0+ sendto 0 recvfrom 0 sendmsg 0 recvmsg 0 "
            + "shutdown 0 bind 0 listen 0 getsockname 0 getpeername 0 setsockopt 0 getsockopt 0 fcntl 0 flock 0 "
            + "fsync 0 fdatasync 0 ftruncate 0 getdents 0 fchdir 0 creat -+ fchmod 0 fchown 0 fstatfs 0 "
            + "readahead 0 fsetxattr 0 fgetxattr 0 flistxattr 0 fremovexattr 0 epoll_create -+ getdents64 0 "
            + "fadvise64 0 epoll_wait 0 epoll_ctl 02 mq_open -+ mq_timedsend 0 mq_timedreceive 0 mq_notify 0 "
            + "mq_getsetattr 0 inotify_init -+ inotify_add_watch 0 inotify_rm_watch 0 openat 0+ mkdirat 0 "
            + "mknodat 0 fchownat 0 futimesat 0 newfstatat 0 unlinkat 0 renameat 02 linkat 02 symlinkat 1 "
            + "readlinkat 0 fchmodat 0 faccessat 0 splice 02 tee 01 sync_file_range 0 vmsplice 0 utimensat 0 "
            + "epoll_pwait 0 timerfd_create -+ eventfd -+ fallocate 0 timerfd_settime 0 timerfd_gettime 0 "
            + "accept4 0+ signalfd4 0+ eventfd2 -+ epoll_create1 -+ dup3 01+ inotify_init1 -+ preadv 0 pwritev 0 "
            + "perf_event_open 3+ recvmmsg 0 fanotify_init -+ fanotify_mark 03 syncfs 0 sendmmsg 0 setns 0 "
            + "finit_module 0 renameat2 02 memfd_create -+ kexec_file_load 01 userfaultfd -+ copy_file_range 02 "
            + "preadv2 0 pwritev2 0 statx 0 pidfd_open -+ openat2 0+ faccessat2 0 execveat 0";

    private static final int[] NONE = {};
    private static final Map<String, int[]> FD_ARGS = new HashMap<>();
    private static final Map<String, Boolean> RETURNS_FD = new HashMap<>();
    /** The calls that return an fd for some values of their second argument only. */
    private static final Map<String, LongPredicate> RETURNS_FD_IF = Map.of(
            "fcntl", cmd -> cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC,
            "ioctl", request -> ioctlReturnsFd((int) request));
    /** The calls {@link #effects} reacts to: those that return fds, fill a pair of them or close some. */
    private static final Set<String> CHANGE_FDS = new HashSet<>(List.of("close", "close_range", "pipe", "pipe2",
            "socketpair"));

    static {
        String[] words = TABLE.split(" ");
        for (int i = 0; i + 1 < words.length; i += 2) {
            String positions = words[i + 1];
            boolean returns = positions.endsWith("+");
            positions = returns ? positions.substring(0, positions.length() - 1) : positions;
            int[] args = positions.equals("-") ? NONE : positions.chars().map(c -> c - '0').toArray();
            FD_ARGS.put(words[i], args);
            RETURNS_FD.put(words[i], returns);
            if (returns) {
                CHANGE_FDS.add(words[i]);
            }
        }
        CHANGE_FDS.addAll(RETURNS_FD_IF.keySet());
    }

    private FdCalls() {
    }

    /** The positions of the call's fd arguments (none for a call not in the table). */
    public static int[] fdArgs(String name) {
        return FD_ARGS.getOrDefault(name, NONE);
    }

    /** True when a successful call returns an fd ({@code arg1}: fcntl's command, ioctl's request). */
    public static boolean returnsFd(String name, long arg1) {
        LongPredicate when = RETURNS_FD_IF.get(name);
        return when != null ? when.test(arg1) : RETURNS_FD.getOrDefault(name, false);
    }

    /** The ioctl requests that return a new fd (strace's RVAL_FD). */
    private static boolean ioctlReturnsFd(int request) {
        return switch (request) {
            case 0xae01, 0xae41, 0xb701, 0xb702 -> true;   // KVM_CREATE_VM, KVM_CREATE_VCPU, NS_GET_USERNS, NS_GET_PARENT
            default -> false;
        };
    }

    /** True when a successful call returns an fd: {@link #returnsFd(String, long)} for the event's call. */
    public static boolean returnsFd(Event e) {
        RecordedSyscall s = e.syscall();
        return e.isSyscall() && !s.getUnfinished() && s.getRet() >= 0 && returnsFd(e.name(), Calls.arg(s, 1));
    }

    /** Where a view hears what a call did to fds. */
    public interface Effects {
        /** The call returned {@code fd} (or filled it in a pair); {@code from} is a dup's old fd, else -1. */
        void created(int fd, Origin origin, int from);

        /** The call closed {@code fd} (a close that failed other than with EBADF closed it too). */
        void closed(int fd);

        /** close_range closed {@code first..last} (unsigned ints, last capped). */
        void closedRange(long first, long last);
    }

    /**
     * Whether a call may create, duplicate or end fds: {@link #effects} says nothing for any other (read and
     * write, most of a trace's records, are told apart here by one lookup).
     */
    public static boolean changesFds(String name) {
        return CHANGE_FDS.contains(name);
    }

    /** Tells {@code v} what a syscall record did to its process's fds (nothing for other records). */
    public static void effects(Event e, Effects v) {
        if (!e.isSyscall()) {
            return;
        }
        RecordedSyscall s = e.syscall();
        if (s.getUnfinished()) {
            return;
        }
        String name = e.name();
        if (!changesFds(name)) {
            return;
        }
        long ret = s.getRet();
        switch (name) {
            case "close" -> {
                if (ret != -EBADF) {
                    v.closed((int) Calls.arg(s, 0));   // close frees the fd even when it reports EINTR or EIO
                }
                return;
            }
            case "close_range" -> {
                if (ret == 0 && (Calls.arg(s, 2) & CLOSE_RANGE_CLOEXEC) == 0) {
                    v.closedRange(Calls.arg(s, 0) & 0xffffffffL, Math.min(Calls.arg(s, 1) & 0xffffffffL, Integer.MAX_VALUE));
                }
                return;
            }
            case "pipe", "pipe2", "socketpair" -> {
                RecordedBuffer fds = ret == 0 ? Calls.buffer(s, name.equals("socketpair") ? 3 : 0, Buffer.Part.WHOLE, true) : null;
                if (fds != null && fds.getData().size() >= 8) {
                    var le = fds.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    Origin o = name.equals("socketpair") ? Origin.SOCKETPAIR : Origin.PIPE;
                    v.created(le.getInt(0), o, -1);
                    v.created(le.getInt(4), o, -1);
                }
                return;
            }
            default -> {
            }
        }
        if (ret < 0 || !returnsFd(name, Calls.arg(s, 1))) {
            return;
        }
        Origin origin = switch (name) {
            case "socket" -> Origin.SOCKET;
            case "accept", "accept4" -> Origin.ACCEPT;
            case "dup", "dup2", "dup3", "fcntl" -> Origin.DUP;
            case "open", "openat", "openat2", "creat" -> Origin.OPEN;
            default -> Origin.OTHER;
        };
        v.created((int) ret, origin, origin == Origin.DUP ? (int) Calls.arg(s, 0) : -1);
    }

    /** When a call's fds came to be: its return. */
    public static long exitNs(Event e) {
        return e.timeNs() + e.syscall().getDurationNs();
    }
}
