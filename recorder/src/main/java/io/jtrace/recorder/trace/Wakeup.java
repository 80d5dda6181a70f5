package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.Native;
import io.jtrace.recorder.ptrace.Signals;

/**
 * Lets {@link Tracer#stop()} interrupt the tracer thread's blocking wait4 from any thread, without
 * depending on any other process staying alive (a helper child in our process group dies of the
 * same Ctrl-C, hangup or {@code timeout} that asks us to stop). A ptrace request cannot come from
 * another thread; instead a real-time signal, whose handler does nothing and is installed without
 * SA_RESTART, is sent to the tracer thread alone and makes its wait4 return EINTR. The signal can
 * land just after the thread checked the stop flag and before it entered wait4, so the stopping
 * side repeats it until tracing has ended.
 */
final class Wakeup {
    private static final long REPEAT_MS = 10;

    private final int tid;
    private final int signal;

    private Wakeup(int tid, int signal) {
        this.tid = tid;
        this.signal = signal;
    }

    /** Call on the tracer thread, before it first waits. */
    static Wakeup install() {
        int signal = Signals.wakeSignal();
        Signals.interruptOnly(signal);
        Signals.unblock(signal);
        return new Wakeup(Native.libc().gettid(), signal);
    }

    /** Any thread: interrupts the tracer thread's wait4, now and every few ms until {@code ended} says so. */
    void fireUntil(java.util.function.BooleanSupplier ended) {
        Thread kicker = new Thread(() -> {
            while (!ended.getAsBoolean()) {
                Signals.signalThread(tid, signal);
                try {
                    Thread.sleep(REPEAT_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "jtrace-wakeup");
        kicker.setDaemon(true);
        kicker.start();
    }
}
