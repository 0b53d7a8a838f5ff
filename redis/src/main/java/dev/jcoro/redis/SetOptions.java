package dev.jcoro.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code SET}: an expiry ({@code EX} seconds or {@code PX} milliseconds) and a condition
 * ({@code NX}: only if the key does not exist; {@code XX}: only if it does).
 *
 * <pre>{@code
 * boolean locked = client.set("lock:order:42", owner, new SetOptions().px(30_000).nx());
 * }</pre>
 *
 * <p>Immutable: each method returns a new instance. Safe to share.
 */
public final class SetOptions {
    private final String expiry;
    private final long amount;
    private final String condition;

    /** No expiry, no condition: a plain {@code SET}. */
    public SetOptions() {
        this(null, 0, null);
    }

    private SetOptions(String expiry, long amount, String condition) {
        this.expiry = expiry;
        this.amount = amount;
        this.condition = condition;
    }

    /**
     * Expires the key after {@code seconds} ({@code EX}).
     *
     * @param seconds at least 1
     * @return new options
     * @throws IllegalArgumentException if {@code seconds} is less than 1
     * @throws IllegalStateException if an expiry is set already
     */
    public SetOptions ex(long seconds) {
        return expiry("EX", seconds);
    }

    /**
     * Expires the key after {@code millis} milliseconds ({@code PX}).
     *
     * @param millis at least 1
     * @return new options
     * @throws IllegalArgumentException if {@code millis} is less than 1
     * @throws IllegalStateException if an expiry is set already
     */
    public SetOptions px(long millis) {
        return expiry("PX", millis);
    }

    /**
     * Sets the key only if it does not exist ({@code NX}).
     *
     * @return new options
     * @throws IllegalStateException if a condition is set already
     */
    public SetOptions nx() {
        return condition("NX");
    }

    /**
     * Sets the key only if it exists ({@code XX}).
     *
     * @return new options
     * @throws IllegalStateException if a condition is set already
     */
    public SetOptions xx() {
        return condition("XX");
    }

    private SetOptions expiry(String kind, long n) {
        if (n < 1) {
            throw new IllegalArgumentException(kind + " needs a positive time, got " + n);
        }
        if (expiry != null) {
            throw new IllegalStateException("SET takes one expiry; " + expiry + " is set already");
        }
        return new SetOptions(kind, n, condition);
    }

    private SetOptions condition(String kind) {
        if (condition != null) {
            throw new IllegalStateException("SET takes one condition; " + condition + " is set already");
        }
        return new SetOptions(expiry, amount, kind);
    }

    /** The arguments after key and value. */
    List<Object> arguments() {
        List<Object> out = new ArrayList<>(3);
        if (expiry != null) {
            out.add(expiry);
            out.add(amount);
        }
        if (condition != null) {
            out.add(condition);
        }
        return out;
    }

    @Override
    public String toString() {
        return "SetOptions" + arguments();
    }
}
