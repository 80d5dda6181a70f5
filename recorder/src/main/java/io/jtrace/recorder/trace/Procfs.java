package io.jtrace.recorder.trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The few /proc lookups the tracer needs. */
public final class Procfs {
    private static final long PF_KTHREAD = 0x00200000;

    private Procfs() {
    }

    /** Thread ids under /proc/PID/task, empty when the process is gone. */
    public static List<Integer> tasks(int pid) {
        List<Integer> tids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc", Integer.toString(pid), "task"))) {
            entries.forEach(p -> tids.add(Integer.parseInt(p.getFileName().toString())));
        } catch (IOException | RuntimeException gone) {
            // The process exited while we looked; the caller sees fewer or no threads.
        }
        return tids;
    }

    /** The thread group (process) of a thread, or -1 when it is gone. */
    public static int tgid(int tid) {
        return statusField(tid, "Tgid:");
    }

    /** This process's effective uid (the second field of Uid:), -1 if unknown. */
    static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // fall through
        }
        return -1;
    }

    /** The pid of the process tracing {@code pid}, 0 when none, -1 when gone. */
    public static int tracerPid(int pid) {
        return statusField(pid, "TracerPid:");
    }

    /** The state letter of /proc/PID/stat ('R', 'S', 'T', 't', 'Z', ...), or 0 when gone. */
    public static char state(int pid) {
        String[] f = statFields(pid);
        return f == null ? 0 : f[0].charAt(0);
    }

    /** The parent process, or -1 when gone. */
    static int ppid(int pid) {
        String[] f = statFields(pid);
        return f == null ? -1 : Integer.parseInt(f[1]);
    }

    /** A kernel thread (PF_KTHREAD in the stat flags): no user space, cannot be traced. */
    static boolean kernelThread(int pid) {
        String[] f = statFields(pid);
        return f != null && (Long.parseLong(f[6]) & PF_KTHREAD) != 0;
    }

    /** Dead, but not yet reaped: a zombie ('Z') or on its way out ('X'). */
    static boolean dead(int tid) {
        char state = state(tid);
        return state == 0 || state == 'Z' || state == 'X';
    }

    /** /proc/PID/stat from the state on (field 3 at index 0), or null when gone. */
    private static String[] statFields(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            // comm may contain spaces and parentheses: the state follows the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    static boolean exists(int pid) {
        return Files.isDirectory(Path.of("/proc", Integer.toString(pid)));
    }

    static String ptraceScope() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/yama/ptrace_scope")).trim();
        } catch (IOException noYama) {
            return null;
        }
    }

    private static int statusField(int tid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(tid), "status"))) {
                if (line.startsWith(field)) {
                    return Integer.parseInt(line.substring(field.length()).trim());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // fall through
        }
        return -1;
    }
}
