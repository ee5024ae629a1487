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

    /** The (normalised) score the order reads for an item. */
    public double scoreOf(int item) {
        return score[item];
    }

    /** The tie-break key the order reads for an item. */
    public int keyOf(int item) {
        return key[item];
    }

    @Override
    public int compare(int a, int b) {
        int byScore = Double.compare(score[b], score[a]);
        return byScore != 0 ? byScore : Integer.compare(key[a], key[b]);
    }

    /**
     * {@link Ranking#countBefore} over primitive keys: scores as order-preserving longs, and
     * lookup tables ({@link Slots}) that narrow most items to the few picks near their score
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
        Slots slots = Slots.over(ps, pk);
        // each thread counts into its own array; sums of counts are the same in any order
        int threads = Parallel.threads(all.length);
        int[][] diffs = new int[threads][];
        Parallel.run(all.length, Parallel.ranges(all.length, threads), threads, (w, r, from, to) -> {
            if (diffs[w] == null) {
                diffs[w] = new int[n + 1];
            }
            count(all, from, to, slots, diffs[w]);
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
    private void count(int[] all, int from, int to, Slots slots, int[] diff) {
        for (int i = from; i < to; i++) {
            int item = all[i];
            diff[slots.slot(descendingBits(score[item]), key[item])]++;
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
     * Where an item falls among the sorted picks: the number of picks at or before it. Two lookup
     * tables, one over the picks of each sign (positive and negative scores lie at opposite ends
     * of the bit space, and one table over both would spend its buckets on the empty exponents
     * between them), each over the middle of its run in score bits, {@code [lo, lo + span]}:
     * bucket {@code (s - lo) >>> shift} (monotone in s) holds the picks {@code [start[b], start[b+1])};
     * every pick below the bucket comes before an item in it and every pick above after. The
     * ends of each run (a fraction of a percent) are left out so that outliers do not stretch
     * the buckets; items there, and in buckets of many picks, take the plain search.
     *
     * <p>The common case has no branch that depends on the item: which table is a select, and
     * the search in a bucket of up to 7 picks is three fixed steps (a pick past the bucket's end
     * lies in a later bucket, or is one of the padding picks after the last, so it compares as
     * after the item). A mispredicted branch per item, the sign of its score or the length of
     * its bucket, threw away the loads of the items after it; without them the loads of many
     * items overlap, which is where the time went.
     */
    static final class Slots {
        /**
         * At least 2^16 ints (the table stays in the core's second-level cache), and about two
         * buckets a pick beyond that, up to 2^20 (10M positions).
         */
        private static final int MIN_TABLE_BITS = 16;
        private static final int MAX_TABLE_BITS = 20;
        /** Picks a bucket may hold for the fixed steps; one more than {@link #STEP}'s double. */
        private static final int FIXED = 7;
        private static final int STEP = 4;

        private final long[] ps;
        private final int[] pk;
        private final int n;
        private final long aLo;
        private final long aSpan;
        private final int aShift;
        private final long bLo;
        private final long bSpan;
        private final int bShift;
        private final boolean hasA;
        private final boolean hasB;
        /** Table a's buckets then table b's, each with its closing entry: b's start at {@link #bOffset}. */
        private final int[] start;
        private final int bOffset;

        private Slots(long[] ps, int[] pk, int n, long[] a, long[] b, int[] start, int bOffset) {
            this.ps = ps;
            this.pk = pk;
            this.n = n;
            this.hasA = a != null;
            this.aLo = hasA ? a[0] : 0;
            this.aSpan = hasA ? a[1] : 0;
            this.aShift = hasA ? (int) a[2] : 0;
            this.hasB = b != null;
            this.bLo = hasB ? b[0] : 0;
            this.bSpan = hasB ? b[1] : 0;
            this.bShift = hasB ? (int) b[2] : 0;
            this.start = start;
            this.bOffset = bOffset;
        }

        /** The picks' keys, sorted: scores as order-preserving longs, then tie-break keys. */
        static Slots over(long[] sortedScores, int[] sortedKeys) {
            int n = sortedScores.length;
            // padding: the fixed steps may look up to STEP + 2 places past a bucket's start
            long[] ps = java.util.Arrays.copyOf(sortedScores, n + FIXED + 1);
            int[] pk = java.util.Arrays.copyOf(sortedKeys, n + FIXED + 1);
            java.util.Arrays.fill(ps, n, ps.length, Long.MAX_VALUE);
            int split = 0;
            while (split < n && ps[split] < ZERO_BITS) {
                split++;
            }
            long[] a = table(ps, 0, split);
            long[] b = table(ps, split, n);
            int aBuckets = a == null ? 0 : (int) a[3];
            int bBuckets = b == null ? 0 : (int) b[3];
            int bOffset = a == null ? 0 : aBuckets + 1;
            int[] start = new int[bOffset + (b == null ? 0 : bBuckets + 1)];
            if (a != null) {
                fill(ps, 0, split, a, start, 0);
            }
            if (b != null) {
                fill(ps, split, n, b, start, bOffset);
            }
            return new Slots(ps, pk, n, a, b, start, bOffset);
        }

        /** {lo, span, shift, buckets} of a table over the middle of ps[from, to), or null when the run is short. */
        private static long[] table(long[] ps, int from, int to) {
            int len = to - from;
            if (len < 64) {
                return null;
            }
            int trim = len / 256;
            long lo = ps[from + trim];
            long span = ps[to - 1 - trim] - lo; // unsigned
            int bits = Math.max(MIN_TABLE_BITS, Math.min(MAX_TABLE_BITS, 33 - Integer.numberOfLeadingZeros(len)));
            int shift = Math.max(0, 64 - Long.numberOfLeadingZeros(span) - bits);
            long buckets = (span >>> shift) + 1;
            return new long[]{lo, span, shift, buckets};
        }

        /** start[at + bk] = the first pick of ps[from, to) in bucket bk or later; picks below the table count as before it. */
        private static void fill(long[] ps, int from, int to, long[] t, int[] start, int at) {
            long lo = t[0];
            long span = t[1];
            int shift = (int) t[2];
            int buckets = (int) t[3];
            int j = from;
            while (j < to && ps[j] < lo) {
                j++;
            }
            for (int bk = 0; bk <= buckets; bk++) {
                while (j < to && Long.compareUnsigned(ps[j] - lo, span) <= 0 && ((ps[j] - lo) >>> shift) < bk) {
                    j++;
                }
                start[at + bk] = j;
            }
        }

        /** How many picks come at or before the item (s, k). */
        int slot(long s, int k) {
            long ua = s - aLo;
            long ub = s - bLo;
            boolean inA = hasA & Long.compareUnsigned(ua, aSpan) <= 0;
            boolean inB = hasB & Long.compareUnsigned(ub, bSpan) <= 0;
            if (!(inA | inB)) {
                return outside(s, k);
            }
            int bucket = inA ? (int) (ua >>> aShift) : bOffset + (int) (ub >>> bShift);
            int lo = start[bucket];
            if (start[bucket + 1] - lo > FIXED) {
                return atOrBefore(ps, pk, lo, start[bucket + 1], s, k);
            }
            int at = lo;
            at += pickAtOrBefore(at + STEP - 1, s, k) ? STEP : 0;
            at += pickAtOrBefore(at + 1, s, k) ? 2 : 0;
            at += pickAtOrBefore(at, s, k) ? 1 : 0;
            return at;
        }

        private boolean pickAtOrBefore(int j, long s, int k) {
            long p = ps[j];
            return p < s | (p == s & pk[j] <= k);
        }

        /** An item outside both tables: each table's picks all come before it or all after. */
        private int outside(long s, int k) {
            if (s > ps[n - 1] || (s == ps[n - 1] && k >= pk[n - 1])) {
                return n; // at or after the last pick (all of a queue's items but its first few)
            }
            if (s < ps[0] || (s == ps[0] && k < pk[0])) {
                return 0;
            }
            int lo = 0;
            int hi = n;
            if (hasA) {
                if (s > aLo + aSpan) lo = Math.max(lo, start[bOffset - 1]);
                else hi = Math.min(hi, start[0]);
            }
            if (hasB) {
                if (s > bLo + bSpan) lo = Math.max(lo, start[start.length - 1]);
                else hi = Math.min(hi, start[bOffset]);
            }
            return ScoreOrder.atOrBefore(ps, pk, lo, Math.max(lo, hi), s, k);
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
