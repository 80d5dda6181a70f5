package io.jtrace.analyzer.diff;

import java.util.ArrayDeque;

/**
 * Myers' O(ND) difference algorithm in linear space (the "middle snake" divide and conquer, as GNU diff runs it),
 * over sequences of line numbers (equal lines, equal numbers). Time is bounded too: when a middle-snake search
 * costs more than {@link #costLimit} edit steps, the furthest-reaching path found so far is taken as the split, so
 * two very different traces still finish in time, with a valid but possibly longer edit script.
 */
public final class Myers {
    /** What changed: a line of A deleted, a line of B inserted; unmarked lines are matched in order. */
    public record Changes(boolean[] deleted, boolean[] inserted) {
        public boolean any() {
            for (boolean d : deleted) {
                if (d) {
                    return true;
                }
            }
            for (boolean i : inserted) {
                if (i) {
                    return true;
                }
            }
            return false;
        }
    }

    private final int[] a;
    private final int[] b;
    private final boolean[] deleted;
    private final boolean[] inserted;
    /** Furthest x on each diagonal (x - y), forward and backward, offset by {@link #offset}. */
    private final int[] fd;
    private final int[] bd;
    private final int offset;
    private final int costLimit;

    private Myers(int[] a, int[] b, int costLimit) {
        this.a = a;
        this.b = b;
        this.deleted = new boolean[a.length];
        this.inserted = new boolean[b.length];
        int diagonals = a.length + b.length + 3;
        this.fd = new int[diagonals];
        this.bd = new int[diagonals];
        this.offset = b.length + 1;
        this.costLimit = costLimit;
    }

    public static Changes diff(int[] a, int[] b) {
        int diagonals = a.length + b.length + 3;
        // GNU diff's bound: about the square root of the diagonals, at least 4096
        int limit = 1;
        for (long d = diagonals; d != 0; d >>= 2) {
            limit <<= 1;
        }
        return diff(a, b, Math.max(4096, limit));
    }

    /** With an explicit bound on the edit steps of one split search (tests lower it to reach the heuristic). */
    static Changes diff(int[] a, int[] b, int costLimit) {
        Myers m = new Myers(a, b, costLimit);
        m.run();
        return new Changes(m.deleted, m.inserted);
    }

    /** Sub-problems on an explicit stack: a recursion as deep as the splits could overflow the thread's stack. */
    private void run() {
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        todo.push(new int[] {0, a.length, 0, b.length});
        while (!todo.isEmpty()) {
            int[] p = todo.pop();
            int xoff = p[0];
            int xlim = p[1];
            int yoff = p[2];
            int ylim = p[3];
            while (xoff < xlim && yoff < ylim && a[xoff] == b[yoff]) {
                xoff++;
                yoff++;
            }
            while (xlim > xoff && ylim > yoff && a[xlim - 1] == b[ylim - 1]) {
                xlim--;
                ylim--;
            }
            if (xoff == xlim) {
                for (int y = yoff; y < ylim; y++) {
                    inserted[y] = true;
                }
            } else if (yoff == ylim) {
                for (int x = xoff; x < xlim; x++) {
                    deleted[x] = true;
                }
            } else {
                long mid = split(xoff, xlim, yoff, ylim);
                int x = (int) (mid >>> 32);
                int y = (int) mid;
                if (x + y <= xoff + yoff || x + y >= xlim + ylim) {
                    throw new IllegalStateException("diff split made no progress at " + x + "," + y);
                }
                todo.push(new int[] {x, xlim, y, ylim});
                todo.push(new int[] {xoff, x, yoff, y});
            }
        }
    }

    /**
     * A point (x, y) on a shortest edit path, strictly inside the box (both ends differ, after the common prefix
     * and suffix were taken off), returned as {@code x << 32 | y}.
     */
    private long split(int xoff, int xlim, int yoff, int ylim) {
        int dmin = xoff - ylim;
        int dmax = xlim - yoff;
        int fmid = xoff - yoff;
        int bmid = xlim - ylim;
        int fmin = fmid;
        int fmax = fmid;
        int bmin = bmid;
        int bmax = bmid;
        boolean odd = ((fmid - bmid) & 1) != 0;
        fd[fmid + offset] = xoff;
        bd[bmid + offset] = xlim;
        for (int c = 1; ; c++) {
            // forward: extend each diagonal by one edit, then follow its snake
            if (fmin > dmin) {
                fd[--fmin - 1 + offset] = -1;
            } else {
                fmin++;
            }
            if (fmax < dmax) {
                fd[++fmax + 1 + offset] = -1;
            } else {
                fmax--;
            }
            for (int d = fmax; d >= fmin; d -= 2) {
                int tlo = fd[d - 1 + offset];
                int thi = fd[d + 1 + offset];
                int x = tlo >= thi ? tlo + 1 : thi;
                int y = x - d;
                while (x < xlim && y < ylim && a[x] == b[y]) {
                    x++;
                    y++;
                }
                fd[d + offset] = x;
                if (odd && bmin <= d && d <= bmax && bd[d + offset] <= x) {
                    return (long) x << 32 | y;
                }
            }
            // backward, from the end
            if (bmin > dmin) {
                bd[--bmin - 1 + offset] = Integer.MAX_VALUE;
            } else {
                bmin++;
            }
            if (bmax < dmax) {
                bd[++bmax + 1 + offset] = Integer.MAX_VALUE;
            } else {
                bmax--;
            }
            for (int d = bmax; d >= bmin; d -= 2) {
                int tlo = bd[d - 1 + offset];
                int thi = bd[d + 1 + offset];
                int x = tlo < thi ? tlo : thi - 1;
                int y = x - d;
                while (x > xoff && y > yoff && a[x - 1] == b[y - 1]) {
                    x--;
                    y--;
                }
                bd[d + offset] = x;
                if (!odd && fmin <= d && d <= fmax && x <= fd[d + offset]) {
                    return (long) x << 32 | y;
                }
            }
            if (c >= costLimit) {
                return furthest(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax);
            }
        }
    }

    /** Too expensive: the forward or backward path that got furthest (GNU diff's heuristic), as the split. */
    private long furthest(int xoff, int xlim, int yoff, int ylim, int fmin, int fmax, int bmin, int bmax) {
        long fxybest = -1;
        int fxbest = xoff;
        for (int d = fmax; d >= fmin; d -= 2) {
            int x = Math.min(fd[d + offset], xlim);
            int y = x - d;
            if (ylim < y) {
                x = ylim + d;
                y = ylim;
            }
            if (fxybest < (long) x + y) {
                fxybest = (long) x + y;
                fxbest = x;
            }
        }
        long bxybest = Long.MAX_VALUE;
        int bxbest = xlim;
        for (int d = bmax; d >= bmin; d -= 2) {
            int x = Math.max(xoff, bd[d + offset]);
            int y = x - d;
            if (y < yoff) {
                x = yoff + d;
                y = yoff;
            }
            if ((long) x + y < bxybest) {
                bxybest = (long) x + y;
                bxbest = x;
            }
        }
        if ((long) xlim + ylim - bxybest < fxybest - ((long) xoff + yoff)) {
            return (long) fxbest << 32 | (fxybest - fxbest);
        }
        return (long) bxbest << 32 | (bxybest - bxbest);
    }
}
