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
 *
 * <p>A view hands each record to {@link #apply}, which starts and ends generations as {@link FdCalls} says the
 * call did, and tells the view through its {@link Lifecycle}: views keep their own value per generation (a
 * connection, a row of statistics) but no rules of their own about which call does what to fds.
 */
public final class FdGenerations<T> {
    /** How a generation ended. */
    public enum End {
        /** close or close_range. */
        CLOSED,
        /** A call returned the same fd number again: the close that ended it is not in the trace. */
        REUSED,
        /** Its process exited. */
        EXITED
    }

    /** What a view does when a generation starts and ends. */
    public interface Lifecycle<T> {
        /**
         * Call {@code e} made {@code fd} of process {@code pid}; {@code from} is the open generation of the fd a
         * dup copied (null when unknown or not a dup). Returns the view's value, or null to track nothing.
         */
        T created(Event e, int pid, int fd, FdCalls.Origin origin, T from);

        /** A generation ended by record {@code e} (a syscall, or the exit record of its process). */
        void ended(T value, Event e, End how);
    }

    /**
     * Starts and ends generations as record {@code e} did: fds a call created, closed or replaced, and every fd
     * of a process whose exit record this is.
     */
    public void apply(Event e, Lifecycle<T> view) {
        if (!e.isSyscall()) {
            if (e.kind() == io.jtrace.format.proto.Record.KindCase.EXIT && e.tid() == e.pid()) {
                endProcess(e.pid(), v -> view.ended(v, e, End.EXITED));   // the kernel closes a dead process's fds
            }
            return;
        }
        if (!FdCalls.changesFds(e.name())) {
            return;   // read, write and most other records
        }
        int pid = e.syscall().getPid();
        FdCalls.effects(e, new FdCalls.Effects() {
            @Override
            public void created(int fd, FdCalls.Origin origin, int from) {
                T value = view.created(e, pid, fd, origin, from >= 0 ? get(pid, from) : null);
                T old = value == null ? close(pid, fd, Long.MAX_VALUE) : start(pid, fd, value, FdCalls.exitNs(e));
                if (old != null) {
                    view.ended(old, e, End.REUSED);
                }
            }

            @Override
            public void closed(int fd) {
                T old = close(pid, fd, e.timeNs());
                if (old != null) {
                    view.ended(old, e, End.CLOSED);
                }
            }

            @Override
            public void closedRange(long first, long last) {
                closeRange(pid, first, last, e.timeNs(), v -> view.ended(v, e, End.CLOSED));
            }
        });
    }
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
