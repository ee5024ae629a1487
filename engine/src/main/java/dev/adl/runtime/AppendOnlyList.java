package dev.adl.runtime;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list that grows by {@link #plus}: the new list shares the items of the old one,
 * so a history that gains one point per event costs one append per event, not a copy of all
 * the points before it. Each list is a fixed prefix of a buffer that only ever grows, so what a
 * list holds never changes. Appending to a list that is not the longest prefix of its buffer
 * copies it into a buffer of its own. Not thread-safe: one owner appends (a lab path owns its
 * layers' histories).
 */
public final class AppendOnlyList<T> extends AbstractList<T> implements RandomAccess {
    /** The items appended so far; {@code count} of them are set. */
    private static final class Buffer {
        Object[] items;
        int count;

        Buffer(Object[] items, int count) {
            this.items = items;
            this.count = count;
        }
    }

    private final Buffer buffer;
    private final int size;

    private AppendOnlyList(Buffer buffer, int size) {
        this.buffer = buffer;
        this.size = size;
    }

    /** {@code list} with {@code item} after its last item; {@code list} itself is unchanged. */
    public static <T> AppendOnlyList<T> plus(List<T> list, T item) {
        Objects.requireNonNull(item);
        if (list instanceof AppendOnlyList<T> a && a.buffer.count == a.size) {
            Buffer b = a.buffer;
            if (b.count == b.items.length) b.items = Arrays.copyOf(b.items, Math.max(16, b.count * 2));
            b.items[b.count++] = item;
            return new AppendOnlyList<>(b, a.size + 1);
        }
        Object[] items = Arrays.copyOf(list.toArray(), Math.max(16, list.size() * 2));
        for (int i = 0; i < list.size(); i++) Objects.requireNonNull(items[i]);
        items[list.size()] = item;
        return new AppendOnlyList<>(new Buffer(items, list.size() + 1), list.size() + 1);
    }

    /** {@code list} as it is, when it is already immutable (this kind or the JDK's); else an immutable copy. */
    public static <T> List<T> immutable(List<T> list) {
        return list instanceof AppendOnlyList<T> ? list : List.copyOf(list);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) buffer.items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
