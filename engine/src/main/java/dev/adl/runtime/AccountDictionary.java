package dev.adl.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Account ids as small ints, shared by the stores of one positions file, so a store keeps
 * one int per position instead of a String. Append-only: ids never change once given.
 * Interning locks; reading a name does not (events read tens of thousands per call).
 */
public final class AccountDictionary {
    private final Map<String, Integer> ids;
    private volatile String[] names;
    /** Written after the name it publishes: a reader that sees the count sees the name. */
    private volatile int count;

    public AccountDictionary() {
        this(16);
    }

    /** A dictionary sized for about {@code expected} accounts, so loading a large file does not rehash. */
    public AccountDictionary(int expected) {
        int n = Math.max(16, expected);
        ids = new HashMap<>((int) Math.min(1 << 30, n * 4L / 3 + 1));
        names = new String[n];
    }

    public synchronized int intern(String account) {
        Integer id = ids.get(account);
        if (id != null) {
            return id;
        }
        int next = count;
        if (next == names.length) {
            names = Arrays.copyOf(names, next * 2);
        }
        names[next] = account;
        ids.put(account, next);
        count = next + 1;
        return next;
    }

    /** The id of an account, or -1 when it was never interned. */
    public synchronized int idOf(String account) {
        Integer id = ids.get(account);
        return id == null ? -1 : id;
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
}
