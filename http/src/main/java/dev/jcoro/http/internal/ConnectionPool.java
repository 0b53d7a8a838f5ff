package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.sync.Semaphore;
import java.io.IOException;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Keep-alive connections per origin, with a cap per origin and idle eviction. A caller takes a permit and
 * a connection (the most recently used idle one, or a new one), and gives both back when its exchange
 * ends: the connection goes back only if the exchange left it clean, so a connection that failed once is
 * never handed out again. Expired idle connections are closed when their origin is next used and when the
 * pool closes. Safe across loops and threads.
 */
public final class ConnectionPool {
    /** One origin's permits and idle connections (most recent first). */
    private static final class Host {
        final Semaphore permits;
        final Deque<ClientConnection> idle = new ConcurrentLinkedDeque<>();

        Host(int maxConnections) {
            permits = new Semaphore(maxConnections);
        }
    }

    private final Map<Origin, Host> hosts = new ConcurrentHashMap<>();
    private final int maxPerHost;
    private final long idleTimeoutNanos;
    private final long connectTimeoutNanos;
    private final Supplier<SSLContext> tlsSource;
    private volatile SSLContext tls;
    private volatile boolean closed;

    /**
     * A pool.
     *
     * @param maxPerHost the most connections to one origin, in use and idle together
     * @param idleTimeoutNanos how long an idle connection is kept
     * @param connectTimeoutNanos the connect and TLS handshake timeout for new connections
     * @param tls where the TLS context for https origins comes from; asked once, at the first https connection
     */
    public ConnectionPool(int maxPerHost, long idleTimeoutNanos, long connectTimeoutNanos, Supplier<SSLContext> tls) {
        this.maxPerHost = maxPerHost;
        this.idleTimeoutNanos = idleTimeoutNanos;
        this.connectTimeoutNanos = connectTimeoutNanos;
        this.tlsSource = tls;
    }

    /**
     * Takes a connection to {@code origin}, waiting while the origin is at its cap.
     *
     * @param origin where to
     * @param fresh true to skip idle connections and connect anew
     * @return a connection; give it back with {@link #release}
     * @throws IOException if connecting fails, or the pool is closed
     */
    @Suspendable
    public ClientConnection acquire(Origin origin, boolean fresh) throws IOException {
        if (closed) {
            throw new IOException("the HTTP client is closed");
        }
        Host host = hosts.computeIfAbsent(origin, o -> new Host(maxPerHost));
        host.permits.acquire();
        try {
            evictExpired(host, System.nanoTime());
            if (!fresh) {
                ClientConnection c;
                while ((c = host.idle.pollFirst()) != null) {
                    if (c.isOpen()) {
                        c.markReused();
                        return c;
                    }
                    c.close();
                }
            }
            return ClientConnection.connect(origin, connectTimeoutNanos, origin.https() ? tls() : null);
        } catch (IOException | RuntimeException | Error e) {
            host.permits.release();
            throw e;
        }
    }

    /**
     * Gives back a connection taken with {@link #acquire}.
     *
     * @param c the connection
     * @param reusable true if the exchange ended cleanly and both sides keep the connection
     */
    public void release(ClientConnection c, boolean reusable) {
        Host host = hosts.get(c.origin());
        if (reusable && !closed && c.isOpen()) {
            c.idleFrom(System.nanoTime());
            host.idle.offerFirst(c);
            if (closed && host.idle.remove(c)) {
                c.close();
            }
        } else {
            c.close();
        }
        host.permits.release();
    }

    private SSLContext tls() {
        SSLContext c = tls;
        if (c == null) {
            c = tlsSource.get();
            tls = c;
        }
        return c;
    }

    private void evictExpired(Host host, long now) {
        ClientConnection oldest;
        while ((oldest = host.idle.peekLast()) != null && now - oldest.idleSince() > idleTimeoutNanos) {
            if (host.idle.removeLastOccurrence(oldest)) {
                oldest.close();
            }
        }
    }

    /**
     * The idle connections to all origins.
     *
     * @return the count
     */
    public int idleConnections() {
        int n = 0;
        for (Host h : hosts.values()) {
            n += h.idle.size();
        }
        return n;
    }

    /** Closes every idle connection; connections in use close when given back. Any thread. */
    public void close() {
        closed = true;
        for (Host h : hosts.values()) {
            ClientConnection c;
            while ((c = h.idle.pollFirst()) != null) {
                c.close();
            }
        }
    }
}
