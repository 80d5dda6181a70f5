package io.jtrace.recorder;

import jnr.ffi.LibraryLoader;

/**
 * A traced program for the tests: a thread that is not the thread-group leader calls execv(2)
 * natively (ProcessBuilder would fork first). The kernel then ends every other thread and gives
 * the exec'ing thread the leader's tid. Usage: ThreadExec PATH ARG0 ARGS...
 */
public final class ThreadExec {
    /** The libc call, as jnr-ffi binds it: a String[] becomes a NULL-terminated char *[]. */
    public interface Exec {
        int execv(String path, String[] argv);

        int gettid();
    }

    private ThreadExec() {
    }

    public static void main(String[] args) throws Exception {
        Exec libc = LibraryLoader.create(Exec.class).load("c");
        String[] argv = java.util.Arrays.copyOfRange(args, 1, args.length);
        Thread t = new Thread(() -> {
            System.out.println("exec from tid " + libc.gettid() + " of pid " + ProcessHandle.current().pid());
            System.out.flush();
            libc.execv(args[0], argv);
            System.err.println("execv failed");
            System.exit(99);
        }, "exec-thread");
        t.start();
        t.join();
    }
}
