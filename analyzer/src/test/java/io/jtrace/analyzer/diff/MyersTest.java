package io.jtrace.analyzer.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Myers' diff against a dynamic-programming LCS, and the unified hunks it gives. */
class MyersTest {
    /** The longest common subsequence's length, by the textbook table. */
    static int lcs(int[] a, int[] b) {
        int[][] t = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
            }
        }
        return t[0][0];
    }

    /** The lines left unmarked pair up in order and are equal; returns how many pairs. */
    static int checkValid(int[] a, int[] b, Myers.Changes c) {
        List<Integer> keptA = new ArrayList<>();
        List<Integer> keptB = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (!c.deleted()[i]) {
                keptA.add(a[i]);
            }
        }
        for (int j = 0; j < b.length; j++) {
            if (!c.inserted()[j]) {
                keptB.add(b[j]);
            }
        }
        assertEquals(keptA, keptB, "matched lines of " + Arrays.toString(a) + " and " + Arrays.toString(b));
        return keptA.size();
    }

    static int[] random(Random r, int n, int alphabet) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = r.nextInt(alphabet);
        }
        return s;
    }

    @Test
    void shortestEditScriptOnRandomSequences() {
        Random r = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int[] a = random(r, r.nextInt(40), 1 + r.nextInt(6));
            int[] b = random(r, r.nextInt(40), 1 + r.nextInt(6));
            Myers.Changes c = Myers.diff(a, b);
            assertEquals(lcs(a, b), checkValid(a, b, c), Arrays.toString(a) + " / " + Arrays.toString(b));
        }
    }

    @Test
    void costBoundStillGivesAValidScript() {
        Random r = new Random(7);
        for (int round = 0; round < 500; round++) {
            int[] a = random(r, 50 + r.nextInt(200), 4);
            int[] b = random(r, 50 + r.nextInt(200), 4);
            Myers.Changes c = Myers.diff(a, b, 2);
            int kept = checkValid(a, b, c);
            assertTrue(kept <= lcs(a, b));
        }
    }

    @Test
    void oneChangedLineInALongSequenceIsOneChange() {
        int[] a = new int[100_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i % 1000;
        }
        int[] b = a.clone();
        b[50_000] = -1;
        Myers.Changes c = Myers.diff(a, b);
        int deleted = 0;
        for (boolean d : c.deleted()) {
            deleted += d ? 1 : 0;
        }
        assertEquals(1, deleted);
        assertTrue(c.deleted()[50_000] && c.inserted()[50_000]);
        assertFalse(Myers.diff(a, a.clone()).any());
    }

    @Test
    void hunksAsDiffMinusUPrintsThem() {
        List<String> a = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m");
        List<String> b = new ArrayList<>(a);
        b.set(1, "B");
        b.remove("l");
        b.add("n");
        Myers.Changes c = Myers.diff(ids(a, b, true), ids(a, b, false));
        List<Hunks.Hunk> hunks = Hunks.of(c, a, b, 2);
        assertEquals(2, hunks.size());
        assertEquals("@@ -1,4 +1,4 @@", hunks.get(0).header());
        assertEquals(List.of(" a", "-b", "+B", " c", " d"), hunks.get(0).lines());
        assertEquals("@@ -10,4 +10,4 @@", hunks.get(1).header());
        assertEquals(List.of(" j", " k", "-l", " m", "+n"), hunks.get(1).lines());
        // an insertion at the very start: the empty range is numbered by the line before it, 0
        Myers.Changes start = Myers.diff(new int[] {1}, new int[] {0, 1});
        assertEquals("@@ -0,0 +1 @@", Hunks.of(start, List.of("x"), List.of("w", "x"), 0).get(0).header());
    }

    private static int[] ids(List<String> a, List<String> b, boolean left) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return (left ? a : b).stream().mapToInt(s -> all.indexOf(s)).toArray();
    }
}
