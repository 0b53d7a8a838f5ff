package dev.jcoro.mysql;

import java.time.Duration;

/**
 * How a {@link MySqlPool} sizes and tends its connections. Immutable; start from {@link #defaults()}.
 *
 * @param maxSize the most connections open at once (in use, idle and being opened)
 * @param acquireTimeout how long {@link MySqlPool#acquire()} waits for a connection before it fails
 * @param idleTimeout how long a connection may sit unused before the pool closes it
 * @param validationInterval a connection idle longer than this is pinged before it is handed out
 */
public record PoolOptions(int maxSize, Duration acquireTimeout, Duration idleTimeout, Duration validationInterval) {

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code maxSize} is below 1 or a duration is negative
     */
    public PoolOptions {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1: " + maxSize);
        }
        for (Duration d : new Duration[] {acquireTimeout, idleTimeout, validationInterval}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("pool durations must be zero or positive: " + d);
            }
        }
    }

    /**
     * Ten connections, a 30-second acquire timeout, idle connections closed after ten minutes, and pinged
     * before use after five seconds idle.
     *
     * @return the defaults
     */
    public static PoolOptions defaults() {
        return new PoolOptions(10, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(5));
    }

    /**
     * These options with another maximum size.
     *
     * @param size the most connections open at once
     * @return new options
     */
    public PoolOptions withMaxSize(int size) {
        return new PoolOptions(size, acquireTimeout, idleTimeout, validationInterval);
    }

    /**
     * These options with another acquire timeout.
     *
     * @param timeout how long an acquire may wait
     * @return new options
     */
    public PoolOptions withAcquireTimeout(Duration timeout) {
        return new PoolOptions(maxSize, timeout, idleTimeout, validationInterval);
    }

    /**
     * These options with another idle timeout.
     *
     * @param timeout how long a connection may stay unused
     * @return new options
     */
    public PoolOptions withIdleTimeout(Duration timeout) {
        return new PoolOptions(maxSize, acquireTimeout, timeout, validationInterval);
    }

    /**
     * These options with another validation interval.
     *
     * @param interval idle time after which a connection is pinged before use
     * @return new options
     */
    public PoolOptions withValidationInterval(Duration interval) {
        return new PoolOptions(maxSize, acquireTimeout, idleTimeout, interval);
    }
}
