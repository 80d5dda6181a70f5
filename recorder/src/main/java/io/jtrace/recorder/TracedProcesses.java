package io.jtrace.recorder;

import io.jtrace.format.proto.ProcessInfo;
import io.jtrace.recorder.proc.ProcessSnapshot;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ProcessInfo ids being traced now: the tracer thread adds and removes, the writer thread reads a
 * snapshot when it writes a new file's header.
 *
 * <p>Launch mode: the first file's header describes the command as its exec left it, taken by
 * the tracer thread at the exec stop (the command stopped, none of its code run yet: its fds are
 * those it inherited, less the close-on-exec ones). A snapshot taken when the writer gets to it
 * would show what the command opened meanwhile as open from the start, and {@code -y} would name
 * the loader's fd 3 after the socket it became.
 */
final class TracedProcesses {
    /** How long the first header waits for the command's exec before describing it as it is. */
    private static final long EXEC_WAIT_MS = 10_000;   // 2 s was too short on a loaded 2-core machine

    private final ConcurrentSkipListSet<Integer> pids = new ConcurrentSkipListSet<>();
    private final CompletableFuture<ProcessInfo> atExec = new CompletableFuture<>();
    private volatile boolean launchMode;
    private volatile boolean firstHeaderDone;

    void add(int pid) {
        pids.add(pid);
    }

    void addAll(Collection<Integer> all) {
        pids.addAll(all);
    }

    void remove(int pid) {
        pids.remove(pid);
        atExec.complete(null); // the command ended before an exec, or with it: no wait
    }

    /** Before the launch: the first exec reported is the command's. */
    void expectLaunch() {
        launchMode = true;
    }

    /** Tracer thread, at an exec stop of {@code pid}. */
    void execed(int pid) {
        if (launchMode && !atExec.isDone()) {
            atExec.complete(ProcessSnapshot.of(pid));
        }
    }

    /** The processes for a new file's header, as /proc shows them now; the first one of a launch as it was at exec. */
    List<ProcessInfo> describe() {
        ProcessInfo launched = null;
        if (launchMode && !firstHeaderDone) {
            firstHeaderDone = true;
            try {
                launched = atExec.get(EXEC_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                launched = null; // described as it is now, below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ProcessInfo> all = new java.util.ArrayList<>();
        if (launched != null && !pids.contains(launched.getPid()) && !launched.getThreadsList().isEmpty()) {
            // a short command may have exited before the writer got here: its records follow all the same,
            // and they need its fds as its exec left them (-y, -P)
            all.add(launched);
        }
        for (int pid : List.copyOf(pids)) {
            ProcessInfo p = launched != null && launched.getPid() == pid ? launched : ProcessSnapshot.of(pid);
            if (!p.getThreadsList().isEmpty()) {
                all.add(p);
            }
        }
        return all;
    }
}
