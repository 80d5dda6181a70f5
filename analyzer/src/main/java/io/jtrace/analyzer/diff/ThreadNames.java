package io.jtrace.analyzer.diff;

import io.jtrace.analyzer.trace.TraceState;
import java.util.HashMap;
import java.util.Map;

/**
 * Names for processes and threads that do not depend on the kernel's numbering: processes {@code p1, p2, ...} in
 * order of first appearance; threads by their name (a JVM names its threads) and, among threads of one process with
 * the same name, {@code #2, #3, ...} in order of first appearance.
 */
final class ThreadNames {
    private record Thread(String label, String sortKey) {
    }

    private final TraceState state;
    private final Map<Integer, Integer> processes = new HashMap<>();
    private final Map<Integer, Thread> threads = new HashMap<>();
    private final Map<String, Integer> sameName = new HashMap<>();

    ThreadNames(TraceState state) {
        this.state = state;
    }

    /** "p1". */
    String process(int pid) {
        return "p" + processOrdinal(pid);
    }

    private int processOrdinal(int pid) {
        return processes.computeIfAbsent(pid, p -> processes.size() + 1);
    }

    /** "p1 client-0", "p1 worker#2"; named at the thread's first call here, with its name then. */
    String thread(int tid, int pid) {
        return lookup(tid, pid).label;
    }

    /** Orders threads by process, name and ordinal: no scheduling decision enters it. */
    String sortKey(int tid, int pid) {
        return lookup(tid, pid).sortKey;
    }

    /** The label of a thread or process seen so far, or null. */
    String known(int tid) {
        Thread t = threads.get(tid);
        if (t != null) {
            return t.label;
        }
        Integer p = processes.get(tid);
        return p == null ? null : "p" + p;
    }

    private Thread lookup(int tid, int pid) {
        Thread t = threads.get(tid);
        if (t == null) {
            int p = processOrdinal(pid);
            String name = tid == 0 ? "-" : state.threadComm(tid, pid);
            int k = sameName.merge(p + "/" + name, 1, Integer::sum);
            String label = "p" + p + " " + name + (k > 1 ? "#" + k : "");
            t = new Thread(label, String.format("%08d %s\u0000%08d", p, name, k));
            threads.put(tid, t);
        }
        return t;
    }
}
