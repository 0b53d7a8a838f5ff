package dev.jcoro.http.internal;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the deadline of every connection that waits for its next request (the idle timeout, and the
 * header timeout before a connection's first byte): a coroutine that wakes a few times per timeout and
 * closes the connections whose deadline has passed. One sweep visits every open connection, so a server
 * with 10,000 connections pays 10,000 cheap checks per period instead of arming and cancelling a timer for
 * each request. A connection is therefore closed between its deadline and one period after it.
 */
public final class IdleSweeper {
    /** The coarsest period: an idle connection outlives its timeout by at most this. */
    static final long MAX_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The finest period, for tiny timeouts (tests): sweeping more often than this buys nothing. */
    static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Sweeps per timeout, so that a connection is closed within a tenth of its timeout past it. */
    private static final int SWEEPS_PER_TIMEOUT = 10;

    private final ServerState server;
    private final Duration period;

    /**
     * A sweeper for {@code server}'s connections.
     *
     * @param server the connections
     * @param config the timeouts, of which the shorter sets the period
     */
    public IdleSweeper(ServerState server, ServerConfig config) {
        this.server = server;
        this.period = Duration.ofNanos(period(config));
    }

    static long period(ServerConfig config) {
        long shortest = Math.min(config.idleTimeoutNanos(), config.headerTimeoutNanos());
        return Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, shortest / SWEEPS_PER_TIMEOUT));
    }

    /**
     * Sweeps until the server closes (or the coroutine is cancelled). Runs in its own coroutine on the
     * server's scheduler.
     */
    @Suspendable
    public void run() {
        while (!server.isClosing()) {
            Coroutines.sleep(period);
            server.closeIdlePast(System.nanoTime());
        }
    }
}
