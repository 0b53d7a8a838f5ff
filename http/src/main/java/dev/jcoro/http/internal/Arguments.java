package dev.jcoro.http.internal;

import java.time.Duration;

/**
 * The range checks of the public settings ({@code HttpClient.Builder}, {@code HttpServer.Builder},
 * {@code HttpLimits}), so that every setting refuses a bad value with the same wording. Each returns the value
 * it checked; each throws {@link IllegalArgumentException} naming the setting and the value. Any thread.
 */
public final class Arguments {
    private Arguments() {
    }

    /**
     * Checks a duration that must be more than zero.
     *
     * @param name the setting, for the message
     * @param d the value
     * @return {@code d}
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public static Duration positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /**
     * Checks a duration that may be zero but not negative.
     *
     * @param name the setting, for the message
     * @param d the value
     * @return {@code d}
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static Duration notNegative(String name, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }

    /**
     * Checks a count or size that must be at least 1.
     *
     * @param name the setting, for the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public static long atLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return value;
    }

    /**
     * Checks a count or size that may be zero but not negative.
     *
     * @param name the setting, for the message
     * @param value the value
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public static long notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
