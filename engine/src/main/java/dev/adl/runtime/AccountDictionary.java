package dev.adl.runtime;

import java.util.Arrays;

/**
 * Account ids as small ints, shared by the stores of one positions file, so a store keeps
 * one int per position instead of a String. Append-only: ids never change once given.
 * Interning locks; reading a name does not (events read tens of thousands per call).
 *
 * <p>The index from name to id is an open-addressing table of ints (id + 1, 0 for empty)
 * probed linearly and compared through {@link #names}: no boxed Integer and no map entry per
 * account, which is most of what a million-account file cost to load.
 */
public final class AccountDictionary {
    private volatile String[] names;
    /** Written after the name it publishes: a reader that sees the count sees the name. */
    private volatile int count;
    /** id + 1 of the account whose name hashes here (after probing), 0 for a free slot; guarded by this. */
    private int[] slots;

    public AccountDictionary() {
        this(16);
    }

    /** A dictionary sized for about {@code expected} accounts, so loading a large file does not rehash. */
    public AccountDictionary(int expected) {
        int n = Math.max(16, expected);
        names = new String[n];
        slots = new int[tableSize(n)];
    }

    public synchronized int intern(String account) {
        int mask = slots.length - 1;
        for (int i = spread(account.hashCode()) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) {
                int next = count;
                if (next == names.length) {
                    names = Arrays.copyOf(names, next * 2);
                }
                names[next] = account;
                slots[i] = next + 1;
                count = next + 1;
                if ((long) count * 2 > slots.length) grow();
                return next;
            }
            if (names[s - 1].equals(account)) return s - 1;
        }
    }

    /** The id of an account, or -1 when it was never interned. */
    public synchronized int idOf(String account) {
        int mask = slots.length - 1;
        for (int i = spread(account.hashCode()) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == 0) return -1;
            if (names[s - 1].equals(account)) return s - 1;
        }
    }

    public String name(int id) {
        if (id < 0 || id >= count) {
            throw new IndexOutOfBoundsException("no account with id " + id);
        }
        return names[id]; // read after `count`: at least the array that holds `id`
    }

    public int size() {
        return count;
    }

    /** Doubles the table when it is half full, so probes stay short. */
    private void grow() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int id = 0; id < count; id++) {
            int i = spread(names[id].hashCode()) & mask;
            while (bigger[i] != 0) i = (i + 1) & mask;
            bigger[i] = id + 1;
        }
        slots = bigger;
    }

    /** A power of two at least twice {@code n}: the table stays at most half full. */
    private static int tableSize(int n) {
        return Integer.highestOneBit(Math.max(8, n) * 2 - 1) << 1;
    }

    /** Mixes the high bits of a String hash into the low ones the mask keeps (account names share prefixes). */
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
