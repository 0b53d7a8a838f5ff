package dev.jcoro.mysql.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, by SQL text, least recently used first out. Confined to the
 * connection's coroutine. The caller frees what {@link #put} evicts.
 */
final class StatementCache {
    private final int capacity;
    private final LinkedHashMap<String, ServerStatement> map;

    StatementCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true);
    }

    boolean enabled() {
        return capacity > 0;
    }

    ServerStatement get(String sql) {
        return map.get(sql);
    }

    /**
     * Adds a statement.
     *
     * @return the least recently used statement if the cache was full (no longer in it), else null
     */
    ServerStatement put(String sql, ServerStatement statement) {
        map.put(sql, statement);
        if (map.size() <= capacity) {
            return null;
        }
        Map.Entry<String, ServerStatement> eldest = map.entrySet().iterator().next();
        map.remove(eldest.getKey());
        return eldest.getValue();
    }

    int size() {
        return map.size();
    }
}
