package io.jtrace.analyzer.diff;

import java.util.ArrayList;
import java.util.List;

/** Groups the changes of a {@link Myers} diff into unified-diff hunks with {@code context} lines around them. */
public final class Hunks {
    /**
     * One hunk: 0-based first line and line count on each side, and its lines prefixed with ' ', '-' or '+'.
     */
    public record Hunk(int aStart, int aCount, int bStart, int bCount, List<String> lines) {
        /** {@code @@ -l,n +l,n @@} as diff -u prints it: ",1" left out, an empty range numbered by the line before. */
        public String header() {
            return "@@ -" + range(aStart, aCount) + " +" + range(bStart, bCount) + " @@";
        }

        private static String range(int start, int count) {
            int first = count == 0 ? start : start + 1;
            return count == 1 ? Integer.toString(first) : first + "," + count;
        }
    }

    /** A run of changes: A's lines [a0, a1) replaced by B's [b0, b1). */
    private record Change(int a0, int a1, int b0, int b1) {
    }

    private Hunks() {
    }

    public static List<Hunk> of(Myers.Changes changes, List<String> a, List<String> b, int context) {
        List<Change> runs = runs(changes.deleted(), changes.inserted());
        List<Hunk> hunks = new ArrayList<>();
        int i = 0;
        while (i < runs.size()) {
            // a hunk takes in every following change whose gap is at most twice the context
            int j = i;
            while (j + 1 < runs.size() && runs.get(j + 1).a0() - runs.get(j).a1() <= 2 * context) {
                j++;
            }
            hunks.add(hunk(runs.subList(i, j + 1), changes, a, b, context));
            i = j + 1;
        }
        return hunks;
    }

    private static List<Change> runs(boolean[] deleted, boolean[] inserted) {
        List<Change> runs = new ArrayList<>();
        int n = deleted.length;
        int m = inserted.length;
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && !deleted[i] && !inserted[j]) {
                i++;
                j++;
                continue;
            }
            int i0 = i;
            int j0 = j;
            while (i < n && deleted[i]) {
                i++;
            }
            while (j < m && inserted[j]) {
                j++;
            }
            if (i == i0 && j == j0) {
                throw new IllegalStateException("unmatched lines at " + i + "," + j);
            }
            runs.add(new Change(i0, i, j0, j));
        }
        return runs;
    }

    private static Hunk hunk(List<Change> runs, Myers.Changes changes, List<String> a, List<String> b, int context) {
        Change first = runs.get(0);
        Change last = runs.get(runs.size() - 1);
        // context lines are matched lines, so both sides step back and forward by the same amount
        int before = Math.min(context, Math.min(first.a0(), first.b0()));
        int after = Math.min(context, Math.min(a.size() - last.a1(), b.size() - last.b1()));
        int aStart = first.a0() - before;
        int bStart = first.b0() - before;
        int aEnd = last.a1() + after;
        int bEnd = last.b1() + after;
        List<String> lines = new ArrayList<>();
        int i = aStart;
        int j = bStart;
        while (i < aEnd || j < bEnd) {
            if (i < aEnd && changes.deleted()[i]) {
                lines.add("-" + a.get(i++));
            } else if (j < bEnd && changes.inserted()[j]) {
                lines.add("+" + b.get(j++));
            } else {
                lines.add(" " + a.get(i++));
                j++;
            }
        }
        return new Hunk(aStart, aEnd - aStart, bStart, bEnd - bStart, lines);
    }
}
