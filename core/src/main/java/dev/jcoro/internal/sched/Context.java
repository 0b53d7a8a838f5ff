package dev.jcoro.internal.sched;

import java.util.Arrays;

/**
 * The coroutine-local values of one coroutine ({@code dev.jcoro.CoroutineLocal}): an immutable small map
 * from key to value. A coroutine holds one; setting a value replaces it with a copy, so a child launched
 * from it can share the parent's map as it is at launch and later changes on either side stay apart.
 * Outside coroutines (a plain thread, a blocking-pool thread running an offloaded call) the map lives in a
 * thread local.
 */
public final class Context {
    /** No values. */
    public static final Context EMPTY = new Context(new Object[0]);
    private static final ThreadLocal<Context> THREAD = new ThreadLocal<>();

    /** Keys at even indexes, their values after them; few keys per program, so a scan beats hashing. */
    private final Object[] entries;

    private Context(Object[] entries) {
        this.entries = entries;
    }

    /** The map of the running coroutine, or of this thread outside coroutines. */
    public static Context current() {
        Coroutine<?> co = Coroutine.current();
        if (co != null) {
            return co.context;
        }
        Context c = THREAD.get();
        return c == null ? EMPTY : c;
    }

    /** Replaces the map of the running coroutine, or of this thread outside coroutines. */
    public static void setCurrent(Context c) {
        Coroutine<?> co = Coroutine.current();
        if (co != null) {
            co.context = c;
        } else if (c == EMPTY) {
            THREAD.remove();
        } else {
            THREAD.set(c);
        }
    }

    /** Installs {@code c} as this (non-carrier) thread's map and returns the one it replaces. */
    static Context swapThread(Context c) {
        Context previous = THREAD.get();
        if (c == EMPTY) {
            THREAD.remove();
        } else {
            THREAD.set(c);
        }
        return previous == null ? EMPTY : previous;
    }

    /**
     * The value of {@code key}.
     *
     * @param key a key, compared by identity
     * @param absent returned when the key has no value
     * @return the value, or {@code absent}
     */
    public Object get(Object key, Object absent) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == key) {
                return entries[i + 1];
            }
        }
        return absent;
    }

    /**
     * A map like this one but with {@code key} set to {@code value}; a null value removes the key.
     *
     * @param key a key, compared by identity
     * @param value the new value, or null to remove
     * @return a new map (or this one if nothing changes)
     */
    public Context with(Object key, Object value) {
        for (int i = 0; i < entries.length; i += 2) {
            if (entries[i] == key) {
                if (entries[i + 1] == value) {
                    return this;
                }
                if (value == null) {
                    Object[] fewer = new Object[entries.length - 2];
                    System.arraycopy(entries, 0, fewer, 0, i);
                    System.arraycopy(entries, i + 2, fewer, i, entries.length - i - 2);
                    return fewer.length == 0 ? EMPTY : new Context(fewer);
                }
                Object[] copy = entries.clone();
                copy[i + 1] = value;
                return new Context(copy);
            }
        }
        if (value == null) {
            return this;
        }
        Object[] more = Arrays.copyOf(entries, entries.length + 2);
        more[entries.length] = key;
        more[entries.length + 1] = value;
        return new Context(more);
    }
}
