package dev.jcoro.http;

import dev.jcoro.Suspendable;
import dev.jcoro.http.internal.ClientConnection;
import dev.jcoro.http.internal.ConnectionPool;
import dev.jcoro.http.internal.Framing;
import dev.jcoro.http.internal.Origin;
import dev.jcoro.net.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 client on coroutines, with a pool of keep-alive connections per origin. Calls suspend the
 * calling coroutine (and block a plain thread), so thousands of requests run at once from straight-line
 * code.
 *
 * <pre>{@code
 * HttpClient client = HttpClient.builder().readTimeout(Duration.ofSeconds(5)).build();
 * ClientResponse r = client.send(ClientRequest.get("http://127.0.0.1:8080/hello"));
 * System.out.println(r.status() + " " + r.bodyText());
 * }</pre>
 *
 * <p>Errors are {@link IOException}s that name the origin: {@link java.net.ConnectException} when the
 * connection fails, {@link java.net.SocketTimeoutException} for the connect and read timeouts,
 * {@link java.io.EOFException} when the server closes mid-response, and a plain {@code IOException}
 * "malformed response from …" for bytes that are not HTTP. A connection that saw any of them is closed,
 * never pooled again. A request whose connection came from the pool and turns out closed by the server
 * before any response byte (a stale keep-alive connection) is sent once more on a new connection, if its
 * body is replayable. Thread-safe: one client may serve every coroutine of a program.
 */
public final class HttpClient implements AutoCloseable {
    private final ConnectionPool pool;
    private final long readTimeoutNanos;
    private final int maxRedirects;
    private final long maxResponseSize;

    private HttpClient(Builder b) {
        // The JDK's default context loads the trust store, which takes most of a second: only for https.
        SSLContext given = b.tls;
        this.pool = new ConnectionPool(b.maxConnectionsPerHost, b.idleTimeout.toNanos(), b.connectTimeout.toNanos(),
                given != null ? () -> given : TlsContexts::client);
        this.readTimeoutNanos = b.readTimeout.toNanos();
        this.maxRedirects = b.maxRedirects;
        this.maxResponseSize = b.maxResponseSize;
    }

    /**
     * A builder with the defaults: connect timeout 10 s, read timeout 30 s, 64 connections per origin, idle
     * connections kept 30 s, no redirects followed, responses up to 64 MiB in {@link #send}, https trusting
     * the JDK's default trust store.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends {@code request} and reads the whole response, following redirects if enabled.
     *
     * @param request the request
     * @return the response
     * @throws IOException if connecting, sending or receiving fails, the response is malformed or larger
     *     than the limit, or more redirects come than allowed
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     */
    @Suspendable
    public ClientResponse send(ClientRequest request) throws IOException {
        ClientRequest current = request;
        for (int hops = 0; ; hops++) {
            URI uri = current.uri();
            ClientResponse response = exchange(current,
                    (status, headers, body) -> new ClientResponse(uri, status, headers, body.readAllBytes(maxResponseSize)));
            String location = response.header("Location");
            if (maxRedirects == 0 || location == null || !isRedirect(response.status())) {
                return response;
            }
            if (hops == maxRedirects) {
                throw new IOException("more than " + maxRedirects + " redirects, the last from " + uri + " to " + location);
            }
            ClientRequest next = follow(current, response.status(), uri.resolve(location));
            if (next == null) {
                return response;
            }
            current = next;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The request a redirect leads to, or null if it cannot be followed (a streamed body to resend). */
    private static ClientRequest follow(ClientRequest request, int status, URI target) {
        String scheme = target.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return null;
        }
        boolean toGet = status == 303 || ((status == 301 || status == 302) && request.method().equals("POST"));
        if (toGet) {
            return request.redirected(request.method().equals("HEAD") ? "HEAD" : "GET", target, false);
        }
        if (!request.isReplayable()) {
            return null;
        }
        return request.redirected(request.method(), target, true);
    }

    /**
     * Sends {@code request} and lets {@code handler} read the response as it arrives (a large download, a
     * stream). Redirects are not followed here. The connection goes back to the pool if the handler read
     * the body to its end, and is closed otherwise.
     *
     * @param request the request
     * @param handler reads the response
     * @param <T> what the handler makes of it
     * @return what the handler returned
     * @throws IOException if connecting, sending or receiving fails or the response is malformed, or what
     *     the handler threw
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     */
    @Suspendable
    public <T> T exchange(ClientRequest request, ResponseHandler<T> handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        Origin origin = Origin.of(request.uri());
        boolean retried = false;
        while (true) {
            ClientConnection c = pool.acquire(origin, retried);
            boolean reusable = false;
            try {
                try {
                    c.writeRequest(request);
                    c.readHead(readTimeoutNanos);
                } catch (IOException e) {
                    if (c.isReused() && !retried && request.isReplayable() && isStale(e)) {
                        retried = true;
                        continue;
                    }
                    throw e;
                }
                long framing = Framing.ofResponse(c.headers(), c.status(), request.method());
                CheckedBody body = new CheckedBody(c.body(framing, readTimeoutNanos, maxResponseSize), origin);
                T result = handler.handle(c.status(), c.headers(), body);
                reusable = c.keepAlive(framing) && body.isFinished() && !body.failed && !c.hasLeftover();
                return result;
            } finally {
                pool.release(c, reusable);
            }
        }
    }

    /** A failure that shows the server closed a pooled connection before reading the request. */
    private static boolean isStale(IOException e) {
        return e instanceof ClientConnection.NoResponseException || !(e instanceof java.net.SocketTimeoutException)
                && e.getMessage() != null && (e.getMessage().contains("reset") || e.getMessage().contains("Broken pipe"));
    }

    /**
     * The idle connections the pool holds now.
     *
     * @return the count
     */
    public int idleConnections() {
        return pool.idleConnections();
    }

    /** Closes the idle connections; later requests fail. Connections in use close when their exchange ends. */
    @Override
    public void close() {
        pool.close();
    }

    /**
     * A response body that turns a malformed-body report into a client-side {@link IOException} and
     * remembers any failure, so that the connection is not pooled after it.
     */
    private static final class CheckedBody implements BodyReader {
        private final BodyReader body;
        private final Origin origin;
        boolean failed;

        CheckedBody(BodyReader body, Origin origin) {
            this.body = body;
            this.origin = origin;
        }

        @Override
        @Suspendable
        public int read(ByteBuffer dst) throws IOException {
            try {
                return body.read(dst);
            } catch (IOException e) {
                throw failed(e);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        @Suspendable
        public byte[] readAllBytes() throws IOException {
            try {
                return body.readAllBytes();
            } catch (IOException e) {
                throw failed(e);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        @Suspendable
        public byte[] readAllBytes(long limit) throws IOException {
            try {
                return body.readAllBytes(limit);
            } catch (IOException e) {
                throw failed(e);
            } catch (RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        private IOException failed(IOException e) {
            failed = true;
            if (e instanceof HttpStatusException s) {
                return s.status() == 413
                        ? new IOException("response body from " + origin + " is larger than the limit: " + s.reason(), s)
                        : new IOException("malformed response body from " + origin + ": " + s.reason(), s);
            }
            return e;
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }
    }

    /** Settings of a client; not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(30);
        private int maxConnectionsPerHost = 64;
        private int maxRedirects;
        private long maxResponseSize = 64L * 1024 * 1024;
        private SSLContext tls;

        private Builder() {
        }

        /**
         * How long connecting (and, for https, the TLS handshake) may take.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /**
         * How long each read of a response may wait for a byte; {@link Duration#ZERO} waits without limit.
         *
         * @param timeout zero or positive
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("readTimeout must not be negative: " + timeout);
            }
            this.readTimeout = timeout;
            return this;
        }

        /**
         * How long an idle keep-alive connection stays in the pool.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive("idleTimeout", timeout);
            return this;
        }

        /**
         * The most connections to one origin at once (in use and idle); further requests wait.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxConnectionsPerHost(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1: " + max);
            }
            this.maxConnectionsPerHost = max;
            return this;
        }

        /**
         * Follows up to {@code max} redirects (301, 302, 303, 307, 308) in {@link HttpClient#send}; 0, the
         * default, follows none. 303, and 301/302 after a POST, become a GET without body; 307 and 308 resend
         * the method and body (not a streamed body: that response is returned as is). Authorization is not
         * sent to another origin.
         *
         * @param max 0 or more
         * @return this builder
         */
        public Builder followRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("followRedirects must not be negative: " + max);
            }
            this.maxRedirects = max;
            return this;
        }

        /**
         * The largest response body {@link HttpClient#send} reads into memory.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxResponseSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxResponseSize must be at least 1: " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        /**
         * The TLS context for https: which certificates are trusted (and a client certificate, if any). By
         * default the JDK's trust store; see {@link TlsContexts}.
         *
         * @param context the context
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }

        /**
         * The client.
         *
         * @return a new client with its own pool
         */
        public HttpClient build() {
            return new HttpClient(this);
        }
    }
}
