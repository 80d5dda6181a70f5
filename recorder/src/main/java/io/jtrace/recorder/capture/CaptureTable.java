package io.jtrace.recorder.capture;

import io.jtrace.format.syscalls.SyscallTable;
import io.jtrace.recorder.trace.SyscallEvent;

/**
 * What to copy for each syscall: input buffers at entry, output buffers at exit limited by the
 * return value. Indexed by syscall number, built from names so it holds for any LP64 architecture
 * whose table we have (struct iovec and struct msghdr have the same layout on all of them).
 */
public final class CaptureTable {
    /** Copies buffers of one syscall phase into the reader's record. */
    @FunctionalInterface
    interface Capture {
        void capture(SyscallEvent call, BufferReader reader);
    }

    private final Capture[] entry;
    private final Capture[] exit;
    /** Syscalls whose exit capture runs also when they failed. */
    private final boolean[] exitEvenFailed;

    public CaptureTable(SyscallTable table) {
        entry = new Capture[table.size()];
        exit = new Capture[table.size()];
        exitEvenFailed = new boolean[table.size()];
        // data sent: copied before the kernel consumes it
        on(table, entry, Captures::dataAtEntry, "write", "pwrite64");
        on(table, entry, Captures::sendtoAtEntry, "sendto");
        on(table, entry, Captures::iovecAtEntry, "writev", "pwritev", "pwritev2", "vmsplice");
        on(table, entry, Captures::msghdrAtEntry, "sendmsg");
        on(table, entry, Captures::sockaddrAtEntry, "connect", "bind");
        on(table, entry, BpfCaptures::setsockoptAtEntry, "setsockopt");
        // value-result lengths: their value before the call, for strace's "[128 => 16]"
        on(table, entry, Captures.lengthAtEntry(2), "accept", "accept4", "getsockname", "getpeername");
        on(table, entry, Captures.lengthAtEntry(5), "recvfrom");
        on(table, entry, Captures.lengthAtEntry(4), "getsockopt");
        // paths and other NUL-terminated strings, whole, as strace prints them (argument indices
        // as in strace's decoders; the x86_64 table of strace -e trace=%file)
        on(table, entry, Captures.stringsAtEntry(0), "open", "creat", "stat", "lstat", "access", "readlink",
                "unlink", "mkdir", "rmdir", "chdir", "chroot", "chmod", "chown", "lchown", "truncate", "utime",
                "utimes", "mknod", "statfs", "listxattr", "llistxattr", "uselib", "acct", "umount2",
                "swapon", "swapoff");
        on(table, entry, Captures::memfdNameAtEntry, "memfd_create");
        // execve's argv and envp with their strings, before the exec replaces the memory
        on(table, entry, ExecCaptures.atEntry(0), "execve");
        on(table, entry, ExecCaptures.atEntry(1), "execveat");
        on(table, entry, Captures.stringsAtEntry(1), "openat", "openat2", "newfstatat", "statx", "faccessat",
                "faccessat2", "readlinkat", "unlinkat", "mkdirat", "fchmodat", "fchmodat2", "fchownat", "futimesat",
                "utimensat", "mknodat", "inotify_add_watch", "name_to_handle_at", "open_tree", "fspick",
                "mount_setattr", "quotactl", "fgetxattr", "fremovexattr");
        on(table, entry, Captures.stringsAtEntry(0, 1), "rename", "link", "symlink", "pivot_root", "getxattr",
                "lgetxattr", "removexattr", "lremovexattr");
        on(table, entry, MiscCaptures.setxattrAtEntry(0, 1), "setxattr", "lsetxattr");
        on(table, entry, MiscCaptures.setxattrAtEntry(1), "fsetxattr");
        on(table, entry, Captures.stringsAtEntry(0, 2), "symlinkat");
        on(table, entry, Captures.stringsAtEntry(1, 3), "renameat", "renameat2", "linkat", "move_mount");
        on(table, entry, Captures.stringsAtEntry(4), "fanotify_mark");
        on(table, entry, Captures.stringsAtEntry(0, 1, 2), "mount");
        // a thread's new name, which the writer turns into a TaskName record
        on(table, entry, Captures::prctlAtEntry, "prctl");
        // recvmsg's msghdr before the call: its msg_namelen, for strace's "msg_namelen=128 => 16"
        on(table, entry, Captures::msghdrHeaderAtEntry, "recvmsg");
        // structures and offsets the kernel reads: fcntl's struct flock and f_owner_ex, file offsets
        on(table, entry, Captures::fcntlAtEntry, "fcntl");
        on(table, entry, Captures::sendfileAtEntry, "sendfile");
        on(table, entry, Captures::offsetsAtEntry, "splice", "copy_file_range");
        on(table, entry, IoctlCaptures::atEntry, "ioctl");
        on(table, entry, BpfCaptures::atEntry, "bpf");
        on(table, entry, PerfCaptures::openAtEntry, "perf_event_open");
        on(table, entry, MiscCaptures::mqOpenAtEntry, "mq_open");
        on(table, entry, MiscCaptures::finitModuleAtEntry, "finit_module");
        on(table, entry, MiscCaptures::kexecFileLoadAtEntry, "kexec_file_load");
        on(table, entry, Captures.stringsAtEntry(0), "mq_unlink");
        on(table, entry, MiscCaptures::mqTimedsendAtEntry, "mq_timedsend");
        on(table, entry, MiscCaptures::mqTimedreceiveAtEntry, "mq_timedreceive");
        on(table, entry, MiscCaptures::mqNotifyAtEntry, "mq_notify");
        on(table, entry, MiscCaptures::mqGetsetattrAtEntry, "mq_getsetattr");
        // data received and out-parameters: copied after the kernel filled them
        on(table, exit, Captures::dataAtExit, "read", "pread64", "listxattr", "llistxattr", "flistxattr");
        on(table, exit, MiscCaptures::getxattrAtExit, "getxattr", "lgetxattr", "fgetxattr");
        on(table, exit, Captures::recvfromAtExit, "recvfrom");
        on(table, exit, Captures::iovecAtExit, "readv", "preadv", "preadv2");
        on(table, exit, Captures::msghdrAtExit, "recvmsg");
        on(table, exit, Captures::sockaddrAtExit, "accept", "accept4", "getsockname", "getpeername");
        on(table, exit, BpfCaptures::getsockoptAtExit, "getsockopt");
        on(table, exit, Captures::fdPairAtExit, "socketpair");
        on(table, exit, Captures.readlinkAtExit(1), "readlink");
        on(table, exit, Captures.readlinkAtExit(2), "readlinkat");
        on(table, exit, Captures.stringAtExit(0), "getcwd");
        on(table, exit, Captures::pipeAtExit, "pipe", "pipe2");
        on(table, exit, Captures::fcntlAtExit, "fcntl");
        on(table, exit, Captures::sendfileAtExit, "sendfile");
        on(table, exit, IoctlCaptures::atExit, "ioctl");
        on(table, exit, BpfCaptures::atExit, "bpf");
        on(table, exit, PerfCaptures::openAtExit, "perf_event_open");
        on(table, exit, MiscCaptures::mqTimedreceiveAtExit, "mq_timedreceive");
        on(table, exit, MiscCaptures::mqGetsetattrAtExit, "mq_getsetattr");
        // the mmsghdr vectors: recvmmsg's as given, then both calls' messages as strace prints them
        on(table, entry, MmsgCaptures::recvmmsgAtEntry, "recvmmsg");
        on(table, exit, MmsgCaptures::sendmmsgAtExit, "sendmmsg");
        on(table, exit, MmsgCaptures::recvmmsgAtExit, "recvmmsg");
        // poll and select sets, time values, signal masks, epoll events, struct stat
        StructCaptures.register(table, entry, exit);
        // strace prints the iovecs of a failed readv too (their addresses): the array, without data;
        // bpf's union as the kernel left it, perf_event_attr's size after E2BIG
        evenFailed(table, "readv", "preadv", "preadv2", "bpf", "perf_event_open");
        // SG_IO's exit fields (IoctlCaptures copies nothing else of a failed ioctl)
        evenFailed(table, "ioctl");
        // and sendmmsg's vector of a failed call, which it prints after the call
        evenFailed(table, "sendmmsg");
    }

    private void evenFailed(SyscallTable table, String... names) {
        for (String name : names) {
            int nr = table.number(name);
            if (nr >= 0) {
                exitEvenFailed[nr] = true;
            }
        }
    }

    private static void on(SyscallTable table, Capture[] phase, Capture capture, String... names) {
        for (String name : names) {
            int nr = table.number(name);
            if (nr >= 0) {
                phase[nr] = capture;
            }
        }
    }

    /** Process {@code pid} exited or exec'd: what the captures remember of its memory (KVM's vCPU mappings) is stale. */
    public void forget(int pid) {
        KvmCaptures.forget(pid);
    }

    /** True when the syscall has something to copy at entry. */
    public boolean capturesAtEntry(int nr) {
        return nr >= 0 && nr < entry.length && entry[nr] != null;
    }

    public void atEntry(SyscallEvent call, BufferReader reader) {
        if (capturesAtEntry(call.nr())) {
            entry[call.nr()].capture(call, reader);
        }
    }

    /**
     * True when the call has output buffers to copy: only successful calls wrote any, but a few
     * syscalls' structures are printed by strace whatever the outcome.
     */
    public boolean capturesAtExit(SyscallEvent call) {
        int nr = call.nr();
        return nr >= 0 && nr < exit.length && exit[nr] != null && (call.returnValue() >= 0 || exitEvenFailed[nr]);
    }

    public void atExit(SyscallEvent call, BufferReader reader) {
        if (capturesAtExit(call)) {
            exit[call.nr()].capture(call, reader);
        }
    }
}
