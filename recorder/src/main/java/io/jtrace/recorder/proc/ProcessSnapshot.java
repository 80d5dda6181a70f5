package io.jtrace.recorder.proc;

import io.jtrace.format.proto.Fd;
import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.format.proto.ThreadInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What /proc says of a process at attach: exe, cmdline, comm, ids, threads and the fd table with
 * socket endpoints. Anything unreadable (a racing exit, a hidepid mount) is left out, never fatal.
 */
public final class ProcessSnapshot {
    private ProcessSnapshot() {
    }

    public static ProcessInfo of(int pid) {
        Path proc = Path.of("/proc", Integer.toString(pid));
        ProcessInfo.Builder p = ProcessInfo.newBuilder().setPid(pid);
        readLink(proc.resolve("exe")).ifPresent(p::setExe);
        readLink(proc.resolve("cwd")).ifPresent(p::setCwd);
        p.setComm(readFirstLine(proc.resolve("comm")));
        for (String arg : readNulSeparated(proc.resolve("cmdline"))) {
            p.addCmdline(arg);
        }
        for (String line : readLines(proc.resolve("status"))) {
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "PPid:" -> p.setPpid(Integer.parseInt(f[1]));
                case "Uid:" -> p.setUid(Integer.parseInt(f[1]));
                case "Gid:" -> p.setGid(Integer.parseInt(f[1]));
                default -> { }
            }
        }
        for (int tid : tasks(pid)) {
            String comm = threadComm(pid, tid);
            p.addThreads(ThreadInfo.newBuilder().setTid(tid).setComm(comm == null ? "" : comm));
        }
        SocketTable sockets = SocketTable.of(pid);
        for (var e : fds(proc.resolve("fd")).entrySet()) {
            p.addFds(fd(e.getKey(), e.getValue(), sockets, proc.resolve("fd")));
        }
        return p.build();
    }

    static Fd fd(int number, String target, SocketTable sockets, Path fdDir) {
        // the link's own bytes: a file name need not be UTF-8 (Fd.raw_target), nor the locale's
        byte[] raw = FdProbe.readlinkBytes(fdDir.resolve(Integer.toString(number)).toString());
        if (raw != null) {
            target = new String(raw, StandardCharsets.UTF_8);
        }
        Fd.Builder fd = Fd.newBuilder().setFd(number).setTarget(target).setKind(kind(target));
        if (raw != null && !FdProbe.validUtf8(raw)) {
            fd.setRawTarget(com.google.protobuf.ByteString.copyFrom(raw));
        }
        if (target.startsWith("/dev/")) {
            FdProbe.device(fdDir.resolve(Integer.toString(number)), fd); // -yy prints a device's numbers
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
            try {
                var socket = sockets.get(Long.parseLong(target.substring(8, target.length() - 1)));
                if (socket != null) {
                    fd.setSocket(socket);
                }
            } catch (NumberFormatException ignored) {
                // not an inode number: leave the socket unnamed
            }
        }
        return fd.build();
    }

    static Fd.Kind kind(String target) {
        if (target.startsWith("socket:")) {
            return Fd.Kind.SOCKET;
        } else if (target.startsWith("pipe:")) {
            return Fd.Kind.PIPE;
        } else if (target.startsWith("anon_inode:")) {
            return Fd.Kind.ANON;
        } else if (target.startsWith("/dev/")) {
            return Fd.Kind.DEVICE;
        } else if (target.startsWith("/")) {
            return Fd.Kind.FILE;
        }
        return Fd.Kind.OTHER;
    }

    /**
     * A thread's name as /proc/PID/task/TID/comm shows it (at most 15 bytes, set by prctl(PR_SET_NAME)
     * or pthread_setname_np); null when the thread is gone. Bytes that are not UTF-8 become U+FFFD.
     */
    public static String threadComm(int pid, int tid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Integer.toString(pid), "task", Integer.toString(tid), "comm"));
            int n = b.length > 0 && b[b.length - 1] == '\n' ? b.length - 1 : b.length;
            return new String(b, 0, n, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** ThreadInfo ids of a process, ascending; empty when it is gone. */
    public static List<Integer> tasks(int pid) {
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of("/proc", Integer.toString(pid), "task"))) {
            for (Path t : dir) {
                tids.add(Integer.parseInt(t.getFileName().toString()));
            }
        } catch (IOException | NumberFormatException e) {
            return List.of();
        }
        tids.sort(null);
        return tids;
    }

    private static TreeMap<Integer, String> fds(Path dir) {
        TreeMap<Integer, String> fds = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                readLink(e).ifPresent(t -> fds.put(Integer.parseInt(e.getFileName().toString()), t));
            }
        } catch (IOException | NumberFormatException e) {
            // fd table unreadable: the analyzer names fds from the records instead
        }
        return fds;
    }

    public static java.util.Optional<String> readLink(Path link) {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(link).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty();
        }
    }

    public static String readFirstLine(Path file) {
        List<String> lines = readLines(file);
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }

    /** /proc/PID/cmdline and friends: NUL-separated strings. */
    public static List<String> readNulSeparated(Path file) {
        try {
            String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (s.isEmpty()) {
                return List.of();
            }
            if (s.endsWith("\0")) {
                s = s.substring(0, s.length() - 1);
            }
            return List.of(s.split("\0", -1));
        } catch (IOException e) {
            return List.of();
        }
    }
}
