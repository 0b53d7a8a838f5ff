package dev.jcoro.redis.internal;

import dev.jcoro.redis.RespValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversions from replies to Java values, shared by the typed commands. Each accepts the RESP2 and the
 * RESP3 form of its reply (a map or a flat array of pairs, a set or an array, a boolean or 0/1).
 */
public final class Replies {
    private Replies() {
    }

    /**
     * The reply itself.
     *
     * @param v the reply
     * @return {@code v}
     */
    public static RespValue raw(RespValue v) {
        return v;
    }

    /**
     * A status reply, checked to be {@code OK}.
     *
     * @param v the reply
     * @return null
     * @throws IllegalStateException if the reply is something else
     */
    public static Void ok(RespValue v) {
        if (!(v instanceof RespValue.SimpleString s) || !s.value().equals("OK")) {
            throw new IllegalStateException("expected OK, got " + v);
        }
        return null;
    }

    /**
     * {@code OK} as true, null (a condition such as NX not met) as false.
     *
     * @param v the reply
     * @return whether the command took effect
     */
    public static Boolean okOrNull(RespValue v) {
        if (v.isNull()) {
            return false;
        }
        ok(v);
        return true;
    }

    /**
     * Text, or null.
     *
     * @param v the reply
     * @return the text
     */
    public static String text(RespValue v) {
        return v.asText();
    }

    /**
     * Bytes, or null.
     *
     * @param v the reply
     * @return the bytes
     */
    public static byte[] bytes(RespValue v) {
        return v.asBytes();
    }

    /**
     * An integer.
     *
     * @param v the reply
     * @return the number
     */
    public static Long integer(RespValue v) {
        return v.asLong();
    }

    /**
     * A RESP3 boolean or an integer 1/0.
     *
     * @param v the reply
     * @return the truth value
     */
    public static Boolean bool(RespValue v) {
        if (v instanceof RespValue.BooleanReply b) {
            return b.value();
        }
        return v.asLong() != 0;
    }

    /**
     * A floating-point number, sent as a RESP3 double or as text.
     *
     * @param v the reply
     * @return the number
     */
    public static Double decimal(RespValue v) {
        if (v instanceof RespValue.DoubleReply d) {
            return d.value();
        }
        return Double.parseDouble(v.asText());
    }

    /**
     * A list of texts, nulls kept (MGET, HMGET).
     *
     * @param v the reply
     * @return the texts, unmodifiable
     */
    public static List<String> textList(RespValue v) {
        List<RespValue> elements = v.asList();
        List<String> out = new ArrayList<>(elements.size());
        for (RespValue e : elements) {
            out.add(e.asText());
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A set of texts, in the server's order.
     *
     * @param v the reply (a RESP3 set, or an array)
     * @return the texts, unmodifiable
     */
    public static Set<String> textSet(RespValue v) {
        Set<String> out = new LinkedHashSet<>();
        for (RespValue e : v.asList()) {
            out.add(e.asText());
        }
        return Collections.unmodifiableSet(out);
    }

    /**
     * A map of texts, in the server's order.
     *
     * @param v the reply (a RESP3 map, or a flat array of keys and values)
     * @return the entries, unmodifiable
     */
    public static Map<String, String> textMap(RespValue v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<RespValue, RespValue> e : v.asMap().entrySet()) {
            out.put(e.getKey().asText(), e.getValue().asText());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A key and a value (BLPOP), or null when the command timed out on the server.
     *
     * @param v the reply: a two-element array, or null
     * @return the pair, or null
     */
    public static Map.Entry<String, String> keyValue(RespValue v) {
        if (v.isNull()) {
            return null;
        }
        List<RespValue> pair = v.asList();
        if (pair.size() != 2) {
            throw new IllegalStateException("expected a key and a value, got " + v);
        }
        return Map.entry(pair.get(0).asText(), pair.get(1).asText());
    }
}
