package io.jtrace.recorder.ptrace;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * Starts a process with posix_spawn. Unlike ProcessBuilder, the JDK knows nothing of the child, so
 * its reaper never waits on it and never steals the ptrace stops; the child's real parent is the
 * calling thread. The child gets an empty signal mask (JVM threads block some signals) and, where
 * glibc has it, no fd above 2 besides what the caller maps and the fds it asks to pass on.
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
     * child's fd 0; {@code quiet} sends fds 1 and 2 to /dev/null. Returns the pid.
     */
    public static int spawn(String path, List<String> argv, Map<String, String> env, int stdinFd, boolean quiet) {
        return spawn(path, argv, env, stdinFd, quiet, java.util.Set.of());
    }

    /**
     * {@link #spawn(String, List, Map, int, boolean)}, the fds above 2 in {@code passed} left open
     * in the child (those the recorder itself was given, as strace passes them to its command).
     */
    public static int spawn(String path, List<String> argv, Map<String, String> env, int stdinFd, boolean quiet,
                            java.util.Set<Integer> passed) {
        LibC libc = Native.libc();
        List<Pointer> keep = new ArrayList<>();
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
            if (passed.isEmpty()) {
                closeFrom3(libc, actions);
            } else {
                closeAllBut(libc, actions, passed);
            }
            Native.checkReturned(libc.posix_spawnattr_setsigmask(attr, emptyMask), "posix_spawnattr_setsigmask");
            Native.checkReturned(libc.posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK), "posix_spawnattr_setflags");
            List<String> envList = new ArrayList<>();
            env.forEach((k, v) -> envList.add(k + "=" + v));
            IntByReference pid = new IntByReference();
            int rc = libc.posix_spawn(pid, path, actions, attr, stringArray(argv, keep), stringArray(envList, keep));
            Native.checkReturned(rc, "posix_spawn(" + path + ")");
            return pid.getValue();
        } finally {
            libc.posix_spawnattr_destroy(attr);
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    private static void closeFrom3(LibC libc, Pointer actions) {
        try {
            libc.posix_spawn_file_actions_addclosefrom_np(actions, 3);
        } catch (LinkageError olderGlibc) {
            // Before glibc 2.34 the child inherits the JVM's non-CLOEXEC fds; harmless, only untidy.
        }
    }

    /** Closes in the child every fd above 2 open in this process but those in {@code passed}. */
    private static void closeAllBut(LibC libc, Pointer actions, java.util.Set<Integer> passed) {
        String[] fds = new java.io.File("/proc/self/fd").list();
        if (fds == null) {
            closeFrom3(libc, actions);
            return;
        }
        for (String name : fds) {
            int fd = Integer.parseInt(name);
            // the listing's own fd is closed by now: glibc's spawn ignores closing an fd not open
            if (fd > 2 && !passed.contains(fd)) {
                Native.checkReturned(libc.posix_spawn_file_actions_addclose(actions, fd),
                        "posix_spawn_file_actions_addclose");
            }
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
