package io.jtrace.analyzer.trace;

import java.util.Arrays;

/**
 * A map of int to int without boxing, for what the state updates on every record (a task's last
 * syscall): open addressing, linear probing, deletion by shifting back the entries that follow.
 */
final class IntIntMap {
    /** Marks a free slot; the key itself is kept aside. */
    private static final int FREE = Integer.MIN_VALUE;

    private int[] keys;
    private int[] values;
    private int size;
    private boolean hasFree;
    private int freeValue;

    IntIntMap() {
        keys = new int[16];
        values = new int[16];
        Arrays.fill(keys, FREE);
    }

    int size() {
        return size + (hasFree ? 1 : 0);
    }

    int getOrDefault(int key, int missing) {
        if (key == FREE) {
            return hasFree ? freeValue : missing;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = i + 1 & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return missing;
            }
        }
    }

    void put(int key, int value) {
        if (key == FREE) {
            hasFree = true;
            freeValue = value;
            return;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (int k; (k = keys[i]) != FREE; i = i + 1 & mask) {
            if (k == key) {
                values[i] = value;
                return;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    void remove(int key) {
        if (key == FREE) {
            hasFree = false;
            return;
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != key) {
            if (keys[i] == FREE) {
                return;
            }
            i = i + 1 & mask;
        }
        size--;
        // shift back each following entry whose home slot does not lie between the hole and it
        for (int j = i + 1 & mask; keys[j] != FREE; j = j + 1 & mask) {
            int home = slot(keys[j], mask);
            if ((j - home & mask) >= (j - i & mask)) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = FREE;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(int key, int mask) {
        int h = key * 0x9E3779B9;
        return (h ^ h >>> 16) & mask;
    }
}
