package io.jtrace.recorder.ptrace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * Starts a process with posix_spawn. Unlike ProcessBuilder, the JDK knows nothing of the child, so
 * its reaper never waits on it and never steals the ptrace stops; the child's real parent is the
 * calling thread. The child gets an empty signal mask (JVM threads block some signals) and, where
 * glibc has it, no fd above 2 but those the caller keeps: the JVM's own fds, the trace file's
 * among them, are closed.
 */
public final class Spawn {
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final int O_WRONLY = 1;
    // Generous upper bounds of glibc's posix_spawn_file_actions_t (80) and posix_spawnattr_t (336).
    private static final int OPAQUE_SIZE = 1024;

    private Spawn() {
    }

    /**
     * Spawns {@code path} with {@code argv} and {@code env}. {@code stdinFd >= 0} becomes the
     * child's fd 0; {@code quiet} sends fds 1 and 2 to /dev/null; the fds above 2 in {@code keep}
     * stay open in the child. Returns the pid.
     */
    public static int spawn(String path, List<String> argv, Map<String, String> env, int stdinFd, boolean quiet,
            Set<Integer> keep) {
        LibC libc = Native.libc();
        List<Pointer> strings = new ArrayList<>();
        Pointer actions = Memory.allocateDirect(Native.runtime(), OPAQUE_SIZE, true);
        Pointer attr = Memory.allocateDirect(Native.runtime(), OPAQUE_SIZE, true);
        Pointer emptyMask = Memory.allocateDirect(Native.runtime(), 128, true);
        Native.checkReturned(libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
        Native.checkReturned(libc.posix_spawnattr_init(attr), "posix_spawnattr_init");
        try {
            if (stdinFd >= 0) {
                Native.checkReturned(libc.posix_spawn_file_actions_adddup2(actions, stdinFd, 0), "posix_spawn_file_actions_adddup2");
            }
            if (quiet) {
                Native.checkReturned(libc.posix_spawn_file_actions_addopen(actions, 1, "/dev/null", O_WRONLY, 0), "posix_spawn_file_actions_addopen");
                Native.checkReturned(libc.posix_spawn_file_actions_adddup2(actions, 1, 2), "posix_spawn_file_actions_adddup2");
            }
            closeAbove2(libc, actions, keep);
            Native.checkReturned(libc.posix_spawnattr_setsigmask(attr, emptyMask), "posix_spawnattr_setsigmask");
            Native.checkReturned(libc.posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
            List<String> envList = new ArrayList<>();
            env.forEach((k, v) -> envList.add(k + "=" + v));
            IntByReference pid = new IntByReference();
            int rc = libc.posix_spawn(pid, path, actions, attr, stringArray(argv, strings), stringArray(envList, strings));
            Native.checkReturned(rc, "posix_spawn(" + path + ")");
            return pid.getValue();
        } finally {
            libc.posix_spawnattr_destroy(attr);
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    /** Closes the child's fds from 3 on but those in {@code keep} (glibc ignores a close of an fd not open). */
    private static void closeAbove2(LibC libc, Pointer actions, Set<Integer> keep) {
        int highest = 2;
        for (int fd : keep) {
            highest = Math.max(highest, fd);
        }
        for (int fd = 3; fd < highest; fd++) {
            if (!keep.contains(fd)) {
                Native.checkReturned(libc.posix_spawn_file_actions_addclose(actions, fd), "posix_spawn_file_actions_addclose");
            }
        }
        try {
            libc.posix_spawn_file_actions_addclosefrom_np(actions, highest + 1);
        } catch (LinkageError olderGlibc) {
            // Before glibc 2.34 the child inherits the JVM's non-CLOEXEC fds; harmless, only untidy.
        }
    }

    /** A NULL-terminated char*[]; the strings stay reachable through {@code keep} until the call returns. */
    private static Pointer stringArray(List<String> strings, List<Pointer> keep) {
        Pointer array = Memory.allocateDirect(Native.runtime(), 8L * (strings.size() + 1), true);
        for (int i = 0; i < strings.size(); i++) {
            byte[] bytes = strings.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer s = Memory.allocateDirect(Native.runtime(), bytes.length + 1, true);
            s.put(0, bytes, 0, bytes.length);
            keep.add(s);
            array.putAddress(8L * i, s.address());
        }
        keep.add(array);
        return array;
    }
}
