package io.jtrace.analyzer.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open generation of every (process, fd): a value per fd number that a create (socket, accept, open, dup
 * onto the number) replaces and a close ends. Applies FORMAT.md's order rule: records follow the order calls
 * returned, so a close ends a generation only if the call that created it returned before the close entered;
 * otherwise the close was of an older fd with the same number, already replaced.
 */
public final class FdGenerations<T> {
    /** Creation time of a generation first seen in use (it predates the recording): before everything. */
    public static final long BEFORE_RECORDING = Long.MIN_VALUE;

    private static final class Slot<T> {
        final T value;
        final long createdNs;

        Slot(T value, long createdNs) {
            this.value = value;
            this.createdNs = createdNs;
        }
    }

    private final Map<Long, Slot<T>> open = new HashMap<>();

    private static long key(int pid, long fd) {
        return (long) pid << 32 | (fd & 0xffffffffL);
    }

    /** The open generation, or null. */
    public T get(int pid, long fd) {
        Slot<T> s = open.get(key(pid, fd));
        return s == null ? null : s.value;
    }

    /**
     * Starts a generation created by a call that returned at {@code createdNs}; returns the generation it
     * replaces (its fd number was reused without a close in the trace), or null.
     */
    public T start(int pid, long fd, T value, long createdNs) {
        Slot<T> old = open.put(key(pid, fd), new Slot<>(value, createdNs));
        return old == null ? null : old.value;
    }

    /** Ends the generation a close entering at {@code closeEntryNs} closed; returns it, or null if none. */
    public T close(int pid, long fd, long closeEntryNs) {
        long k = key(pid, fd);
        Slot<T> s = open.get(k);
        if (s == null || s.createdNs > closeEntryNs) {
            return null;
        }
        open.remove(k);
        return s.value;
    }

    /** Ends the generations a close_range entering at {@code closeEntryNs} closed, lowest fd first. */
    public void closeRange(int pid, long first, long last, long closeEntryNs, Consumer<T> ended) {
        List<Long> keys = new ArrayList<>();
        open.forEach((k, s) -> {
            long fd = k & 0xffffffffL;
            if ((int) (k >>> 32) == pid && fd >= first && fd <= last && s.createdNs <= closeEntryNs) {
                keys.add(k);
            }
        });
        keys.sort(null);
        for (Long k : keys) {
            ended.accept(open.remove(k).value);
        }
    }

    /** Every open generation of a process (pid 0: of every process), in no particular order. */
    public void forEach(int pid, Consumer<T> action) {
        open.forEach((k, s) -> {
            if (pid == 0 || (int) (k >>> 32) == pid) {
                action.accept(s.value);
            }
        });
    }

    /** Ends every generation of a process that is gone, oldest fd first. */
    public void endProcess(int pid, Consumer<T> ended) {
        List<Long> keys = new ArrayList<>();
        for (Long k : open.keySet()) {
            if ((int) (k >>> 32) == pid) {
                keys.add(k);
            }
        }
        keys.sort(null);
        for (Long k : keys) {
            ended.accept(open.remove(k).value);
        }
    }

    /** Ends every open generation (the trace ended), in (pid, fd) order. */
    public void endAll(Consumer<T> ended) {
        List<Long> keys = new ArrayList<>(open.keySet());
        keys.sort(null);
        for (Long k : keys) {
            ended.accept(open.remove(k).value);
        }
    }
}
