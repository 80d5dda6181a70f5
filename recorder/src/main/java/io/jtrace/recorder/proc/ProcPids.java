package io.jtrace.recorder.proc;

import io.jtrace.recorder.ptrace.Native;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task's directory in /proc. ptrace gives tids of the recorder's pid namespace, and /proc is
 * usually mounted for it; when it belongs to an ancestor namespace (the recorder runs under
 * {@code unshare --pid} without a /proc of its own), /proc/TID is another task, and the task's
 * number there comes from a pidfd's /proc/self/fdinfo ("Pid:", in the namespace of that /proc).
 */
public final class ProcPids {
    private static final long SYS_PIDFD_OPEN = 434;  // the same on x86_64 and aarch64
    private static final long PIDFD_THREAD = 0200;   // O_EXCL: a pidfd of any thread (Linux 6.9)
    /** Ids of namespaces above the recorder's that /proc lists first (0: /proc is ours); -1: /proc shows none of ours. */
    private static final int LEVELS = ids(Path.of("/proc/self/status"), "NSpid:").length - 1;

    private ProcPids() {
    }

    /** How many ids /proc/PID/status lists before the recorder's namespace's ({@code NSpid:} and the like); -1 unknown. */
    public static int levels() {
        return LEVELS;
    }

    /** The number of task {@code tid} (of the recorder's namespace) in /proc; 0 when it is gone or unknown. */
    public static int of(int tid) {
        if (LEVELS == 0) {
            return tid;
        }
        if (LEVELS < 0) {
            return 0;
        }
        var libc = Native.libc();
        int fd = (int) libc.syscall(SYS_PIDFD_OPEN, tid, PIDFD_THREAD, 0, 0);
        if (fd < 0) {
            fd = (int) libc.syscall(SYS_PIDFD_OPEN, tid, 0, 0, 0); // before Linux 6.9: leaders only
        }
        if (fd < 0) {
            return 0;
        }
        try {
            int[] pid = ids(Path.of("/proc/self/fdinfo", Integer.toString(fd)), "Pid:");
            return pid.length == 1 ? pid[0] : 0;
        } finally {
            libc.close(fd);
        }
    }

    /** The numbers after {@code key} in a /proc status-like file; empty when absent. */
    static int[] ids(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return parse(line.substring(key.length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not procfs
        }
        return new int[0];
    }

    static int[] parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] words = t.split("\\s+");
        int[] ids = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            ids[i] = Integer.parseInt(words[i]);
        }
        return ids;
    }
}
