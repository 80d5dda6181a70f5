package io.jtrace.analyzer.http;

import java.util.Arrays;

/**
 * The start times of the exchanges in flight, a multiset with its least: a sorted array of longs, as those in flight
 * are few and start nearly in order (a TreeMap boxed two objects per exchange and walked a tree for each).
 */
final class StartTimes {
    private long[] times = new long[16];
    private int size;

    void add(long t) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
        }
        int at = size;
        while (at > 0 && times[at - 1] > t) {   // from the end: a new exchange starts after nearly all others
            at--;
        }
        System.arraycopy(times, at, times, at + 1, size - at);
        times[at] = t;
        size++;
    }

    /** Removes one t, if there is one. */
    void remove(long t) {
        int at = Arrays.binarySearch(times, 0, size, t);
        if (at >= 0) {
            System.arraycopy(times, at + 1, times, at, size - at - 1);
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The least time; only when not empty. */
    long least() {
        return times[0];
    }
}
