package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.Native;
import io.jtrace.recorder.ptrace.Spawn;
import java.util.List;
import java.util.Map;

/**
 * Lets {@link Tracer#stop()} interrupt the tracer thread's blocking wait4 from any thread. A ptrace
 * request cannot come from another thread, and a signal would race with entering wait4; instead
 * the tracer thread spawns a {@code cat} reading a pipe whose only write end we hold. Closing that
 * end makes cat exit, and its death wakes wait4 (it is the tracer thread's child). Level-
 * triggered, so no wakeup is lost; if the recorder dies, the pipe closes and cat exits too.
 */
final class Wakeup {
    private static final int O_CLOEXEC = 0x80000;

    private final int pid;
    private int writeFd;
    private boolean reaped;

    private Wakeup(int pid, int writeFd) {
        this.pid = pid;
        this.writeFd = writeFd;
    }

    /** Call on the tracer thread. */
    static Wakeup start() {
        int[] fds = new int[2];
        Native.check(Native.libc().pipe2(fds, O_CLOEXEC), "pipe2");
        try {
            int pid = Spawn.spawn("/bin/cat", List.of("cat"), Map.of(), fds[0], true);
            return new Wakeup(pid, fds[1]);
        } catch (RuntimeException e) {
            Native.libc().close(fds[1]);
            throw e;
        } finally {
            Native.libc().close(fds[0]);
        }
    }

    /** Any thread. */
    synchronized void fire() {
        if (writeFd >= 0) {
            Native.libc().close(writeFd);
            writeFd = -1;
        }
    }

    boolean owns(int tid) {
        return tid == pid;
    }

    void reaped() {
        reaped = true;
    }

    /** Tracer thread, at the end: make sure cat is gone and reaped. */
    void close(io.jtrace.recorder.ptrace.Ptrace ptrace) {
        fire();
        if (!reaped) {
            ptrace.wait4(pid, EventLoop.WAIT_FLAGS);
            reaped = true;
        }
    }
}
