package io.jtrace.analyzer.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntIntMapTest {
    /** Random puts and removals over a few key ranges (dense tids, colliding multiples, the extremes) agree with HashMap. */
    @Test
    void agreesWithHashMapOverRandomPutsAndRemovals() {
        Random random = new Random(15);
        int[][] ranges = {{0, 64}, {4_000_000, 4_000_300}};
        for (int round = 0; round < 20; round++) {
            IntIntMap map = new IntIntMap();
            Map<Integer, Integer> expected = new HashMap<>();
            for (int op = 0; op < 20_000; op++) {
                int key = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(ranges[0][1]);
                    case 1 -> ranges[1][0] + random.nextInt(ranges[1][1] - ranges[1][0]);
                    case 2 -> random.nextInt(50) << 16;   // keys that share low bits
                    default -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
                };
                if (random.nextInt(3) == 0) {
                    map.remove(key);
                    expected.remove(key);
                } else {
                    int value = random.nextInt();
                    map.put(key, value);
                    expected.put(key, value);
                }
                if (op % 97 == 0) {
                    assertEquals(expected.size(), map.size(), "size after op " + op);
                    for (int k = -1; k < 70; k++) {
                        assertEquals(expected.getOrDefault(k, -1), map.getOrDefault(k, -1), "key " + k);
                    }
                }
            }
            for (Map.Entry<Integer, Integer> e : expected.entrySet()) {
                assertEquals(e.getValue(), map.getOrDefault(e.getKey(), 7), "key " + e.getKey());
            }
            for (int k = 0; k < 50; k++) {
                assertEquals(expected.getOrDefault(k << 16, -1), map.getOrDefault(k << 16, -1), "key " + (k << 16));
            }
        }
    }
}
