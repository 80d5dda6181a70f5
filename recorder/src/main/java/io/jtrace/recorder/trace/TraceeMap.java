package io.jtrace.recorder.trace;

import java.util.HashMap;

/**
 * The tracees by tid, looked up at every stop: {@link #get(int)} answers from a direct-mapped cache
 * of int keys, so the hot loop boxes no Integer per stop (a tid is rarely below 128, where boxes
 * are shared). Every change goes through {@link #put} and {@link #remove}, which keep the cache true.
 */
final class TraceeMap extends HashMap<Integer, Tracee> {
    private static final int SLOTS = 1024;

    private final int[] keys = new int[SLOTS];
    private final Tracee[] values = new Tracee[SLOTS];

    /** As {@code get(Integer)}; chosen by the compiler for an int argument. */
    Tracee get(int tid) {
        int slot = tid & (SLOTS - 1);
        Tracee t = values[slot];
        if (t != null && keys[slot] == tid) {
            return t;
        }
        t = super.get(tid);
        if (t != null) {
            keys[slot] = tid;
            values[slot] = t;
        }
        return t;
    }

    @Override
    public Tracee put(Integer tid, Tracee t) {
        forget(tid);
        return super.put(tid, t);
    }

    @Override
    public Tracee remove(Object tid) {
        if (tid instanceof Integer i) {
            forget(i);
        }
        return super.remove(tid);
    }

    @Override
    public void clear() {
        java.util.Arrays.fill(values, null);
        super.clear();
    }

    private void forget(int tid) {
        int slot = tid & (SLOTS - 1);
        if (keys[slot] == tid) {
            values[slot] = null;
        }
    }
}
