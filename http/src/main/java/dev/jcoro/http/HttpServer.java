package dev.jcoro.http;

import dev.jcoro.Continuation;
import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.http.internal.Arguments;
import dev.jcoro.http.internal.IdleSweeper;
import dev.jcoro.http.internal.ServerConfig;
import dev.jcoro.http.internal.ServerConnection;
import dev.jcoro.http.internal.ServerState;
import dev.jcoro.net.StreamSocket;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.net.TlsSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * An HTTP/1.1 server on coroutines: one coroutine per connection, the handler's code straight-line and
 * free to suspend. Keep-alive and pipelining, chunked bodies both ways, {@code Expect: 100-continue},
 * HTTP/1.0 clients; limits and timeouts against hostile clients (see {@link HttpLimits} and the builder).
 *
 * <pre>{@code
 * HttpServer server = HttpServer.builder()
 *         .port(8080)
 *         .handler(Router.builder()
 *                 .get("/hello", (request, response) -> response.send("hello"))
 *                 .build())
 *         .start();
 * // ...
 * server.close();   // graceful: in-flight requests finish first
 * }</pre>
 *
 * <p>HTTPS is the same server with {@link Builder#tls} set. {@link #start} and {@link #close()} are called from a plain thread; the accessors from any thread.
 */
public final class HttpServer implements AutoCloseable {
    /** How long {@link #close()} lets in-flight requests finish. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);
    private static final Duration ACCEPT_RETRY_PAUSE = Duration.ofMillis(20);
    private static final System.Logger LOG = System.getLogger(HttpServer.class.getName());

    private final TcpServerSocket listener;
    private final Scheduler scheduler;
    private final boolean ownsScheduler;
    private final ServerState state;
    private final Task<Void> acceptor;
    private final Task<Void> sweeper;
    private final SSLContext tls;
    private long lastAcceptFailureReport = System.nanoTime() - TimeUnit.SECONDS.toNanos(2);

    private HttpServer(Builder b) throws IOException {
        ServerConfig config = new ServerConfig(Objects.requireNonNull(b.handler, "handler"), b.limits,
                nanos(b.headerTimeout), nanos(b.idleTimeout), nanos(b.bodyTimeout));
        this.state = new ServerState(b.limits.maxConnections());
        this.tls = b.tls;
        this.listener = TcpServerSocket.bind(new InetSocketAddress(b.address, b.port), b.backlog);
        this.ownsScheduler = b.scheduler == null;
        this.scheduler = ownsScheduler ? Scheduler.create(b.loops) : b.scheduler;
        this.acceptor = scheduler.launch(() -> acceptLoop(config));
        IdleSweeper idle = new IdleSweeper(state, config);
        this.sweeper = scheduler.launch(idle::run);
    }

    /**
     * An accept that fails while the server runs (out of file descriptors, most often) must not end the
     * accept loop: it is reported (at most once a second) and retried after a pause, as connections close.
     */
    @Suspendable
    private void acceptFailed(IOException e) {
        long now = System.nanoTime();
        if (now - lastAcceptFailureReport > TimeUnit.SECONDS.toNanos(1)) {
            lastAcceptFailureReport = now;
            LOG.log(System.Logger.Level.WARNING, "jcoro-http: accept on " + listener.localAddress() + " failed; retrying", e);
        }
        Coroutines.sleep(ACCEPT_RETRY_PAUSE);
    }

    private static long nanos(Duration d) {
        return d.toNanos();
    }

    /**
     * A builder with the defaults: any local address, port 0, one loop per processor, {@link HttpLimits}
     * defaults, header timeout 10 s, idle timeout 60 s, body timeout 30 s.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Suspendable
    private void acceptLoop(ServerConfig config) {
        while (true) {
            state.permits().acquire();
            TcpSocket socket;
            try {
                socket = listener.accept();
            } catch (ClosedChannelException closed) {
                state.permits().release();
                return;
            } catch (IOException e) {
                state.permits().release();
                if (state.isClosing()) {
                    return;
                }
                acceptFailed(e);
                continue;
            }
            StreamSocket stream = tls == null ? socket : TlsSocket.server(socket, tls);
            ServerConnection connection = ServerConnection.open(stream, config, state);
            Coroutines.launch(connection::serve);
        }
    }

    /**
     * The port the server listens on; the actual one when built with port 0.
     *
     * @return the port
     */
    public int port() {
        return listener.localAddress().getPort();
    }

    /**
     * The address the server listens on.
     *
     * @return the bound address and port
     */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /**
     * The connections open now.
     *
     * @return the count
     */
    public int openConnections() {
        return state.openConnections();
    }

    /**
     * Closes gracefully, allowing {@link #DEFAULT_CLOSE_GRACE} for requests in flight.
     *
     * @see #close(Duration)
     */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Closes gracefully: stops accepting, closes the connections that wait between requests, lets the
     * requests in flight finish (their responses say {@code Connection: close}) for up to {@code grace},
     * then closes every connection still open. Stops the server's own scheduler, if it made one. Call from
     * a plain thread (a shutdown hook, {@code main}); calling it again does nothing more.
     *
     * @param grace how long in-flight requests may take to finish
     * @throws IllegalStateException if called inside a coroutine, where its waiting would block a loop
     */
    public void close(Duration grace) {
        if (Continuation.current() != null) {
            throw new IllegalStateException("HttpServer.close blocks while requests finish; call it from a plain thread");
        }
        // Closing first, so that the accept loop reads the listener's closing as the end, not as a failure.
        state.startClosing();
        try {
            listener.close();
        } catch (IOException ignored) {
            // The listener is gone either way.
        }
        long deadline = System.nanoTime() + grace.toNanos();
        waitForConnections(deadline);
        state.closeAll();
        waitForConnections(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        acceptor.cancel();
        sweeper.cancel();
        if (ownsScheduler) {
            scheduler.close();
        }
    }

    private void waitForConnections(long deadline) {
        while (state.openConnections() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "HttpServer[" + listener.localAddress() + ", " + openConnections() + " connections]";
    }

    /** Settings of a server; {@link #start()} binds and starts it. Not thread-safe. */
    public static final class Builder {
        private InetAddress address;
        private int port;
        private int loops = Runtime.getRuntime().availableProcessors();
        private Scheduler scheduler;
        private HttpHandler handler;
        private HttpLimits limits = HttpLimits.defaults();
        private Duration headerTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration bodyTimeout = Duration.ofSeconds(30);
        private int backlog = TcpServerSocket.DEFAULT_BACKLOG;
        private SSLContext tls;

        private Builder() {
        }

        /**
         * The local address to listen on; any address (all interfaces) unless set.
         *
         * @param address e.g. {@code InetAddress.getLoopbackAddress()}
         * @return this builder
         */
        public Builder address(InetAddress address) {
            this.address = address;
            return this;
        }

        /**
         * The port; 0 (the default) picks a free one, which {@link HttpServer#port()} then tells.
         *
         * @param port 0 to 65535
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How many selector loops (carrier threads) the server's own scheduler has; default one per
         * processor. Ignored when {@link #scheduler} is given.
         *
         * @param loops at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code loops} is less than 1
         */
        public Builder loops(int loops) {
            this.loops = (int) Arguments.atLeastOne("loops", loops);
            return this;
        }

        /**
         * Runs the server on an existing scheduler (shared with the rest of the program) instead of its
         * own; closing the server leaves that scheduler running.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * The application: usually a {@link Router}.
         *
         * @param handler what handles every request
         * @return this builder
         */
        public Builder handler(HttpHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * The size limits.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder limits(HttpLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How long a request head may take to arrive, counted from its first byte (from accept for a
         * connection's first request). Past it the server answers 408 and closes: the defence against
         * slowloris clients that trickle a head byte by byte. Default 10 s. A connection that sends nothing
         * at all is closed quietly, by a sweep that runs ten times per timeout (at most once a second), so
         * up to a tenth of the timeout (at most 1 s) after it.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder headerTimeout(Duration timeout) {
            this.headerTimeout = Arguments.positive("headerTimeout", timeout);
            return this;
        }

        /**
         * How long a kept-alive connection may wait for its next request before the server closes it
         * quietly. Default 60 s. The idle connections are checked by a sweep that runs ten times per
         * timeout (at most once a second), so one is closed up to a tenth of the timeout (at most 1 s)
         * after it: no timer is armed per request.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Arguments.positive("idleTimeout", timeout);
            return this;
        }

        /**
         * How long a read of the request body may wait for a byte. Past it the read throws an
         * {@link HttpStatusException} with 408, which the server answers (if the response has not started)
         * before closing. Default 30 s.
         *
         * @param timeout positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder bodyTimeout(Duration timeout) {
            this.bodyTimeout = Arguments.positive("bodyTimeout", timeout);
            return this;
        }

        /**
         * The listen backlog: connections the kernel queues while the server does not accept (also while
         * it is at its connection cap). Default {@value TcpServerSocket#DEFAULT_BACKLOG}.
         *
         * @param backlog at least 1
         * @return this builder
         */
        public Builder backlog(int backlog) {
            this.backlog = (int) Arguments.atLeastOne("backlog", backlog);
            return this;
        }

        /**
         * Serves HTTPS: every accepted connection is wrapped in a {@link TlsSocket} with this context,
         * whose handshake runs within the header timeout of the first request. Build the context from PEM
         * files or a key store with {@link dev.jcoro.net.TlsContexts#server}.
         *
         * @param context the server's certificate and key
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running server
         * @throws IOException if the address cannot be bound
         * @throws NullPointerException if no handler was set
         */
        public HttpServer start() throws IOException {
            return new HttpServer(this);
        }
    }
}
