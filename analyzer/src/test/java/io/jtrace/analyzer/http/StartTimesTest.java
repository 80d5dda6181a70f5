package io.jtrace.analyzer.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StartTimesTest {
    @Test
    void leastOfAMultiset() {
        StartTimes s = new StartTimes();
        assertTrue(s.isEmpty());
        s.add(5);
        s.add(3);
        s.add(5);
        s.add(9);
        assertEquals(3, s.least());
        s.remove(3);
        assertEquals(5, s.least());
        s.remove(5);
        assertEquals(5, s.least());   // the other 5
        s.remove(7);                  // not there: nothing
        s.remove(5);
        assertEquals(9, s.least());
        s.remove(9);
        assertTrue(s.isEmpty());
    }

    @Test
    void agreesWithACountingTreeMap() {
        Random rnd = new Random(15);
        StartTimes s = new StartTimes();
        TreeMap<Long, Integer> m = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            long t = rnd.nextInt(200);
            if (rnd.nextInt(3) > 0) {
                s.add(t);
                m.merge(t, 1, Integer::sum);
            } else {
                s.remove(t);
                m.computeIfPresent(t, (k, n) -> n == 1 ? null : n - 1);
            }
            assertEquals(m.isEmpty(), s.isEmpty());
            if (!m.isEmpty()) {
                assertEquals(m.firstKey(), s.least());
            }
        }
        assertFalse(m.isEmpty());
    }
}
