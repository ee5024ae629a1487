package dev.adl.server;

import java.util.Arrays;

/**
 * Where lines of an {@link AppendLog} are (byte offset and length), so journals and the
 * audit trail are paged from disk instead of being held in memory: 12 bytes a line.
 */
final class LineIndex {
    private long[] offsets = new long[64];
    private int[] lengths = new int[64];
    private int size;

    synchronized void add(AppendLog.Pos pos) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        offsets[size] = pos.offset();
        lengths[size] = pos.length();
        size++;
    }

    synchronized int size() {
        return size;
    }

    /** Positions from {@code from} (0-based), at most {@code limit}. */
    synchronized AppendLog.Pos[] page(int from, int limit) {
        int start = Math.min(from, size);
        int end = (int) Math.min(size, (long) start + limit);
        AppendLog.Pos[] out = new AppendLog.Pos[end - start];
        for (int i = start; i < end; i++) {
            out[i - start] = new AppendLog.Pos(offsets[i], lengths[i]);
        }
        return out;
    }
}
