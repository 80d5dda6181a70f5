package io.jtrace.recorder.trace;

import java.util.Arrays;

/** Which syscall numbers are recorded; the rest cost one register read at entry. */
public final class SyscallFilter {
    private final boolean[] selected;

    private SyscallFilter(boolean[] selected) {
        this.selected = selected;
    }

    /** {@code selected[nr]} true = record syscall {@code nr}; numbers beyond the array are not recorded. */
    public static SyscallFilter of(boolean[] selected) {
        return new SyscallFilter(selected.clone());
    }

    public static SyscallFilter of(int... numbers) {
        int max = Arrays.stream(numbers).max().orElse(-1);
        boolean[] selected = new boolean[max + 1];
        for (int nr : numbers) {
            selected[nr] = true;
        }
        return new SyscallFilter(selected);
    }

    public static SyscallFilter all() {
        boolean[] selected = new boolean[1024];
        Arrays.fill(selected, true);
        return new SyscallFilter(selected);
    }

    public static SyscallFilter none() {
        return new SyscallFilter(new boolean[0]);
    }

    /** The selected numbers, ascending. */
    public int[] numbers() {
        return java.util.stream.IntStream.range(0, selected.length).filter(nr -> selected[nr]).toArray();
    }

    public boolean contains(long nr) {
        return nr >= 0 && nr < selected.length && selected[(int) nr];
    }
}
