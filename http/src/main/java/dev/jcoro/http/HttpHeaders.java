package dev.jcoro.http;

import dev.jcoro.http.internal.Chars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Header fields of a request or a response, in the order they came or were added. Names compare without
 * regard to case, and a name may repeat ({@code Set-Cookie}, {@code Via}): {@link #get} gives the first
 * value, {@link #all} every one.
 *
 * <pre>{@code
 * String type = request.headers().get("content-type");     // same as "Content-Type"
 * for (String via : request.headers().all("Via")) { ... }
 * }</pre>
 *
 * <p>Not thread-safe: a header set belongs to one request or response, which one coroutine handles.
 */
public final class HttpHeaders {
    private final ArrayList<String> names = new ArrayList<>();
    private final ArrayList<String> values = new ArrayList<>();

    /** Creates an empty set. */
    public HttpHeaders() {
    }

    /**
     * Adds a field, keeping any earlier field of the same name.
     *
     * @param name the field name
     * @param value the field value
     * @return this set
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL, which
     *     would let a caller inject header lines
     */
    public HttpHeaders add(String name, String value) {
        checkName(name);
        checkValue(name, value);
        names.add(name);
        values.add(value);
        return this;
    }

    /**
     * Replaces every field named {@code name} by one with {@code value}.
     *
     * @param name the field name
     * @param value the field value
     * @return this set
     * @throws IllegalArgumentException as {@link #add} does
     */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /**
     * Removes every field named {@code name}.
     *
     * @param name the field name, any case
     * @return true if one was removed
     */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /**
     * The first value of the field named {@code name}.
     *
     * @param name the field name, any case
     * @return the value, or null if there is no such field
     */
    public String get(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /**
     * Every value of the field named {@code name}, in order.
     *
     * @param name the field name, any case
     * @return the values; empty if there is none
     */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>(1);
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    /**
     * Tells whether a field named {@code name} is present.
     *
     * @param name the field name, any case
     * @return true if it is
     */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /**
     * Tells whether a comma-separated field ({@code Connection}, {@code Transfer-Encoding}) lists
     * {@code token}, in any of its lines and in any case.
     *
     * @param name the field name
     * @param token the element looked for
     * @return true if one of the field's elements equals {@code token} ignoring case
     */
    public boolean containsToken(String name, String token) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                for (String element : values.get(i).split(",")) {
                    if (element.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The distinct field names, in the case first seen.
     *
     * @return the names
     */
    public Set<String> names() {
        Set<String> seen = new LinkedHashSet<>();
        outer:
        for (String name : names) {
            for (String s : seen) {
                if (s.equalsIgnoreCase(name)) {
                    continue outer;
                }
            }
            seen.add(name);
        }
        return Collections.unmodifiableSet(seen);
    }

    /**
     * The number of fields, counting repeats.
     *
     * @return the count
     */
    public int size() {
        return names.size();
    }

    /**
     * The name of the field at {@code index}, in arrival order.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the name, as it was written
     */
    public String nameAt(int index) {
        return names.get(index);
    }

    /**
     * The value of the field at {@code index}, in arrival order.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the value
     */
    public String valueAt(int index) {
        return values.get(index);
    }

    private static void checkName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Chars.isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name is not a token: \"" + name + "\"");
            }
        }
    }

    private static void checkValue(String name, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " has a CR, LF or NUL in its value");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(names.get(i)).append(": ").append(values.get(i)).append('\n');
        }
        return sb.toString();
    }
}
