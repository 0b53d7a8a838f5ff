package dev.jcoro.redis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Copies and views that keep the server's order, shared by the aggregate {@link RespValue} records. */
final class Aggregates {
    private Aggregates() {
    }

    static <K, V> Map<K, V> orderedCopy(Map<K, V> entries) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    static <E> Set<E> orderedCopy(Set<E> elements) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(elements));
    }

    /** RESP2 sends maps (HGETALL, CONFIG GET) as flat arrays of alternating keys and values. */
    static Map<RespValue, RespValue> pairs(List<RespValue> elements, RespValue whole) {
        if (elements.size() % 2 != 0) {
            throw new IllegalStateException("expected a map or an array of key/value pairs, got an array of "
                    + elements.size() + " elements: " + whole);
        }
        Map<RespValue, RespValue> map = new LinkedHashMap<>();
        for (int i = 0; i < elements.size(); i += 2) {
            map.put(elements.get(i), elements.get(i + 1));
        }
        return Collections.unmodifiableMap(map);
    }
}
