package io.jtrace.recorder;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Process ids being traced now: the tracer thread adds and removes, the writer thread reads a
 * snapshot when it writes a new file's header.
 */
final class TracedProcesses {
    private final ConcurrentSkipListSet<Integer> pids = new ConcurrentSkipListSet<>();

    void add(int pid) {
        pids.add(pid);
    }

    void addAll(Collection<Integer> all) {
        pids.addAll(all);
    }

    void remove(int pid) {
        pids.remove(pid);
    }

    List<Integer> snapshot() {
        return List.copyOf(pids);
    }
}
