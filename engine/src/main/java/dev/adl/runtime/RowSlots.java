package dev.adl.runtime;

/**
 * A store's index from account id to row: open addressing over ints (row + 1, 0 for a free
 * slot), probed linearly, at least twice as many slots as rows, so no boxed key per position.
 */
final class RowSlots {
    private static final int EMPTY = 0;

    private RowSlots() {
    }

    /** The table for rows whose account ids are {@code acc}. */
    static int[] of(int[] acc) {
        int n = acc.length;
        int cap = Integer.highestOneBit(Math.max(2, 2 * n - 1)) << 1;
        int[] slots = new int[cap];
        int mask = cap - 1;
        for (int r = 0; r < n; r++) {
            int i = mix(acc[r]) & mask;
            while (slots[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            slots[i] = r + 1;
        }
        return slots;
    }

    /** The row of account {@code id}, or -1. */
    static int find(int[] slots, int[] acc, int id) {
        int mask = slots.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            int v = slots[i];
            if (v == EMPTY) {
                return -1;
            }
            if (acc[v - 1] == id) {
                return v - 1;
            }
        }
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
