package dev.jcoro.http;

import dev.jcoro.http.internal.Chars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
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
    /** Most heads carry fewer fields than this; the array doubles beyond. */
    private static final int INITIAL_FIELDS = 8;

    /** Name and value of each field in turn: one array, allocated with the first field. */
    private String[] fields;
    private int size;

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
        String[] f = fields;
        int at = 2 * size;
        if (f == null) {
            f = fields = new String[2 * INITIAL_FIELDS];
        } else if (at == f.length) {
            f = fields = Arrays.copyOf(f, 2 * f.length);
        }
        f[at] = name;
        f[at + 1] = value;
        size++;
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
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!fields[2 * i].equalsIgnoreCase(name)) {
                fields[2 * kept] = fields[2 * i];
                fields[2 * kept + 1] = fields[2 * i + 1];
                kept++;
            }
        }
        boolean removed = kept < size;
        if (removed) {
            Arrays.fill(fields, 2 * kept, 2 * size, null);
            size = kept;
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
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                return fields[2 * i + 1];
            }
        }
        return null;
    }

    /**
     * Every value of the field named {@code name}, in order.
     *
     * @param name the field name, any case
     * @return the values; empty if there is none. Not to be modified: it may be a shared empty list
     */
    public List<String> all(String name) {
        List<String> found = null;
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                if (found == null) {
                    found = new ArrayList<>(1);
                }
                found.add(fields[2 * i + 1]);
            }
        }
        return found == null ? List.of() : found;
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
     * The number of fields named {@code name}.
     *
     * @param name the field name, any case
     * @return how many times it occurs
     */
    public int count(String name) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
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
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name) && listsToken(fields[2 * i + 1], token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the comma-separated {@code list} has an element equal to {@code token} (ignoring case and OWS). */
    private static boolean listsToken(String list, String token) {
        int n = list.length();
        int start = 0;
        while (start <= n) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            int s = start;
            int e = end;
            while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) {
                s++;
            }
            while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) {
                e--;
            }
            if (e - s == token.length() && list.regionMatches(true, s, token, 0, e - s)) {
                return true;
            }
            start = end + 1;
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
        for (int i = 0; i < size; i++) {
            String name = fields[2 * i];
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
        return size;
    }

    /**
     * The name of the field at {@code index}, in arrival order.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the name, as it was written
     */
    public String nameAt(int index) {
        return fields[2 * Objects.checkIndex(index, size)];
    }

    /**
     * The value of the field at {@code index}, in arrival order.
     *
     * @param index from 0 to {@link #size()} - 1
     * @return the value
     */
    public String valueAt(int index) {
        return fields[2 * Objects.checkIndex(index, size) + 1];
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
        for (int i = 0; i < size; i++) {
            sb.append(fields[2 * i]).append(": ").append(fields[2 * i + 1]).append('\n');
        }
        return sb.toString();
    }
}
