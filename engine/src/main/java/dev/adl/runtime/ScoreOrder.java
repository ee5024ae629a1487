package dev.adl.runtime;

import dev.adl.compile.Parallel;

/**
 * The engine's order: score descending, then tie-break key ascending. A concrete class
 * rather than a lambda so the hot loops compare primitives without a virtual call.
 */
public final class ScoreOrder implements Ranking.IntOrder {
    private final double[] score;
    private final int[] key;

    public ScoreOrder(double[] score, int[] key) {
        this.score = score;
        this.key = key;
    }

    @Override
    public int compare(int a, int b) {
        int byScore = Double.compare(score[b], score[a]);
        return byScore != 0 ? byScore : Integer.compare(key[a], key[b]);
    }

    /**
     * {@link Ranking#countBefore} over primitive keys: scores as order-preserving longs, and
     * lookup tables ({@link Window}) that narrow most items to the few picks near their score
     * with one load, then a branch-free search among those. A plain binary search over tens
     * of thousands of picks costs about fifteen dependent steps and cache misses per item.
     */
    long[] countBefore(int[] all, int[] picked) {
        int n = picked.length;
        if (n == 0) {
            return new long[0];
        }
        long[] ps = new long[n];
        int[] pk = new int[n];
        for (int j = 0; j < n; j++) {
            ps[j] = descendingBits(score[picked[j]]);
            pk[j] = key[picked[j]];
        }
        // Positive and negative scores lie at opposite ends of the bit space: one table
        // over both would spend its buckets on the empty exponents between them.
        int split = 0;
        while (split < n && ps[split] < ZERO_BITS) {
            split++;
        }
        Window a = Window.over(ps, 0, split);
        Window b = Window.over(ps, split, n);
        // each thread counts into its own array; sums of counts are the same in any order
        int threads = Parallel.threads(all.length);
        int[][] diffs = new int[threads][];
        Parallel.run(all.length, Parallel.ranges(all.length, threads), threads, (w, r, from, to) -> {
            if (diffs[w] == null) {
                diffs[w] = new int[n + 1];
            }
            count(all, from, to, ps, pk, a, b, diffs[w]);
        });
        long[] diff = new long[n + 1];
        for (int[] d : diffs) {
            for (int j = 0; d != null && j <= n; j++) {
                diff[j] += d[j];
            }
        }
        return Ranking.prefix(diff, n);
    }

    /** Adds, for items {@code all[from, to)}, at index j how many come after pick j - 1 and at or before pick j. */
    private void count(int[] all, int from, int to, long[] ps, int[] pk, Window a, Window b, int[] diff) {
        int n = ps.length;
        long firstScore = ps[0];
        int firstKey = pk[0];
        long lastScore = ps[n - 1];
        int lastKey = pk[n - 1];
        for (int i = from; i < to; i++) {
            int item = all[i];
            long s = descendingBits(score[item]);
            int k = key[item];
            if (s > lastScore || (s == lastScore && k >= lastKey)) {
                diff[n]++; // at or after the last pick: before none of them
            } else if (s < firstScore || (s == firstScore && k < firstKey)) {
                diff[0]++; // before the first pick: before all of them
            } else if (a != null && a.covers(s)) {
                diff[a.search(ps, pk, s, k)]++;
            } else if (b != null && b.covers(s)) {
                diff[b.search(ps, pk, s, k)]++;
            } else {
                // outside both tables: still, a table's picks all come before or all after the item
                int lo = 0;
                int hi = n;
                if (a != null) {
                    if (s > a.hi) lo = Math.max(lo, a.end()); else hi = Math.min(hi, a.begin());
                }
                if (b != null) {
                    if (s > b.hi) lo = Math.max(lo, b.end()); else hi = Math.min(hi, b.begin());
                }
                diff[atOrBefore(ps, pk, lo, Math.max(lo, hi), s, k)]++;
            }
        }
    }

    /**
     * Sorts in place (stable) on the primitive keys carried along with the items: no call
     * through the order and no indirection into the score array per comparison.
     */
    void sort(int[] items) {
        int n = items.length;
        long[] s = new long[n];
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = descendingBits(score[items[i]]);
            k[i] = key[items[i]];
        }
        if (n >= RADIX_MIN) {
            radixSort(s, k, items);
            return;
        }
        final int run = 16;
        for (int from = 0; from < n; from += run) {
            int to = Math.min(n, from + run);
            for (int i = from + 1; i < to; i++) {
                long sv = s[i];
                int kv = k[i];
                int iv = items[i];
                int j = i - 1;
                while (j >= from && (s[j] > sv || (s[j] == sv && k[j] > kv))) {
                    s[j + 1] = s[j];
                    k[j + 1] = k[j];
                    items[j + 1] = items[j];
                    j--;
                }
                s[j + 1] = sv;
                k[j + 1] = kv;
                items[j + 1] = iv;
            }
        }
        if (n <= run) {
            return;
        }
        long[] srcS = s;
        int[] srcK = k;
        int[] srcI = items;
        long[] dstS = new long[n];
        int[] dstK = new int[n];
        int[] dstI = new int[n];
        for (int width = run; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                for (int o = lo; o < hi; o++) {
                    // the left run wins ties: stable
                    if (j >= hi || (i < mid && (srcS[i] < srcS[j] || (srcS[i] == srcS[j] && srcK[i] <= srcK[j])))) {
                        dstS[o] = srcS[i];
                        dstK[o] = srcK[i];
                        dstI[o] = srcI[i++];
                    } else {
                        dstS[o] = srcS[j];
                        dstK[o] = srcK[j];
                        dstI[o] = srcI[j++];
                    }
                }
            }
            long[] ts = srcS; srcS = dstS; dstS = ts;
            int[] tk = srcK; srcK = dstK; dstK = tk;
            int[] ti = srcI; srcI = dstI; dstI = ti;
        }
        if (srcI != items) {
            System.arraycopy(srcI, 0, items, 0, n);
        }
    }

    /** Below this many items the merge sort is faster than the radix passes. */
    private static final int RADIX_MIN = 4096;
    private static final int DIGIT = 11;

    /**
     * Stable LSD radix sort of (s, k) pairs, carrying the items: passes over the key's
     * digits, then the score's, 11 bits at a time; a pass whose digit is the same for every
     * item is skipped (the high bits of scores mostly are). Linear, and with none of the
     * unpredictable branches of a merge, which cost more than the merge's work itself.
     */
    private static void radixSort(long[] s, int[] k, int[] items) {
        int n = items.length;
        long[] s2 = new long[n];
        int[] k2 = new int[n];
        int[] i2 = new int[n];
        int[] count = new int[(1 << DIGIT) + 1];
        int mask = (1 << DIGIT) - 1;
        long[] srcS = s;
        int[] srcK = k;
        int[] srcI = items;
        long[] dstS = s2;
        int[] dstK = k2;
        int[] dstI = i2;
        // digits of the key (unsigned: flip the sign bit), then of the score
        for (int pass = 0; pass < 3 + 6; pass++) {
            boolean onKey = pass < 3;
            int shift = (onKey ? pass : pass - 3) * DIGIT;
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[digit(srcS, srcK, i, onKey, shift, mask) + 1]++;
            }
            boolean single = false;
            for (int d = 1; d < count.length; d++) {
                if (count[d] == n) {
                    single = true;
                    break;
                }
            }
            if (single) {
                continue;
            }
            for (int d = 1; d < count.length; d++) {
                count[d] += count[d - 1];
            }
            for (int i = 0; i < n; i++) {
                int at = count[digit(srcS, srcK, i, onKey, shift, mask)]++;
                dstS[at] = srcS[i];
                dstK[at] = srcK[i];
                dstI[at] = srcI[i];
            }
            long[] ts = srcS; srcS = dstS; dstS = ts;
            int[] tk = srcK; srcK = dstK; dstK = tk;
            int[] ti = srcI; srcI = dstI; dstI = ti;
        }
        if (srcI != items) {
            System.arraycopy(srcI, 0, items, 0, n);
        }
    }

    private static int digit(long[] s, int[] k, int i, boolean onKey, int shift, int mask) {
        if (onKey) {
            return ((k[i] ^ Integer.MIN_VALUE) >>> shift) & mask;
        }
        return (int) ((s[i] ^ Long.MIN_VALUE) >>> shift) & mask;
    }

    private static final long ZERO_BITS = descendingBits(0.0);

    /**
     * A lookup table over the middle of one run of picks, [lo, hi] in score bits: bucket
     * {@code (s - lo) >>> shift} (monotone in s) holds the picks {@code [start[b], start[b+1])};
     * every pick below the bucket comes before an item in it and every pick above after.
     * The ends of the run (a fraction of a percent each) are left out so that outliers do
     * not stretch the buckets; items there take the plain search.
     */
    private static final class Window {
        /**
         * At least 2^16 ints (the table stays in the core's second-level cache), and about two
         * buckets a pick beyond that, up to 2^20: with hundreds of thousands of picks (10M
         * positions) a bucket of 2^16 held several, and the search among them, a cache miss a
         * step, cost more than reading a larger table from the shared cache.
         */
        private static final int MIN_TABLE_BITS = 16;
        private static final int MAX_TABLE_BITS = 20;

        private final long lo;
        /** The highest score in the table, {@code lo + span}. */
        private final long hi;
        private final long span;
        private final int shift;
        private final int[] start;

        private Window(long lo, long span, int shift, int[] start) {
            this.lo = lo;
            this.hi = lo + span;
            this.span = span;
            this.shift = shift;
            this.start = start;
        }

        static Window over(long[] ps, int from, int to) {
            int len = to - from;
            if (len < 64) {
                return null;
            }
            int trim = len / 256;
            int first = from + trim;
            int last = to - 1 - trim;
            long lo = ps[first];
            long span = ps[last] - lo; // unsigned
            int bits = Math.max(MIN_TABLE_BITS, Math.min(MAX_TABLE_BITS, 33 - Integer.numberOfLeadingZeros(len)));
            int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - bits);
            int buckets = (int) (span >>> shift) + 1;
            int[] start = new int[buckets + 1];
            // picks before the window come before every item in it: start[0] counts them too
            int j = from;
            while (j < to && ps[j] < lo) {
                j++;
            }
            for (int bk = 0; bk <= buckets; bk++) {
                while (j < to && Long.compareUnsigned(ps[j] - lo, span) <= 0 && ((ps[j] - lo) >>> shift) < bk) {
                    j++;
                }
                start[bk] = j;
            }
            return new Window(lo, span, shift, start);
        }

        /** Index of the first pick in the table; every pick before it is below {@link #lo}. */
        int begin() {
            return start[0];
        }

        /** Index after the last pick in the table; every pick from it on is above {@link #hi}. */
        int end() {
            return start[start.length - 1];
        }

        boolean covers(long s) {
            return s >= lo && Long.compareUnsigned(s - lo, span) <= 0;
        }

        int search(long[] ps, int[] pk, long s, int k) {
            int bk = (int) ((s - lo) >>> shift);
            return atOrBefore(ps, pk, start[bk], start[bk + 1], s, k);
        }
    }

    /** The end of the run of picks in [from, to) that come at or before (s, k); branch-free. */
    private static int atOrBefore(long[] ps, int[] pk, int from, int to, long s, int k) {
        int lo = from;
        int len = to - from;
        while (len > 0) {
            int half = len >>> 1;
            int mid = lo + half;
            long pm = ps[mid];
            boolean pickFirst = pm < s || (pm == s && pk[mid] <= k);
            lo = pickFirst ? mid + 1 : lo;
            len = pickFirst ? len - half - 1 : half;
        }
        return lo;
    }

    /** A long that sorts ascending as the score sorts descending (scores are never NaN here; -0.0 is 0.0). */
    private static long descendingBits(double score) {
        long bits = Double.doubleToRawLongBits(score + 0.0);
        long ascending = bits ^ ((bits >> 63) & Long.MAX_VALUE);
        return -ascending - 1; // reverses the order without overflow: ~x
    }
}
