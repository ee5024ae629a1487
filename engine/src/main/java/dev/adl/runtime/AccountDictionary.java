package dev.adl.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Account ids as small ints, shared by the stores of one positions file, so a store keeps
 * one int per position instead of a String. Append-only: ids never change once given.
 * Interning locks; reading a name does not (events read tens of thousands per call).
 *
 * <p>Names are kept as their UTF-8 bytes, one after another in one array, and become Strings
 * only when asked for ({@link #name}): a file of a million accounts is interned from its bytes
 * without a String per account. The index from name to id is an open-addressing table of ints
 * (id + 1, 0 for empty) probed linearly, with each id's hash beside it so a probe compares
 * bytes only when the hashes agree.
 */
public final class AccountDictionary {
    /** Names' UTF-8 bytes back to back; name {@code id} is {@code [offsets[id], offsets[id + 1])}. */
    private volatile byte[] bytes;
    private volatile int[] offsets;
    /** Names already made Strings, null until first asked for; racing writers store equal Strings. */
    private volatile String[] strings;
    /** Written after the names it publishes: a reader that sees the count sees the names. */
    private volatile int count;
    /** The next id to give; {@link #count} catches up with it when a call ends. Guarded by this. */
    private int nextId;
    /** Hash of each id's bytes; guarded by this. */
    private int[] hashes;
    /** id + 1 of the account whose name hashes here (after probing), 0 for a free slot; guarded by this. */
    private int[] slots;
    /** Whether comparing names' bytes orders them as String.compareTo does (no code point from U+E000 up). */
    private volatile boolean byteOrder = true;

    public AccountDictionary() {
        this(16);
    }

    /** A dictionary sized for about {@code expected} accounts, so loading a large file does not rehash. */
    public AccountDictionary(int expected) {
        int n = Math.max(16, expected);
        bytes = new byte[n * 8];
        offsets = new int[n + 1];
        strings = new String[n];
        hashes = new int[n];
        slots = new int[tableSize(n)];
    }

    public synchronized int intern(String account) {
        byte[] utf8 = account.getBytes(StandardCharsets.UTF_8);
        int id = intern(utf8, 0, utf8.length, hash(utf8, 0, utf8.length));
        if (strings[id] == null) strings[id] = account;
        count = nextId;
        return id;
    }

    /**
     * Interns {@code n} names held as valid UTF-8 in {@code b[from[k], to[k])}, whose {@link #hash}
     * is {@code hash[k]}, writing their ids to {@code ids}: the positions reader interns straight
     * from the file's bytes, a batch of rows at a time.
     */
    synchronized void intern(byte[] b, int[] from, int[] to, int[] hash, int n, int[] ids) {
        // the table is far larger than the caches: load every batch's slots first, so the misses
        // overlap instead of costing one full memory latency per name
        int[] table = slots;
        int mask = table.length - 1;
        int touched = 0;
        for (int k = 0; k < n; k++) {
            touched |= table[spread(hash[k]) & mask];
        }
        touchedSink = touched;
        for (int k = 0; k < n; k++) {
            ids[k] = intern(b, from[k], to[k], hash[k]);
        }
        count = nextId; // one fence per batch: every name of it is in the arrays before readers see it
    }

    /** Written so the batch's loads are not dropped as dead; never read. */
    @SuppressWarnings("unused")
    private int touchedSink;

    private int intern(byte[] b, int from, int to, int hash) {
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                int id = append(b, from, to, hash);
                slots[i] = id + 1;
                if ((long) nextId * 2 > slots.length) grow();
                return id;
            }
            if (hashes[s - 1] == hash && sameBytes(s - 1, b, from, to)) return s - 1;
        }
    }

    /** The id of an account, or -1 when it was never interned. */
    public synchronized int idOf(String account) {
        byte[] utf8 = account.getBytes(StandardCharsets.UTF_8);
        int hash = hash(utf8, 0, utf8.length);
        int mask = slots.length - 1;
        for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) return -1;
            if (hashes[s - 1] == hash && sameBytes(s - 1, utf8, 0, utf8.length)) return s - 1;
        }
    }

    public String name(int id) {
        if (id < 0 || id >= count) {
            throw new IndexOutOfBoundsException("no account with id " + id);
        }
        // arrays read after `count`: at least the ones that hold `id`
        String[] made = strings;
        String s = made[id];
        if (s == null) {
            int[] off = offsets;
            s = new String(bytes, off[id], off[id + 1] - off[id], StandardCharsets.UTF_8);
            made[id] = s;
        }
        return s;
    }

    public int size() {
        return count;
    }

    /** Orders two accounts by name exactly as {@link String#compareTo} orders their names. */
    int compare(int a, int b) {
        if (!byteOrder) return name(a).compareTo(name(b));
        byte[] all = bytes;
        int[] off = offsets;
        int mismatch = Arrays.compareUnsigned(all, off[a], off[a + 1], all, off[b], off[b + 1]);
        return Integer.signum(mismatch);
    }

    /**
     * The first 8 bytes of a name, big-endian and zero-padded: unsigned order of these keys agrees
     * with {@link #compare} wherever they differ (ties need the full comparison).
     */
    long prefix(int id) {
        byte[] all = bytes;
        int[] off = offsets;
        int from = off[id];
        int to = Math.min(off[id + 1], from + 8);
        long key = 0;
        for (int i = from; i < from + 8; i++) {
            key = key << 8 | (i < to ? all[i] & 0xFF : 0);
        }
        return key;
    }

    /** Whether {@link #prefix} keys order names as {@link #compare} does where they differ. */
    boolean prefixOrder() {
        return byteOrder;
    }

    /** The hash the index keys a name's UTF-8 bytes by. */
    static int hash(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + b[i];
        return h;
    }

    private int append(byte[] b, int from, int to, int hash) {
        int id = nextId;
        int[] off = offsets;
        int start = off[id];
        int len = to - from;
        byte[] all = bytes;
        if (start + len > all.length) {
            all = Arrays.copyOf(all, Math.max(all.length * 2, start + len));
            bytes = all; // a reader of an older id may still hold the old array: it has that id's bytes
        }
        System.arraycopy(b, from, all, start, len);
        if (id + 1 == off.length) {
            strings = Arrays.copyOf(strings, off.length * 2 - 1);
            hashes = Arrays.copyOf(hashes, off.length * 2 - 1);
            off = Arrays.copyOf(off, off.length * 2);
        }
        off[id + 1] = start + len;
        // published only when replaced: each volatile write costs a fence, and most names fit
        if (off != offsets) offsets = off;
        hashes[id] = hash;
        for (int i = from; i < to; i++) {
            // lead bytes 0xEE and up start U+E000 and above, which UTF-16 orders after the surrogates
            if ((b[i] & 0xFF) >= 0xEE) byteOrder = false;
        }
        nextId = id + 1;
        return id;
    }

    private boolean sameBytes(int id, byte[] b, int from, int to) {
        int[] off = offsets;
        return Arrays.equals(bytes, off[id], off[id + 1], b, from, to);
    }

    /** Doubles the table when it is half full, so probes stay short. */
    private void grow() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < nextId; id++) {
            int i = spread(hashes[id]) & mask;
            while (bigger[i] != 0) i = (i + 1) & mask;
            bigger[i] = id + 1;
        }
        slots = bigger;
    }

    /** A power of two at least twice {@code n}: the table stays at most half full. */
    private static int tableSize(int n) {
        return Integer.highestOneBit(Math.max(8, n) * 2 - 1) << 1;
    }

    /** Mixes the high bits of the hash into the low ones the mask keeps (account names share prefixes). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
