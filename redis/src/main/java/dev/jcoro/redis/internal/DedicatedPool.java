package dev.jcoro.redis.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.RedisConnectionException;
import dev.jcoro.sync.Semaphore;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A small pool of connections that each serve one caller at a time: for blocking commands ({@code BLPOP}
 * holds its connection until an element arrives, and would stall every command pipelined behind it) and
 * for sessions whose state lives on the connection ({@code WATCH}). At most {@code max} exist; a caller
 * beyond that waits for one to come back. Idle connections are kept, most recently used first.
 */
public final class DedicatedPool {
    private final Connector connector;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    /** Connections out with a caller, so that closing the client fails the commands waiting on them. */
    private final Set<Connection> borrowed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates an empty pool.
     *
     * @param connector opens the connections
     * @param max the most connections at once
     */
    public DedicatedPool(Connector connector, int max) {
        this.connector = connector;
        this.permits = new Semaphore(max);
    }

    /**
     * Takes a connection for the caller's sole use, opening one if none is idle; waits while all are taken.
     * Give it back with {@link #giveBack}.
     *
     * @return an open connection
     * @throws RedisConnectionException if a new connection cannot be opened, or the pool is closed
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public Connection borrow() throws IOException {
        permits.acquire();
        try {
            if (closed) {
                throw new RedisConnectionException("the client was closed", null);
            }
            Connection c;
            do {
                c = idle.pollFirst();
            } while (c != null && !c.isOpen());
            if (c == null) {
                c = connector.open();
            }
            borrowed.add(c);
            if (closed) {
                c.close(new RedisConnectionException("the client was closed", null));
            }
            return c;
        } catch (Throwable t) {
            permits.release();
            throw t;
        }
    }

    /**
     * Returns a borrowed connection. One that failed, or one whose state the caller could not restore
     * ({@code keep} false), is closed instead of kept. Any thread.
     *
     * @param c the connection
     * @param keep false to close it rather than keep it for the next caller
     */
    public void giveBack(Connection c, boolean keep) {
        borrowed.remove(c);
        if (keep && c.isOpen() && !closed) {
            idle.addFirst(c);
            if (closed) {
                closeIdle();
            }
        } else {
            c.close(new RedisConnectionException("dedicated connection to " + c.server() + " closed", null));
        }
        permits.release();
    }

    /**
     * Closes every connection, failing the commands that wait on borrowed ones (a pending {@code BLPOP}).
     * Any thread.
     */
    public void close() {
        closed = true;
        closeIdle();
        for (Connection c : borrowed) {
            c.close(new RedisConnectionException("the client was closed while " + c.server()
                    + " had a command in flight on a dedicated connection", null));
        }
    }

    private void closeIdle() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.close(new RedisConnectionException("the client was closed", null));
        }
    }
}
