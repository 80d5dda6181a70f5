package io.jtrace.recorder.capture;

import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.capture.CaptureTable.Capture;
import io.jtrace.recorder.trace.SyscallEvent;
import java.nio.ByteBuffer;

/**
 * The copy rules of the structures strace prints whole besides the data calls' buffers: poll's
 * pollfd arrays, select's fd_sets, time values (timespec, timeval, itimerspec), signal sets,
 * epoll_event and struct stat. Sizes are x86_64's (LP64; struct epoll_event is packed there).
 */
final class StructCaptures {
    private static final int TIMESPEC = 16;
    private static final int ITIMERSPEC = 32;
    private static final int POLLFD = 8;
    private static final int EPOLL_EVENT = 12;
    /** struct stat of x86_64 (the fstat and newfstatat family). */
    private static final int STAT = 144;
    /** struct rusage: two timevals and fourteen longs. */
    private static final int RUSAGE = 144;
    private static final long CLONE_PIDFD = 0x1000;
    private static final long CLONE_PARENT_SETTID = 0x100000;
    /** siginfo_t. */
    private static final int SIGINFO = 128;
    private static final int STATX = 256;
    private static final int STATFS = 120;
    /** The kernel's sigset_t (NSIG_BYTES): strace reads no more of a mask. */
    private static final int SIGSET_MAX = 8;
    /** The least of an array of structures copied whatever the snap length (4096 pollfds, a 64 KiB getdents). */
    private static final int ARRAY_MIN = 64 * 1024;
    /** select's limit on nfds, as strace's (1024 * 1024 fds: 128 KiB per fd_set). */
    private static final int SELECT_NFDS_MAX = 1024 * 1024;

    private StructCaptures() {
    }

    /** Adds the rules to a capture table's entry and exit phases. */
    static void register(SyscallTable table, Capture[] entry, Capture[] exit) {
        on(table, entry, StructCaptures::pollAtEntry, "poll");
        on(table, exit, StructCaptures::pollAtExit, "poll");
        on(table, entry, StructCaptures::ppollAtEntry, "ppoll");
        on(table, exit, StructCaptures::ppollAtExit, "ppoll");
        on(table, entry, StructCaptures::selectAtEntry, "select", "pselect6");
        on(table, exit, StructCaptures::selectAtExit, "select", "pselect6");
        on(table, entry, structIn(2, ITIMERSPEC), "timerfd_settime");
        on(table, exit, structOut(3, ITIMERSPEC), "timerfd_settime");
        on(table, exit, structOut(1, ITIMERSPEC), "timerfd_gettime");
        on(table, entry, structIn(2, 2 * TIMESPEC), "utimensat", "futimesat");
        on(table, entry, structIn(1, 2 * TIMESPEC), "utimes");
        on(table, entry, structIn(4, TIMESPEC), "recvmmsg");
        on(table, exit, structOut(4, TIMESPEC), "recvmmsg");
        on(table, entry, sigsetAt(1, 2), "signalfd4", "signalfd");
        on(table, entry, StructCaptures::epollCtlAtEntry, "epoll_ctl");
        on(table, exit, StructCaptures::epollWaitAtExit, "epoll_wait", "epoll_pwait");
        on(table, entry, sigsetAt(4, 5), "epoll_pwait");
        on(table, exit, structOut(1, STAT), "fstat", "stat", "lstat");
        on(table, exit, structOut(2, STAT), "newfstatat");
        on(table, exit, structOut(4, STATX), "statx");
        on(table, exit, structOut(1, STATFS), "statfs", "fstatfs");
        on(table, exit, StructCaptures::direntsAtExit, "getdents", "getdents64");
        // what a wait filled: wait4's status and rusage, waitid's siginfo and rusage
        on(table, exit, structOut(1, Integer.BYTES), "wait4");
        on(table, exit, structOut(3, RUSAGE), "wait4");
        on(table, exit, structOut(2, SIGINFO), "waitid");
        on(table, exit, structOut(4, RUSAGE), "waitid");
        // the tid (or pidfd) clone stored at parent_tid, when a flag has it store one
        on(table, exit, (c, r) -> {
            if ((c.arg(0) & (CLONE_PARENT_SETTID | CLONE_PIDFD)) != 0) {
                structure(c, r, 2, Integer.BYTES, true);
            }
        }, "clone");
        on(table, entry, StructCaptures::clone3AtEntry, "clone3");
        on(table, exit, StructCaptures::clone3AtExit, "clone3");
    }

    /** struct clone_args: its size in version 0 (up to tls), and as strace reads it (up to cgroup). */
    private static final int CLONE_ARGS_VER0 = 64;
    private static final int CLONE_ARGS = 88;
    /** strace reads a larger structure's tail up to a page, for the bytes that are not zero. */
    private static final int CLONE_ARGS_TAIL = 4096;
    private static final int MAX_SET_TID = 32;

    /**
     * clone3's struct clone_args as the caller gave it, with a larger size's tail to a page, and its set_tid
     * array (IOV element 2).
     */
    static void clone3AtEntry(SyscallEvent c, BufferReader r) {
        long size = c.arg(1);
        if (size < CLONE_ARGS_VER0 || c.arg(0) == 0) {
            return; // strace prints the address
        }
        r.unsnapped(0, c.arg(0), Math.min(size, CLONE_ARGS_TAIL), false);
        if (size >= 80) {
            ByteBuffer a = r.struct(c.arg(0) + 64, 16);
            if (a != null) {
                long setTid = a.getLong(0);
                long count = a.getLong(8);
                if (setTid != 0 && count > 0 && count <= MAX_SET_TID) {
                    r.unsnapped(0, BufferReader.IOV, 2, setTid, count * Integer.BYTES, MAX_SET_TID * Integer.BYTES, false);
                }
            }
        }
    }

    /** What clone3 stored where clone_args points: the pidfd (IOV element 0) and the parent's tid (element 1). */
    static void clone3AtExit(SyscallEvent c, BufferReader r) {
        if (c.arg(1) < CLONE_ARGS_VER0) {
            return;
        }
        ByteBuffer a = r.struct(c.arg(0), 32);
        if (a == null) {
            return;
        }
        long flags = a.getLong(0);
        long pidfd = a.getLong(8);
        long parentTid = a.getLong(24);
        if ((flags & CLONE_PIDFD) != 0) {
            r.unsnapped(0, BufferReader.IOV, 0, pidfd, Integer.BYTES, Integer.BYTES, true);
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            r.unsnapped(0, BufferReader.IOV, 1, parentTid, Integer.BYTES, Integer.BYTES, true);
        }
    }

    /** Adds a rule to a phase, after the rule already there (utimensat's path, then its times). */
    private static void on(SyscallTable table, Capture[] phase, Capture capture, String... names) {
        for (String name : names) {
            int nr = table.number(name);
            if (nr >= 0) {
                Capture before = phase[nr];
                phase[nr] = before == null ? capture : (c, r) -> {
                    before.capture(c, r);
                    capture.capture(c, r);
                };
            }
        }
    }

    /** A structure of {@code size} bytes the argument points to, which the call reads. */
    static Capture structIn(int arg, int size) {
        return (c, r) -> structure(c, r, arg, size, false);
    }

    /** A structure the call filled (the exit phase runs only for a call that succeeded). */
    static Capture structOut(int arg, int size) {
        return (c, r) -> structure(c, r, arg, size, true);
    }

    /** A signal mask of the length argument's size (no more than the kernel's sigset_t). */
    static Capture sigsetAt(int arg, int lengthArg) {
        return (c, r) -> sigset(c, r, arg, lengthArg);
    }

    private static void sigset(SyscallEvent c, BufferReader r, int arg, int lengthArg) {
        structure(c, r, arg, (int) Math.min(c.arg(lengthArg) & 0xffffffffL, SIGSET_MAX), false);
    }

    /** The pollfd array before the call: fds and events. */
    static void pollAtEntry(SyscallEvent c, BufferReader r) {
        array(c, r, 0, (c.arg(1) & 0xffffffffL) * POLLFD, false);
    }

    /** The pollfd array after a call that found fds ready: their revents. */
    static void pollAtExit(SyscallEvent c, BufferReader r) {
        if (c.returnValue() > 0) {
            array(c, r, 0, (c.arg(1) & 0xffffffffL) * POLLFD, true);
        }
    }

    /** ppoll's pollfd array, timeout and signal mask. */
    static void ppollAtEntry(SyscallEvent c, BufferReader r) {
        pollAtEntry(c, r);
        structure(c, r, 2, TIMESPEC, false);
        sigset(c, r, 3, 4);
    }

    /** ppoll's revents and the time left. */
    static void ppollAtExit(SyscallEvent c, BufferReader r) {
        pollAtExit(c, r);
        if (c.returnValue() > 0) {
            structure(c, r, 2, TIMESPEC, true);
        }
    }

    /** The three fd_sets and the timeout; pselect6's {sigmask, sigsetsize} and the mask it points to. */
    static void selectAtEntry(SyscallEvent c, BufferReader r) {
        int size = fdSetSize(c);
        for (int arg = 1; arg <= 3; arg++) {
            structure(c, r, arg, size, false);
        }
        structure(c, r, 4, TIMESPEC, false);
        if (c.arg(5) != 0) {
            ByteBuffer sas = r.struct(c.arg(5), 16);
            r.unsnapped(5, c.arg(5), 16, false);
            if (sas != null && sas.getLong(0) != 0) {
                long length = Math.min(sas.getLong(8), SIGSET_MAX);
                if (length > 0) {
                    r.unsnapped(5, BufferReader.WHOLE, 1, sas.getLong(0), length, SIGSET_MAX, false);
                }
            }
        }
    }

    /** The fd_sets as the kernel left them (the ready fds) and the time left. */
    static void selectAtExit(SyscallEvent c, BufferReader r) {
        if (c.returnValue() > 0) {
            int size = fdSetSize(c);
            for (int arg = 1; arg <= 3; arg++) {
                structure(c, r, arg, size, true);
            }
            structure(c, r, 4, TIMESPEC, true);
        }
    }

    /** strace's fdsize: nfds bits rounded up to longs, nfds as an int between 0 and 1M. */
    private static int fdSetSize(SyscallEvent c) {
        int nfds = Math.min(Math.max((int) c.arg(0), 0), SELECT_NFDS_MAX);
        return ((nfds + 7) / 8 + 7) & -8;
    }

    static void epollCtlAtEntry(SyscallEvent c, BufferReader r) {
        structure(c, r, 3, EPOLL_EVENT, false);
    }

    /** The events the call returned, as many as its return value. */
    static void epollWaitAtExit(SyscallEvent c, BufferReader r) {
        if (c.returnValue() > 0) {
            array(c, r, 1, c.returnValue() * EPOLL_EVENT, true);
        }
    }

    /** The directory entries the call returned, its return value's bytes. */
    static void direntsAtExit(SyscallEvent c, BufferReader r) {
        if (c.returnValue() > 0) {
            array(c, r, 1, c.returnValue(), true);
        }
    }

    /** An array of structures, never cut by the snap length below {@link #ARRAY_MIN} bytes. */
    private static void array(SyscallEvent c, BufferReader r, int arg, long length, boolean atExit) {
        if (c.arg(arg) != 0 && length > 0) {
            r.unsnapped(arg, BufferReader.WHOLE, 0, c.arg(arg), length, Math.max(r.snaplen(), ARRAY_MIN), atExit);
        }
    }

    /** A structure of {@code size} bytes, never cut by the snap length; NULL gets no buffer. */
    private static void structure(SyscallEvent c, BufferReader r, int arg, int size, boolean atExit) {
        if (size > 0 && c.arg(arg) != 0) {
            r.unsnapped(arg, c.arg(arg), size, atExit);
        }
    }
}
