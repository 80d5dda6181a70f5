package io.jtrace.recorder.ptrace;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** Loads libc once and turns a failed call's errno into a {@link NativeException}. */
public final class Native {
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Native() {
    }

    public static LibC libc() {
        return LIBC;
    }

    public static Runtime runtime() {
        return RUNTIME;
    }

    /** errno saved by the last libc call on this thread. */
    public static int errno() {
        return RUNTIME.getLastError();
    }

    /** Returns {@code rc}, or throws naming {@code call} when it is -1. */
    public static long check(long rc, String call) {
        if (rc == -1) {
            throw new NativeException(call, errno());
        }
        return rc;
    }

    /** For the posix_spawn family, which return the error number instead of setting errno. */
    public static void checkReturned(int rc, String call) {
        if (rc != 0) {
            throw new NativeException(call, rc);
        }
    }
}
