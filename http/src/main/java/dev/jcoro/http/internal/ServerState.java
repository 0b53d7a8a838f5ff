package dev.jcoro.http.internal;

import dev.jcoro.sync.Semaphore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state one server's connections share across loops: the open connections, the permits of the
 * connection cap, and whether the server is closing.
 */
public final class ServerState {
    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();
    private final Semaphore permits;
    private volatile boolean closing;

    /**
     * State for a server of at most {@code maxConnections} connections.
     *
     * @param maxConnections the cap
     */
    public ServerState(int maxConnections) {
        this.permits = new Semaphore(maxConnections);
    }

    /**
     * The permits an accept loop takes before each accept and a connection gives back when it closes.
     *
     * @return the semaphore
     */
    public Semaphore permits() {
        return permits;
    }

    void opened(ServerConnection c) {
        open.add(c);
        if (closing) {
            // The closer may have swept the set before this connection joined it.
            c.closeIfIdle();
        }
    }

    void closed(ServerConnection c) {
        if (open.remove(c)) {
            permits.release();
        }
    }

    /**
     * Tells whether the server is closing: connections finish their current request and close.
     *
     * @return true once {@link #startClosing()} ran
     */
    public boolean isClosing() {
        return closing;
    }

    /** Marks the server closing and closes every connection that waits between requests. Any thread. */
    public void startClosing() {
        closing = true;
        for (ServerConnection c : open) {
            c.closeIfIdle();
        }
    }

    /**
     * Closes every connection whose wait for its next request has passed its deadline. Any thread.
     *
     * @param now a {@link System#nanoTime()} reading
     */
    void closeIdlePast(long now) {
        for (ServerConnection c : open) {
            c.closeIfIdlePast(now);
        }
    }

    /** Closes every connection still open, whatever it is doing. Any thread. */
    public void closeAll() {
        for (ServerConnection c : open) {
            c.abort();
        }
    }

    /**
     * The number of open connections.
     *
     * @return the count
     */
    public int openConnections() {
        return open.size();
    }
}
