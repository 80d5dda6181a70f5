package io.jtrace.analyzer.filter;

import io.jtrace.analyzer.trace.Calls;
import io.jtrace.analyzer.trace.Event;
import io.jtrace.analyzer.trace.FdInfo;
import io.jtrace.analyzer.trace.TraceState;
import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.syscalls.SyscallTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * strace's {@code -P PATH}: the syscalls that access PATH, by a path argument spelled as given
 * (or as PATH resolves on this machine, as strace adds its realpath; a relative PATH also as it
 * resolves from the recorded processes' working directories, where strace, started there, resolved
 * it: the file may be gone by the time the trace is read) or by an fd argument that
 * refers to it (the fd's path as {@code -y} prints it, known from the header's fd table and the
 * calls that opened it). Which arguments count is strace's pathtrace.c: named cases below, else
 * the first argument, a path for the %file class, an fd for %desc and %network.
 */
final class PathMatch {
    private enum Arg { FD, PATH }

    /** Calls whose arguments are not only the first: kind of each argument checked, by position. */
    private static final Map<String, Arg[]> SPECIAL = Map.ofEntries(
            Map.entry("dup2", fds(0, 1)), Map.entry("dup3", fds(0, 1)), Map.entry("sendfile", fds(0, 1)),
            Map.entry("tee", fds(0, 1)), Map.entry("splice", new Arg[] {Arg.FD, null, Arg.FD}),
            Map.entry("copy_file_range", new Arg[] {Arg.FD, null, Arg.FD}),
            Map.entry("epoll_ctl", new Arg[] {null, null, Arg.FD}),
            Map.entry("mmap", new Arg[] {null, null, null, null, Arg.FD}),
            Map.entry("link", paths(2)), Map.entry("rename", paths(2)), Map.entry("symlink", paths(2)),
            Map.entry("pivot_root", paths(2)), Map.entry("mount", paths(2)),
            Map.entry("symlinkat", new Arg[] {Arg.PATH, Arg.FD, Arg.PATH}),
            Map.entry("renameat", fdPathTwice()), Map.entry("renameat2", fdPathTwice()),
            Map.entry("linkat", fdPathTwice()), Map.entry("move_mount", fdPathTwice()),
            Map.entry("fanotify_mark", new Arg[] {null, null, null, Arg.FD, Arg.PATH}));
    /** fd, path: the *at calls. */
    private static final Set<String> AT = Set.of("execveat", "faccessat", "faccessat2", "fchmodat", "fchmodat2",
            "fchownat", "newfstatat", "futimesat", "inotify_add_watch", "mkdirat", "mknodat", "name_to_handle_at",
            "open_tree", "openat", "openat2", "readlinkat", "statx", "unlinkat", "utimensat", "mount_setattr",
            "fspick", "fsconfig");
    /** In the %file, %desc or %network classes with no fd or path argument to check. */
    private static final Set<String> NONE = Set.of("socket", "socketpair", "pipe", "pipe2", "eventfd", "eventfd2",
            "epoll_create", "epoll_create1", "inotify_init", "inotify_init1", "timerfd_create", "memfd_create",
            "userfaultfd", "perf_event_open", "fanotify_init", "io_uring_setup", "pidfd_open", "bpf",
            "memfd_secret", "fsopen", "fsmount", "epoll_wait", "epoll_pwait", "epoll_pwait2");

    private final Set<String> paths = new HashSet<>();
    private final Set<Integer> file;
    private final Set<Integer> fdClasses = new HashSet<>();

    PathMatch(List<String> given, SyscallTable table, List<String> recordedCwds) {
        for (String p : given) {
            paths.add(p);
            try {
                paths.add(Path.of(p).toRealPath().toString()); // strace adds the realpath too
            } catch (IOException | RuntimeException e) {
                // not on this machine: as given only
            }
            if (!p.startsWith("/")) {
                for (String cwd : recordedCwds) {
                    paths.add(Path.of(cwd).resolve(p).normalize().toString());
                }
            }
        }
        file = table.classMembers("file");
        fdClasses.addAll(table.classMembers("desc"));
        fdClasses.addAll(table.classMembers("network"));
    }

    boolean matches(Event e, TraceState state) {
        String name = e.name();
        RecordedSyscall s = e.syscall();
        switch (name) {
            case "poll", "ppoll" -> {
                return pollMatches(e, state);
            }
            case "select", "pselect6" -> {
                return selectMatches(e, state);
            }
            default -> {
            }
        }
        Arg[] kinds = SPECIAL.get(name);
        if (kinds == null) {
            if (NONE.contains(name)) {
                return false;
            }
            if (AT.contains(name)) {
                kinds = new Arg[] {Arg.FD, Arg.PATH};
            } else if (file.contains(s.getNr())) {
                kinds = new Arg[] {Arg.PATH};
            } else if (fdClasses.contains(s.getNr())) {
                kinds = new Arg[] {Arg.FD};
            } else {
                return false;
            }
        }
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == Arg.FD && fdMatches(e, state, Calls.arg(s, i))
                    || kinds[i] == Arg.PATH && pathMatches(s, i)) {
                return true;
            }
        }
        return false;
    }

    private boolean fdMatches(Event e, TraceState state, long fd) {
        if ((int) fd < 0) {
            return false; // AT_FDCWD and other negative values name no file
        }
        FdInfo info = state.fd(e.pid(), (int) fd);
        return info != null && info.target() != null && paths.contains(info.target());
    }

    /** poll's fds, from the pollfd array the recorder copied at entry, up to an element it could not read. */
    private boolean pollMatches(Event e, TraceState state) {
        RecordedSyscall s = e.syscall();
        RecordedBuffer b = Calls.buffer(s, 0, Buffer.Part.WHOLE, false);
        long nfds = Math.min(Calls.arg(s, 1) & 0xffffffffL, 1024 * 1024);
        if (b == null || b.getError() != 0) {
            return false;
        }
        java.nio.ByteBuffer a = b.getData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < nfds && 8 * k + 8 <= a.remaining(); k++) {
            if (fdMatches(e, state, a.getInt(8 * k))) {
                return true;
            }
        }
        return false;
    }

    /** select's fds, from the three fd_sets the recorder copied at entry. */
    private boolean selectMatches(Event e, TraceState state) {
        RecordedSyscall s = e.syscall();
        int nfds = Math.min((int) Calls.arg(s, 0), 1024 * 1024);
        int size = ((nfds + 7) / 8 + 7) & -8;
        for (int arg = 1; arg <= 3 && nfds > 0; arg++) {
            RecordedBuffer b = Calls.buffer(s, arg, Buffer.Part.WHOLE, false);
            if (Calls.arg(s, arg) == 0 || b == null || b.getError() != 0 || b.getData().size() < size) {
                continue;
            }
            for (int fd = 0; fd < nfds; fd++) {
                if ((b.getData().byteAt(fd >>> 3) & (1 << (fd & 7))) != 0 && fdMatches(e, state, fd)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean pathMatches(RecordedSyscall s, int arg) {
        RecordedBuffer b = Calls.buffer(s, arg, Buffer.Part.WHOLE, false);
        return b != null && paths.contains(b.getData().toString(StandardCharsets.UTF_8));
    }

    private static Arg[] fds(int... positions) {
        Arg[] a = new Arg[positions[positions.length - 1] + 1];
        for (int p : positions) {
            a[p] = Arg.FD;
        }
        return a;
    }

    private static Arg[] paths(int count) {
        Arg[] a = new Arg[count];
        java.util.Arrays.fill(a, Arg.PATH);
        return a;
    }

    private static Arg[] fdPathTwice() {
        return new Arg[] {Arg.FD, Arg.PATH, Arg.FD, Arg.PATH};
    }
}
