package dev.adl.runtime;

import dev.adl.compile.Parallel;

import java.util.Arrays;

/**
 * Ordering kernels over int indices, without boxing: a stable merge sort for when every
 * member is needed (pro-rata tiers), and a bounded-heap selection of the first k for when
 * a queue takes only a few.
 */
public final class Ranking {
    private Ranking() {
    }

    /** A total order on ints; negative when a comes first. */
    @FunctionalInterface
    public interface IntOrder {
        int compare(int a, int b);
    }

    /** 0..n-1 sorted by the order. */
    public static int[] sortedRows(int n, IntOrder order) {
        int[] items = new int[n];
        for (int i = 0; i < n; i++) {
            items[i] = i;
        }
        sort(items, order);
        return items;
    }

    /** Sorts in place (stable). */
    public static void sort(int[] items, IntOrder order) {
        if (items.length < 2) {
            return;
        }
        if (order instanceof ScoreOrder so) {
            so.sort(items);
            return;
        }
        int[] buf = new int[items.length];
        mergeSort(items, buf, 0, items.length, order);
    }

    private static void mergeSort(int[] a, int[] buf, int from, int to, IntOrder order) {
        int len = to - from;
        if (len <= 16) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && order.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, buf, from, mid, order);
        mergeSort(a, buf, mid, to, order);
        if (order.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buf, from, len);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && order.compare(buf[i], buf[j]) <= 0)) {
                a[k] = buf[i++];
            } else {
                a[k] = buf[j++];
            }
        }
    }

    /**
     * The first k items in order, sorted, in O(n log k): a heap holding the k best seen so
     * far with the worst of them on top. The order must be total (ties broken).
     */
    public static int[] top(int[] items, int k, IntOrder order) {
        int m = Math.max(0, Math.min(k, items.length));
        if (m == 0) {
            return new int[0];
        }
        int threads = Parallel.threads(items.length);
        int count = Parallel.ranges(items.length, threads);
        if (count > 1 && (long) m * count < items.length) {
            // each range's first m, then the first m of those: the order is total, so the
            // same items in the same order however the ranges were cut and run
            int[][] part = new int[count][];
            Parallel.run(items.length, count, threads, (w, r, from, to) -> part[r] = top(items, from, to, m, order));
            int[] union = new int[Arrays.stream(part).mapToInt(p -> p.length).sum()];
            int at = 0;
            for (int[] p : part) {
                System.arraycopy(p, 0, union, at, p.length);
                at += p.length;
            }
            return top(union, 0, union.length, m, order);
        }
        return top(items, 0, items.length, m, order);
    }

    /** The first {@code k} of {@code items[from, to)}, sorted. */
    private static int[] top(int[] items, int from, int to, int k, IntOrder order) {
        int m = Math.min(k, to - from);
        if (m == to - from) {
            int[] all = Arrays.copyOfRange(items, from, to);
            sort(all, order);
            return all;
        }
        int[] heap = new int[m];
        int size = 0;
        for (int i = from; i < to; i++) {
            int item = items[i];
            if (size < m) {
                heap[size] = item;
                siftUp(heap, size++, order);
            } else if (order.compare(item, heap[0]) < 0) {
                heap[0] = item;
                siftDown(heap, m, order);
            }
        }
        sort(heap, order);
        return heap;
    }

    // Max-heap by the order: the item that comes last sits at the root.
    private static void siftUp(int[] h, int i, IntOrder order) {
        int v = h[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (order.compare(h[p], v) >= 0) {
                break;
            }
            h[i] = h[p];
            i = p;
        }
        h[i] = v;
    }

    private static void siftDown(int[] h, int size, IntOrder order) {
        int i = 0;
        int v = h[0];
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                break;
            }
            int c = l;
            if (l + 1 < size && order.compare(h[l + 1], h[l]) > 0) {
                c = l + 1;
            }
            if (order.compare(h[c], v) <= 0) {
                break;
            }
            h[i] = h[c];
            i = c;
        }
        h[i] = v;
    }

    /**
     * For each of the sorted {@code picked} items, how many of {@code all} come strictly before
     * it, in one pass over {@code all} with a binary search into {@code picked}.
     */
    public static long[] countBefore(int[] all, int[] picked, IntOrder order) {
        if (order instanceof ScoreOrder so) {
            return so.countBefore(all, picked);
        }
        long[] diff = new long[picked.length + 1];
        for (int item : all) {
            int lo = 0;
            int hi = picked.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (order.compare(item, picked[mid]) < 0) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            diff[lo]++;
        }
        return prefix(diff, picked.length);
    }

    static long[] prefix(long[] diff, int n) {
        long[] before = new long[n];
        long run = 0;
        for (int j = 0; j < n; j++) {
            run += diff[j];
            before[j] = run;
        }
        return before;
    }
}
