package io.jtrace.analyzer.trace;

import io.jtrace.format.RecordedBuffer;
import io.jtrace.format.RecordedSyscall;
import io.jtrace.format.proto.Buffer;
import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.Header;
import io.jtrace.format.proto.NetInterface;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.Record;
import io.jtrace.format.proto.Socket;
import io.jtrace.format.proto.ThreadInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the trace has told so far about its processes: comm, threads alive, and each process's fd
 * table, seeded from the header's /proc snapshot and kept up to date by the records that create,
 * name and close fds. Memory is bounded by live processes and fds, not by the trace's length.
 */
public final class TraceState {
    private static final int AT_FDCWD = -100;
    private static final int AF_UNIX = 1;
    private static final int AT_REMOVEDIR = 0x200;

    /** One process: fds are shared by its threads. */
    private static final class Proc {
        String comm;
        /** The working directory: the header's, then chdir and fchdir; null when not known. */
        String cwd;
        Map<Integer, FdInfo> fds = new HashMap<>();
        Set<Integer> headerThreads = new HashSet<>();
    }

    private final Map<Integer, Proc> procs = new HashMap<>();
    private final Map<Integer, String> threadComm = new HashMap<>();
    /** Tasks alive and their process: keyed by tid, so a task both in the header and started by the recorder counts once. */
    private final Map<Integer, Integer> pidOfTid = new HashMap<>();
    /** Each task's last recorded syscall number (strace -n prints it on signal and exit lines). */
    private final IntIntMap lastSyscall = new IntIntMap();
    private final CallKinds kinds = new CallKinds();

    /**
     * The calls whose records this class reads beyond the fds the recorder probed: those that change fds
     * ({@link FdCalls#changesFds}) and those named in the switches below (a file unlinked, a directory
     * changed, a socket's endpoints named, an fd described). TraceStateFastPathTest checks that a record of
     * any other call leaves the state as the whole path would.
     */
    private static final Set<String> READ_CALLS = Set.of("unlink", "unlinkat", "chdir", "fchdir", "dup", "dup2",
            "dup3", "fcntl", "socket", "socketpair", "accept", "accept4", "open", "creat", "openat", "openat2",
            "epoll_create", "epoll_create1", "eventfd", "eventfd2", "timerfd_create", "signalfd", "signalfd4",
            "pidfd_open", "inotify_init", "inotify_init1", "bpf", "bind", "listen", "connect", "getsockname",
            "getpeername", "sendto", "sendmsg");

    /** Off only in a test that compares the fast path with the whole one. */
    boolean fastPath = true;

    private final long bootWallNs;
    /** Ids of tasks in other pid namespaces (TaskPids records, since format 1.4). */
    private final PidNamespaceIds pidNamespaces = new PidNamespaceIds();

    /** The recorder's network interfaces by index (header, since format 1.2). */
    private final Map<Integer, String> interfaces = new HashMap<>();

    /** TCP connections whose two ends are in the trace, paired by their bytes where the trace names no endpoint. */
    private final ConnectionPairs pairs = new ConnectionPairs();
    private final Payload payload = new Payload();

    /** The recorder's snap length (0: unlimited), to tell a capture it cut from memory that ended. */
    private final long snaplen;

    public TraceState(Header header) {
        snaplen = header.getOptions().getSnaplen();
        bootWallNs = header.getStartWallNs() - header.getStartMonotonicNs();
        for (NetInterface i : header.getInterfacesList()) {
            interfaces.put(i.getIndex(), i.getName());
        }
        for (ProcessInfo p : header.getProcessesList()) {
            Proc proc = proc(p.getPid());
            proc.comm = p.getComm();
            proc.cwd = p.getCwd().isEmpty() ? null : p.getCwd();
            for (ThreadInfo t : p.getThreadsList()) {
                threadComm.put(t.getTid(), t.getComm());
            }
            pidOfTid.put(p.getPid(), p.getPid());
            for (ThreadInfo t : p.getThreadsList()) {
                pidOfTid.put(t.getTid(), p.getPid());
                proc.headerThreads.add(t.getTid());
            }
            for (Fd fd : p.getFdsList()) {
                proc.fds.put(fd.getFd(), fromSnapshot(fd));
            }
        }
    }

    /**
     * A later file of the same recording begins (a rotation): its header's /proc snapshot reconciles the state
     * rather than replacing it. An fd the snapshot shows as the state knows it keeps what the records taught
     * (endpoints, the path it was opened with, the pairing of its connection); one the state lacks or knows as
     * another object is taken from the snapshot; one the snapshot lacks was closed unseen (by a call outside the
     * trace set, or in files missing before this one) and is forgotten. Processes and threads the state lacks are
     * added with their names; names it has stay (the records since are newer than a snapshot's).
     */
    public void reconcile(Header next) {
        for (ProcessInfo p : next.getProcessesList()) {
            Proc proc = proc(p.getPid());
            if (proc.comm == null) {
                proc.comm = p.getComm();
            }
            if (proc.cwd == null && !p.getCwd().isEmpty()) {
                proc.cwd = p.getCwd();
            }
            pidOfTid.putIfAbsent(p.getPid(), p.getPid());
            for (ThreadInfo t : p.getThreadsList()) {
                pidOfTid.putIfAbsent(t.getTid(), p.getPid());
                threadComm.putIfAbsent(t.getTid(), t.getComm());
            }
            Map<Integer, FdInfo> now = new HashMap<>();
            for (Fd fd : p.getFdsList()) {
                FdInfo seen = fromSnapshot(fd);
                FdInfo known = proc.fds.get(fd.getFd());
                now.put(fd.getFd(), known != null && sameObject(known, seen) ? known : seen);
            }
            proc.fds = now;
        }
    }

    /** Whether what the state knows of an fd and a later snapshot of it name the same open file or socket. */
    private static boolean sameObject(FdInfo known, FdInfo seen) {
        if (known.kind() != seen.kind()) {
            return false;
        }
        if (known.kind() == FdInfo.Kind.SOCKET) {
            return known.inode == 0 || seen.inode == 0 || known.inode == seen.inode;
        }
        // a path as the program opened it may be relative; the snapshot's is the link target
        String k = known.target();
        return k == null || seen.target() == null || k.equals(seen.target()) || !k.startsWith("/");
    }

    private Proc proc(int pid) {
        return procs.computeIfAbsent(pid, k -> new Proc());
    }

    private static FdInfo fromSnapshot(Fd fd) {
        FdInfo.Kind kind = switch (fd.getKind()) {
            case FILE -> FdInfo.Kind.FILE;
            case SOCKET -> FdInfo.Kind.SOCKET;
            case PIPE -> FdInfo.Kind.PIPE;
            case ANON -> FdInfo.Kind.ANON;
            case DEVICE -> FdInfo.Kind.DEVICE;
            default -> FdInfo.Kind.OTHER;
        };
        FdInfo info = new FdInfo(kind, fd.getTarget().isEmpty() ? null : fd.getTarget());
        if (!fd.getRawTarget().isEmpty()) {
            info.targetBytes = fd.getRawTarget().toByteArray();
        }
        info.mode = fd.getMode();
        info.rdev = fd.getRdev();
        if (fd.hasSocket()) {
            Socket s = fd.getSocket();
            info.family = s.getFamily();
            info.type = s.getType();
            info.inode = s.getInode();
            if (s.getFamily() != 0) {
                info.socketProtocol = s.getProtocol();
            }
            if (s.getFamily() == Sockaddr.AF_NETLINK) {
                info.netlinkPid = s.getLocalPort();   // the probe's nl_pid
            }
            // an unbound socket's name is the any-address and port 0: no local endpoint yet
            if (!s.getLocalAddr().isEmpty() && (s.getLocalPort() != 0 || !allZero(s.getLocalAddr()))) {
                info.local = Sockaddr.hostPort(s.getLocalAddr().toByteArray(), s.getLocalPort());
            }
            boolean connected = !s.getPeerAddr().isEmpty() && s.getPeerPort() != 0;
            if (connected) {
                info.peer = Sockaddr.hostPort(s.getPeerAddr().toByteArray(), s.getPeerPort());
            }
            if (!s.getPath().isEmpty()) {
                info.unixPath = s.getPath();
            }
            info.peerInode = s.getPeerInode();
        }
        return info;
    }

    private static boolean allZero(com.google.protobuf.ByteString bytes) {
        for (int i = 0; i < bytes.size(); i++) {
            if (bytes.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The recorder's probe of {@code fd} after the call (RecordedSyscall.fds, format 1.2), or null. */
    /** What the recorder saw of {@code fd} at the exit of call {@code s} (RecordedSyscall.fds), or null. */
    /**
     * The wall-clock time of the recording machine's boot, from the header's two clocks (its monotonic
     * clock, which equals CLOCK_BOOTTIME where the machine never slept), in ns since the epoch.
     */
    public long bootWallNs() {
        return bootWallNs;
    }

    public FdInfo probedFd(RecordedSyscall s, int fd) {
        return probed(s, fd);
    }

    private static FdInfo probed(RecordedSyscall s, long fd) {
        for (int i = 0, n = s.getFdsCount(); i < n; i++) {
            if (s.getFds(i).getFd() == fd) {
                return fromSnapshot(s.getFds(i));
            }
        }
        return null;
    }

    /** The recording's snap length (bytes kept of a call's data); 0 unlimited. */
    public long snaplen() {
        return snaplen;
    }

    /**
     * Whether a buffer holds all the bytes the recorder tried to copy (the first {@code length},
     * at most the snap length): fewer means the memory ended before, as a read of them would fail.
     */
    public boolean wholeCapture(RecordedBuffer b) {
        long length = b.getLength();   // unsigned: a size_t of -1 is a huge buffer
        long wanted = snaplen > 0 && Long.compareUnsigned(length, snaplen) > 0 ? snaplen : length;
        return b.getError() == 0 && Long.compareUnsigned(b.getData().size(), wanted) >= 0;
    }

    /** Ids of tasks in other pid namespaces, for --pidns-translation. */
    public PidNamespaceIds pidNamespaces() {
        return pidNamespaces;
    }

    /** The name of network interface {@code index} where the recording was made, or null. */
    public String interfaceName(int index) {
        return interfaces.get(index);
    }

    /**
     * The process's command name (its leader thread's name, as /proc/PID/comm): from the header,
     * the thread that forked it, its last exec or a TaskName of its leader; "" when unknown.
     */
    public String comm(int pid) {
        Proc p = procs.get(pid);
        return p == null || p.comm == null ? "" : p.comm;
    }

    /**
     * The thread's own name (JVM threads name themselves): from the header, else its creator's
     * name at its start, then its latest TaskName or exec; the process's name when none is known.
     */
    public String threadComm(int tid, int pid) {
        String c = threadComm.get(tid);
        return c != null ? c : comm(pid);
    }


    /** What is known about the fd, or null. */
    public FdInfo fd(int pid, long fd) {
        // the kernel reads an fd argument as an int: garbage above 32 bits does not count
        Proc p = procs.get(pid);
        int n = (int) fd;   // the kernel reads an fd argument as an int: 0xdefaced00000000 is fd 0
        return p == null || n < 0 ? null : p.fds.get(n);
    }

    /** The process of a live task, or 0 when the task is not known. */
    public int pidOf(int tid) {
        return pidOfTid.getOrDefault(tid, 0);
    }

    /** The number of the task's last recorded syscall before the current record, or -1. */
    public int lastSyscall(int tid) {
        return lastSyscall.getOrDefault(tid, -1);
    }

    /** Threads known to be alive: strace prints "[pid N]" prefixes while this is above one. */
    public int liveTasks() {
        return pidOfTid.size();
    }

    /** Updates the state with a record a view has seen. */
    public void apply(Event e) {
        Record r = e.kind() == Record.KindCase.SYSCALL ? null : e.record();
        switch (e.kind()) {
            case SYSCALL -> {
                int kind = kinds.of(e);
                syscall(e, kind);
                if ((kind & (CallKinds.CONNECT | CallKinds.ACCEPT)) != 0) {
                    connectionEnds(e, kind);
                }
            }
            case TASK_START -> {
                var t = r.getTaskStart();
                if (!t.getAttached() && t.getNewProcess() && t.getTid() == t.getPid()) {
                    // a process started during the recording (jtrace-record -- CMD) began with one
                    // thread, whatever threads the header's snapshot of it lists
                    Proc started = procs.get(t.getPid());
                    if (started != null) {
                        pidOfTid.keySet().removeAll(started.headerThreads);
                    }
                }
                // the kernel copies the creating thread's name; a JVM renames the thread soon after
                int parentPid = pidOfTid.getOrDefault(t.getParentTid(), t.getParentTid());
                String inherited = threadComm.get(t.getParentTid());
                if (inherited == null) {
                    Proc creator = procs.get(parentPid);
                    inherited = creator == null ? null : creator.comm;
                }
                pidOfTid.put(t.getTid(), t.getPid());
                if (inherited != null && (!t.getAttached() || !threadComm.containsKey(t.getTid()))) {
                    threadComm.put(t.getTid(), inherited);   // a task found at attach keeps the header's name
                }
                if (t.getNewProcess()) {
                    Proc child = proc(t.getPid());
                    // the parent may be any thread of its process
                    Proc parent = procs.get(parentPid);
                    if (parent != null && parent != child) {
                        if (inherited != null) {
                            child.comm = inherited;
                        }
                        parent.fds.forEach((k, v) -> child.fds.put(k, v.copy()));
                        child.cwd = parent.cwd;
                    }
                }
            }
            case TASK_PIDS -> pidNamespaces.add(r.getTaskPids());
            case TASK_NAME -> {
                var n = r.getTaskName();
                threadComm.put(n.getTid(), n.getComm());
                if (n.getTid() == n.getPid()) {
                    proc(n.getPid()).comm = n.getComm();   // /proc/PID/comm is the leader's name
                }
            }
            case EXEC -> {
                var x = r.getExec();
                proc(x.getPid()).comm = x.getComm();
                threadComm.put(x.getTid(), x.getComm());
                if (x.getFormerTid() != 0 && x.getFormerTid() != x.getTid()) {
                    pidOfTid.remove(x.getFormerTid());   // the exec'ing thread took over the leader's id
                    threadComm.remove(x.getFormerTid());
                }
            }
            case EXIT -> {
                var x = r.getExit();
                pidNamespaces.forget(x.getTid());
                pidOfTid.remove(x.getTid());
                threadComm.remove(x.getTid());
                lastSyscall.remove(x.getTid());
                if (x.getTid() == x.getPid()) {
                    procs.remove(x.getPid());
                }
            }
            default -> {
            }
        }
    }

    /**
     * What a record tells the views before they see it: the first bytes read and written pair the two ends of a
     * connection whose endpoints the trace does not name (see {@link ConnectionPairs}), so that the views that show
     * a connection once know it at its first bytes.
     */
    public void preview(Event e) {
        if (!pairs.pairing()) {
            return;   // no end misses an endpoint: nothing to pair, and this runs for every record
        }
        RecordedSyscall s = e.syscall();
        if (e.isSyscall() && !s.getUnfinished() && s.getRet() > 0) {
            Calls.Flow flow = Calls.flow(e.name());
            if (flow != Calls.Flow.NONE) {
                pairs.moved(fd(s.getPid(), arg(s, 0)), e, payload, flow == Calls.Flow.IN);
            }
        }
    }

    /** Connected and accepted TCP sockets, for {@link ConnectionPairs}. */
    private void connectionEnds(Event e, int kind) {
        RecordedSyscall s = e.syscall();
        if (s.getUnfinished()) {
            return;
        }
        if ((kind & CallKinds.CONNECT) != 0 && (s.getRet() == 0 || s.getRet() == -FdCalls.EINPROGRESS)) {
            pairs.opened(fd(s.getPid(), arg(s, 0)), true);
        } else if ((kind & CallKinds.ACCEPT) != 0 && s.getRet() >= 0) {
            pairs.opened(fd(s.getPid(), s.getRet()), false);
        }
    }

    /** Whether a record of this call can change the state other than by the fds the recorder probed. */
    static boolean reads(String name) {
        return READ_CALLS.contains(name) || FdCalls.changesFds(name);
    }

    private void syscall(Event e, int kind) {
        RecordedSyscall s = e.syscall();
        lastSyscall.put(s.getTid(), s.getNr());
        if (fastPath && s.getFdsCount() == 0 && (kind & CallKinds.READS_STATE) == 0) {
            return;   // most records (read, write): nothing else to do
        }
        effects(e);
        if (s.getFdsCount() == 0 || s.getUnfinished() || s.getRet() < 0 && s.getRet() != -FdCalls.EINPROGRESS) {
            return;
        }
        // the recorder's probe is what the fds were after the call: it has the last word
        Proc p = proc(s.getPid());
        FdInfo[] pair = new FdInfo[2];
        for (int i = 0; i < s.getFdsCount(); i++) {
            Fd fd = s.getFds(i);
            FdInfo info = fromSnapshot(fd);
            FdInfo before = p.fds.get(fd.getFd());
            info.createdNs = before != null ? before.createdNs : exitNs(e);
            p.fds.put(fd.getFd(), info);
            if (i < 2) {
                pair[i] = info;
            }
            if (info.family == AF_UNIX && info.peerInode != 0) {
                connectedTo(info);
            }
        }
        if (e.name().equals("socketpair") && pair[1] != null) {
            pair[0].peerInode = pair[1].inode;
            pair[1].peerInode = pair[0].inode;
        }
    }

    /**
     * The other end of a UNIX connection the recorder just saw ({@code accept}'s new socket): a
     * connecting socket had no peer yet when its connect returned (the kernel makes the accepted
     * socket's inode at accept), but strace, asking sock_diag at each later call, prints it.
     */
    private void connectedTo(FdInfo accepted) {
        for (Proc q : procs.values()) {
            for (FdInfo f : q.fds.values()) {
                if (f.inode == accepted.peerInode && f.peerInode == 0 && f.family == AF_UNIX) {
                    f.peerInode = accepted.inode;
                }
            }
        }
    }

    /** What a call did to its process's fds, applied to the descriptions (one instance: this runs for every record). */
    private final class FdEffects implements FdCalls.Effects {
        Event event;

        @Override
        public void created(int fd, FdCalls.Origin origin, int from) {
            RecordedSyscall s = event.syscall();
            Proc p = proc(s.getPid());
            FdInfo info = origin == FdCalls.Origin.PIPE ? member(null)
                    : origin == FdCalls.Origin.SOCKETPAIR ? member(s) : TraceState.this.created(event);
            if (info == null) {
                p.fds.remove(fd);
                return;
            }
            info.createdNs = exitNs(event);
            p.fds.put(fd, info);
        }

        @Override
        public void closed(int fd) {
            close(event.syscall().getPid(), fd, event.timeNs());
        }

        @Override
        public void closedRange(long first, long last) {
            Proc p = procs.get(event.syscall().getPid());
            long entryNs = event.timeNs();
            if (p != null) {
                p.fds.entrySet().removeIf(f -> f.getKey() >= first && f.getKey() <= last
                        && f.getValue().createdNs <= entryNs);
            }
        }
    }

    private final FdEffects fdEffects = new FdEffects();

    private void effects(Event e) {
        RecordedSyscall s = e.syscall();
        if (e.name().equals("connect") && s.getRet() == -FdCalls.EINPROGRESS && !s.getUnfinished()) {
            sockaddr(proc(s.getPid()), s, 1, false, false);   // a non-blocking connect names its peer too
        }
        fdEffects.event = e;
        FdCalls.effects(e, fdEffects);
        if (s.getUnfinished() || s.getRet() < 0 || FdCalls.returnsFd(e)) {
            return;
        }
        Proc p = proc(s.getPid());
        switch (e.name()) {
            case "unlink" -> unlinked(p, AT_FDCWD, Calls.buffer(s, 0, Buffer.Part.WHOLE, false));
            case "unlinkat" -> {
                if ((arg(s, 2) & AT_REMOVEDIR) == 0) {
                    unlinked(p, (int) arg(s, 0), Calls.buffer(s, 1, Buffer.Part.WHOLE, false));
                }
            }
            case "chdir" -> {
                RecordedBuffer path = Calls.buffer(s, 0, Buffer.Part.WHOLE, false);
                p.cwd = path == null || path.getError() != 0 ? null : resolve(p.cwd, path.getData().toStringUtf8());
            }
            case "fchdir" -> {
                FdInfo dir = p.fds.get((int) arg(s, 0));
                p.cwd = dir == null ? null : dir.target();
            }
            default -> {
                // calls the table does not know to return fds, that the recorder's probe saw return one
                FdInfo created = created(e);
                if (created != null) {
                    created.createdNs = exitNs(e);
                    p.fds.put((int) s.getRet(), created);
                    return;
                }
                named(e, p);
            }
        }
    }

    /**
     * A file was unlinked: every fd open on it, in any process, now reads as strace shows it,
     * {@code <path>(deleted)} (the kernel's " (deleted)" suffix of /proc/PID/fd, as strace prints it).
     */
    private void unlinked(Proc p, int dirfd, RecordedBuffer path) {
        if (path == null || path.getError() != 0) {
            return;
        }
        String name = path.getData().toStringUtf8();
        String dir = p.cwd;
        if (!name.startsWith("/") && dirfd != AT_FDCWD) {
            FdInfo d = p.fds.get(dirfd);
            dir = d == null ? null : d.target();
        }
        String file = resolve(dir, name);
        if (file == null) {
            return;
        }
        for (Proc q : procs.values()) {
            for (FdInfo f : q.fds.values()) {
                if (file.equals(f.target()) && f.kind() == FdInfo.Kind.FILE) {
                    f.deleted = true;
                }
            }
        }
    }

    /** The directory a chdir to {@code path} from {@code cwd} leads to; null when it cannot be told. */
    static String resolve(String cwd, String path) {
        if (!path.startsWith("/") && cwd == null) {
            return null;
        }
        try {
            return java.nio.file.Path.of(path.startsWith("/") ? path : cwd + "/" + path).normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    /** The process's working directory as -y prints it after AT_FDCWD; null when not known. */
    public String cwd(int pid) {
        Proc p = procs.get(pid);
        return p == null ? null : p.cwd;
    }

    private static long exitNs(Event e) {
        return e.timeNs() + e.syscall().getDurationNs();
    }

    /**
     * FORMAT.md's order rule: a close applies only to an fd created by a call that returned before the close
     * entered; a later one reused the number, and the close's record merely came after it.
     */
    private void close(int pid, long fd, long entryNs) {
        Proc p = procs.get(pid);
        FdInfo info = p == null ? null : p.fds.get((int) fd);
        if (info != null && info.createdNs <= entryNs) {
            p.fds.remove((int) fd);
        }
    }

    /**
     * The fd a successful call returns, described; null when the call creates no fd. Views use it
     * to print the returned fd with {@code -y} before the state has seen the call.
     */
    public FdInfo created(Event e) {
        RecordedSyscall s = e.syscall();
        if (!e.isSyscall() || s.getUnfinished() || s.getRet() < 0) {
            return null;
        }
        FdInfo described = described(e);
        if (described == null) {
            return null;
        }
        FdInfo probed = probed(s, s.getRet());
        return probed != null ? probed : described;
    }

    /** A dup's new fd: a copy of the old one's description, or one of nothing known (the probe may know it). */
    private static FdInfo copyOf(FdInfo old) {
        return old == null ? new FdInfo(FdInfo.Kind.OTHER, null) : old.copy();
    }

    /** {@link #created} from the call's arguments and results alone. */
    private FdInfo described(Event e) {
        RecordedSyscall s = e.syscall();
        switch (e.name()) {
            case "dup", "dup2", "dup3" -> {
                return copyOf(fd(s.getPid(), arg(s, 0)));
            }
            case "fcntl" -> {
                return FdCalls.returnsFd("fcntl", arg(s, 1)) ? copyOf(fd(s.getPid(), arg(s, 0))) : null;
            }
            case "socket" -> {
                FdInfo info = new FdInfo(FdInfo.Kind.SOCKET, null);
                info.family = (int) arg(s, 0);
                info.type = (int) arg(s, 1);
                info.socketProtocol = (int) arg(s, 2);
                return info;
            }
            case "accept", "accept4" -> {
                FdInfo listener = fd(s.getPid(), arg(s, 0));
                FdInfo info = new FdInfo(FdInfo.Kind.SOCKET, null);
                if (listener != null) {
                    info.family = listener.family;
                    info.type = listener.type & 0xf;
                    info.local = listener.local;
                }
                RecordedBuffer addr = Calls.buffer(s, 1, Buffer.Part.WHOLE, true);
                if (addr != null) {
                    byte[] b = addr.getData().toByteArray();
                    info.peer = Sockaddr.endpoint(b, b.length);
                    if (info.family == 0) {
                        info.family = Sockaddr.family(b, b.length);
                        info.type = 1;
                    }
                }
                return info;
            }
            case "open", "creat" -> {
                return file(Calls.buffer(s, 0, Buffer.Part.WHOLE, false));
            }
            case "openat", "openat2" -> {
                return file(Calls.buffer(s, 1, Buffer.Part.WHOLE, false));
            }
            case "epoll_create", "epoll_create1" -> {
                return new FdInfo(FdInfo.Kind.ANON, "anon_inode:[eventpoll]");
            }
            case "eventfd", "eventfd2" -> {
                return new FdInfo(FdInfo.Kind.ANON, "anon_inode:[eventfd]");
            }
            case "timerfd_create" -> {
                return new FdInfo(FdInfo.Kind.ANON, "anon_inode:[timerfd]");
            }
            case "signalfd", "signalfd4" -> {
                return new FdInfo(FdInfo.Kind.ANON, "anon_inode:[signalfd]");
            }
            case "pidfd_open" -> {
                return new FdInfo(FdInfo.Kind.ANON, "anon_inode:[pidfd]");
            }
            case "inotify_init", "inotify_init1" -> {
                return new FdInfo(FdInfo.Kind.ANON, "anon_inode:inotify");   // the kernel's name, without brackets
            }
            case "bpf" -> {
                // a tampered call created nothing; OBJ_GET's object may be a map or a program
                String object = bpfObject(arg(s, 0));
                return object == null || s.getInjected() ? null
                        : new FdInfo(object.isEmpty() ? FdInfo.Kind.OTHER : FdInfo.Kind.ANON,
                                object.isEmpty() ? null : object);
            }
            case "bind", "listen", "connect" -> {
                return null;   // the recorder probes their fd argument; they return 0, not an fd
            }
            default -> {
                // inotify_init, fanotify_init, userfaultfd, perf_event_open, ...: the recorder
                // probes the fd of each call that returns one
                return probed(s, s.getRet()) != null ? new FdInfo(FdInfo.Kind.OTHER, null) : null;
            }
        }
    }

    /** The anon inode a bpf command's new fd refers to ("" when unknown), null for the commands that return none. */
    private static String bpfObject(long cmd) {
        return switch ((int) cmd) {
            case 0, 14 -> "anon_inode:bpf-map";        // MAP_CREATE, MAP_GET_FD_BY_ID
            case 5, 13 -> "anon_inode:bpf-prog";       // PROG_LOAD, PROG_GET_FD_BY_ID
            case 18, 19 -> "anon_inode:btf";           // BTF_LOAD, BTF_GET_FD_BY_ID
            case 17, 28, 30 -> "anon_inode:bpf_link";  // RAW_TRACEPOINT_OPEN, LINK_CREATE, LINK_GET_FD_BY_ID
            case 7 -> "";                              // OBJ_GET
            default -> null;
        };
    }

    private static FdInfo file(RecordedBuffer path) {
        String p = path == null || path.getError() != 0 ? null : path.getData().toStringUtf8();
        FdInfo info = new FdInfo(FdInfo.Kind.FILE, p);
        if (p != null && !path.getData().isValidUtf8()) {
            info.targetBytes = path.getData().toByteArray();
        }
        return info;
    }

    /** Calls that name an existing socket's endpoints, and the fd pairs of pipe and socketpair. */
    private void named(Event e, Proc p) {
        RecordedSyscall s = e.syscall();
        switch (e.name()) {
            case "bind" -> sockaddr(p, s, 1, false, true);
            case "connect" -> {
                sockaddr(p, s, 1, false, false);
                autobound(p, s);
            }
            case "getsockname" -> sockaddr(p, s, 1, true, true);
            case "getpeername" -> sockaddr(p, s, 1, true, false);
            case "sendto", "sendmsg" -> autobound(p, s);
            default -> {
            }
        }
    }

    /** The kernel binds an unbound netlink socket on its first send or connect. */
    private static void autobound(Proc p, RecordedSyscall s) {
        FdInfo info = p.fds.get((int) arg(s, 0));
        if (info != null && info.family == Sockaddr.AF_NETLINK) {
            info.netlinkAutobound = true;
        }
    }

    private void sockaddr(Proc p, RecordedSyscall s, int arg, boolean atExit, boolean local) {
        FdInfo info = p.fds.get((int) arg(s, 0));
        RecordedBuffer addr = Calls.buffer(s, arg, Buffer.Part.WHOLE, atExit);
        if (addr == null) {
            return;
        }
        if (info == null) {
            info = new FdInfo(FdInfo.Kind.SOCKET, null);
            p.fds.put((int) arg(s, 0), info);
        }
        byte[] b = addr.getData().toByteArray();
        if (Sockaddr.family(b, b.length) == Sockaddr.AF_NETLINK && b.length >= 8 && local) {
            long nlPid = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xffffffffL;
            if (info.family == 0) {
                info.family = Sockaddr.AF_NETLINK;
                info.type = 3;
            }
            if (nlPid != 0) {
                info.netlinkPid = nlPid;   // bind to 0: the kernel picks it, learned from the probe or getsockname
            }
            return;
        }
        String endpoint = Sockaddr.endpoint(b, b.length);
        if (!atExit && local && Sockaddr.port(b, b.length) == 0) {
            endpoint = null;   // bind to port 0: the kernel picks the port, learned from getsockname
        }
        if (info.family == 0) {
            info.family = Sockaddr.family(b, b.length);
            info.type = 1;
        }
        if (info.family == Sockaddr.AF_UNIX) {
            if (local && endpoint != null && !endpoint.isEmpty()) {
                info.unixPath = endpoint;
            }
        } else if (local) {
            info.local = endpoint;
        } else {
            info.peer = endpoint;
        }
    }

    /**
     * What one fd of the pair a successful pipe, pipe2 or socketpair returns is, so views can print
     * the pair with {@code -y} before the state has seen the call; null for other calls.
     */
    public FdInfo pairMember(Event e, int fd) {
        FdInfo probed = probed(e.syscall(), fd);
        if (probed != null && e.name().equals("socketpair") && e.syscall().getFdsCount() == 2) {
            Fd other = e.syscall().getFds(e.syscall().getFds(0).getFd() == fd ? 1 : 0);
            probed.peerInode = other.getSocket().getInode();
        }
        if (probed != null) {
            return probed;
        }
        return switch (e.name()) {
            case "pipe", "pipe2" -> member(null);
            case "socketpair" -> member(e.syscall());
            default -> null;
        };
    }

    private static FdInfo member(RecordedSyscall socketpair) {
        if (socketpair == null) {
            return new FdInfo(FdInfo.Kind.PIPE, "pipe:[]");
        }
        FdInfo info = new FdInfo(FdInfo.Kind.SOCKET, null);
        info.family = (int) arg(socketpair, 0);
        info.type = (int) arg(socketpair, 1);
        return info;
    }

    private static long arg(RecordedSyscall s, int i) {
        return Calls.arg(s, i);
    }
}
