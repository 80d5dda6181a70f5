package io.jtrace.recorder.trace;

import io.jtrace.recorder.ptrace.Arch;
import io.jtrace.recorder.ptrace.Errno;
import io.jtrace.recorder.ptrace.NativeException;
import io.jtrace.recorder.ptrace.Ptrace;
import io.jtrace.recorder.ptrace.PtraceConstants;
import io.jtrace.recorder.ptrace.WaitStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Traces processes with ptrace on one dedicated platform thread: the kernel answers ptrace
 * requests for a tracee only from the thread that attached it, so attach, wait4 and every
 * request run there, and the thread catches everything so tracees are never abandoned stopped.
 * Sink callbacks run on that thread too. Tracing ends when {@link #stop()} is called (every
 * tracee is detached and runs on) or when every tracee has exited.
 */
public final class Tracer {
    private final EventLoop loop;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<TraceResult> finished = new CompletableFuture<>();
    private final List<Throwable> errors = new ArrayList<>();
    private volatile boolean stopRequested;
    private volatile Wakeup wakeup;
    private final AtomicBoolean kicking = new AtomicBoolean();
    /** --seccomp-bpf after the recording ended: the launched command's status once every tracee is gone. */
    private final CompletableFuture<ExitStatus> passedThrough = new CompletableFuture<>();
    private volatile boolean passingThrough;

    private Tracer(TraceOptions options, TraceSink sink) {
        this.loop = new EventLoop(new Ptrace(Arch.current()), new GuardedSink(sink, this::error), options);
    }

    /** Attaches to every thread of each pid ({@code -p}); returns once all are attached. */
    public static Tracer attach(TraceOptions options, TraceSink sink, Collection<Integer> pids) throws AttachException {
        List<Integer> copy = List.copyOf(pids);
        Tracer tracer = new Tracer(options, sink);
        tracer.begin(() -> new Attacher(tracer.loop).attach(copy));
        return tracer;
    }

    /** Starts {@code command} traced from its first instruction ({@code -- CMD ARGS}); see {@link Launcher}. */
    public static Tracer launch(TraceOptions options, TraceSink sink, List<String> command) throws AttachException {
        List<String> copy = List.copyOf(command);
        Tracer tracer = new Tracer(options, sink);
        tracer.begin(() -> new Launcher(tracer.loop).launch(copy));
        return tracer;
    }

    /** {@code -p}: the threads seized per process at attach (threads created since are not counted). */
    public java.util.Map<Integer, Integer> attachedThreads() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(loop.attachedThreads));
    }

    /** Pid of the launched command, -1 in attach mode. */
    public int launchedPid() {
        return loop.launchedPid;
    }

    /** Ends tracing: every tracee is detached and keeps running. Any thread, any time, idempotent. */
    public void stop() {
        stopRequested = true;
        kick();
    }

    private void kick() {
        Wakeup w = wakeup;
        if (w != null && kicking.compareAndSet(false, true)) {
            w.fireUntil(finished::isDone);
        }
    }

    /** Blocks until tracing has ended. */
    public TraceResult await() throws InterruptedException {
        try {
            return finished.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public Optional<TraceResult> await(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * After tracing ended: the launched command's exit status, waiting for it if the tracer
     * detached while it still ran (the JDK does not reap it: it is not a ProcessBuilder child).
     */
    public ExitStatus waitForLaunched() throws InterruptedException {
        TraceResult result = await();
        if (passingThrough) {
            // the tracees keep their filter and stay ours until the last one exits (see PassThrough)
            try {
                ExitStatus late = passedThrough.get();
                return result.launchedExit().orElse(late);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        if (result.launchedExit().isPresent() || loop.launchedPid < 0) {
            return result.launchedExit().orElse(null);
        }
        Ptrace ptrace = new Ptrace(Arch.current());
        ptrace.wait4(loop.launchedPid, PtraceConstants.WALL);
        return ExitStatus.fromWaitStatus(ptrace.lastStatus());
    }

    /** ptrace-stops the tracer handled; read after {@link #await()}. For tests and measurements. */
    public long stops() {
        return loop.stops;
    }

    /** Errors the tracer survived (a sink that threw, an unexpected ptrace failure). */
    public synchronized List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private synchronized void error(Throwable t) {
        if (errors.size() < 100) {
            errors.add(t);
        }
    }

    private interface Setup {
        void run() throws AttachException;
    }

    private void begin(Setup setup) throws AttachException {
        Thread thread = new Thread(() -> run(setup), "jtrace-tracer");
        thread.setDaemon(true); // if the JVM exits regardless, the kernel detaches the tracees
        thread.start();
        try {
            started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new AttachException("interrupted while attaching", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AttachException attach) {
                throw attach;
            }
            throw new AttachException("cannot trace: " + cause.getMessage(), cause);
        }
    }

    private void run(Setup setup) {
        TraceResult result;
        try {
            wakeup = Wakeup.install();
            if (stopRequested) {
                kick();
            }
            try {
                setup.run();
            } catch (Throwable e) {
                release();
                started.completeExceptionally(e);
                finished.complete(new TraceResult(TraceResult.Reason.FAILED, Optional.empty(), e));
                return;
            }
            started.complete(null);
            result = trace();
        } catch (Throwable e) {
            started.completeExceptionally(e);
            result = new TraceResult(TraceResult.Reason.FAILED, Optional.ofNullable(loop.launchedExit), e);
        }
        finished.complete(result);
        if (passingThrough) {
            try {
                passedThrough.complete(new PassThrough(loop).serve());
            } catch (Throwable e) {
                passedThrough.completeExceptionally(e);
            }
        }
    }

    /**
     * Lets every tracee go: detached, or with a seccomp filter in place, left running traced
     * but unrecorded until it exits (served after {@code finished} completes).
     */
    private void release() throws InterruptedException {
        if (loop.seccompActive) {
            new PassThrough(loop).letGo();
            passingThrough = !loop.tracees.isEmpty();
            loop.tracees.clear();
        } else {
            new Detacher(loop).detachAll();
        }
    }

    private TraceResult trace() throws InterruptedException {
        TraceResult.Reason reason;
        try {
            reason = loop();
        } catch (Throwable e) {
            release(); // never leave tracees stopped behind us
            return new TraceResult(TraceResult.Reason.FAILED, Optional.ofNullable(loop.launchedExit), e);
        }
        return new TraceResult(reason, Optional.ofNullable(loop.launchedExit), null);
    }

    private TraceResult.Reason loop() throws InterruptedException {
        while (true) {
            if (stopRequested) {
                release();
                return TraceResult.Reason.STOPPED;
            }
            if (loop.tracees.isEmpty()) {
                return TraceResult.Reason.TRACEES_EXITED;
            }
            int tid;
            try {
                tid = loop.ptrace.wait4Interruptibly(-1, EventLoop.WAIT_FLAGS);
            } catch (NativeException e) {
                if (e.errno() == Errno.ECHILD) {
                    return TraceResult.Reason.TRACEES_EXITED; // bookkeeping missed a death
                }
                throw e;
            }
            if (tid < 0) {
                continue; // Wakeup: look at stopRequested again
            }
            long now = System.nanoTime();
            int status = loop.ptrace.lastStatus();
            try {
                loop.handle(tid, status, now);
            } catch (RuntimeException e) {
                error(new IllegalStateException("tid " + tid + " status 0x" + Integer.toHexString(status)
                    + (WaitStatus.stopped(status) ? "" : " (exited)") + ": " + e.getMessage(), e));
            }
        }
    }
}
