package dev.adl.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Account ids as small ints, shared by the stores of one positions file, so a store keeps
 * one int per position instead of a String. Append-only: ids never change once given.
 */
public final class AccountDictionary {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();

    public synchronized int intern(String account) {
        Integer id = ids.get(account);
        if (id != null) {
            return id;
        }
        int next = names.size();
        names.add(account);
        ids.put(account, next);
        return next;
    }

    /** The id of an account, or -1 when it was never interned. */
    public synchronized int idOf(String account) {
        Integer id = ids.get(account);
        return id == null ? -1 : id;
    }

    public synchronized String name(int id) {
        return names.get(id);
    }

    public synchronized int size() {
        return names.size();
    }
}
