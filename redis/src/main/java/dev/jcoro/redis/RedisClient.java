package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.internal.Command;
import dev.jcoro.redis.internal.CommandRouting;
import dev.jcoro.redis.internal.Connection;
import dev.jcoro.redis.internal.Connector;
import dev.jcoro.redis.internal.DedicatedPool;
import dev.jcoro.redis.internal.Launcher;
import dev.jcoro.redis.internal.PubSubConnection;
import dev.jcoro.redis.internal.Replies;
import dev.jcoro.sync.Mutex;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A coroutine-native Redis client. One client holds one connection, shared by every coroutine that uses
 * it: commands issued at the same time by many coroutines are pipelined — written together, answered in
 * order — so a thousand concurrent callers need one socket and a handful of system calls per batch, and
 * no caller blocks a thread.
 *
 * <pre>{@code
 * Coroutines.run(() -> {
 *     try (RedisClient redis = RedisClient.connect("redis://127.0.0.1:6379")) {
 *         redis.set("greeting", "hello");
 *         return redis.get("greeting");
 *     }
 * });
 * }</pre>
 *
 * <p>What does not fit a shared connection gets its own: blocking commands ({@link #blpop}) and
 * {@link #session() sessions} (for {@code WATCH}) use a small pool of dedicated connections, and
 * {@link #subscribe subscriptions} a connection each. Transactions ({@link #multi()}) run on the shared
 * connection as one uninterrupted batch.
 *
 * <p>Failures: see {@link RedisCommands}. When the connection drops, the commands in flight fail with a
 * {@link RedisConnectionException} naming the server and the next command reconnects. A command without a
 * reply within the command timeout fails with {@link RedisTimeoutException} and closes the connection.
 *
 * <p>All methods may be called from any coroutine, concurrently. The client's own coroutines (each
 * connection's reader and writer) run on the scheduler of the coroutine that connects, or on the one given
 * by {@link RedisOptions.Builder#scheduler}; with the latter, plain threads may use the client too (each
 * command then blocks its thread).
 */
public final class RedisClient extends RedisCommands implements AutoCloseable {
    private final RedisOptions options;
    private final Launcher launcher;
    private final Connector connector;
    private final DedicatedPool dedicated;
    private final long timeoutNanos;
    private final Mutex connecting = new Mutex();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile Connection current;
    private volatile boolean closed;

    private RedisClient(RedisOptions options) {
        this.options = options;
        this.launcher = Launcher.of(options.scheduler());
        this.connector = new Connector(options.address(), options.connectTimeout(), options.commandTimeout(),
                options.resp3(), options.clientName(), options.limits(), options.sslContext(), launcher);
        this.dedicated = new DedicatedPool(connector, options.maxDedicatedConnections());
        this.timeoutNanos = options.commandTimeout().toNanos();
    }

    /**
     * Connects to the server at {@code uri} with the default options.
     *
     * @param uri {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://} for TLS
     * @return the connected client
     * @throws IllegalArgumentException if the URI is not a Redis URI
     * @throws RedisAuthException if the server refuses the credentials
     * @throws RedisException if the server refuses the database
     * @throws RedisConnectionException if the server cannot be reached
     * @throws IllegalStateException if called outside a coroutine without a scheduler in the options
     */
    @Suspendable
    public static RedisClient connect(String uri) throws IOException {
        return connect(RedisOptions.of(URI.create(uri)));
    }

    /**
     * Connects to the server at {@code uri} with the default options.
     *
     * @param uri {@code redis://[user:password@]host[:port][/db]}, or {@code rediss://} for TLS
     * @return the connected client
     * @throws IllegalArgumentException if the URI is not a Redis URI
     * @throws RedisAuthException if the server refuses the credentials
     * @throws RedisException if the server refuses the database
     * @throws RedisConnectionException if the server cannot be reached
     * @throws IllegalStateException if called outside a coroutine without a scheduler in the options
     */
    @Suspendable
    public static RedisClient connect(URI uri) throws IOException {
        return connect(RedisOptions.of(uri));
    }

    /**
     * Connects with {@code options}. The connection is opened now, so that a wrong address or password
     * shows at once rather than at the first command.
     *
     * @param options where and how
     * @return the connected client
     * @throws RedisAuthException if the server refuses the credentials
     * @throws RedisException if the server refuses the database
     * @throws RedisConnectionException if the server cannot be reached
     * @throws IllegalStateException if called outside a coroutine without a scheduler in the options
     */
    @Suspendable
    public static RedisClient connect(RedisOptions options) throws IOException {
        RedisClient client = new RedisClient(options);
        client.connection();
        return client;
    }

    /**
     * The options the client was made with.
     *
     * @return the options
     */
    public RedisOptions options() {
        return options;
    }

    /**
     * The shared connection, opened (again) if there is none or the last one failed. Callers that find it
     * broken at the same moment wait for one reconnect instead of each opening their own.
     */
    @Suspendable
    Connection connection() throws IOException {
        Connection c = current;
        if (c != null && c.isOpen()) {
            return c;
        }
        connecting.lock();
        try {
            checkOpen();
            c = current;
            if (c == null || !c.isOpen()) {
                c = connector.open();
                current = c;
                if (closed) {
                    c.close(new RedisConnectionException("the client was closed", null));
                }
            }
            return c;
        } finally {
            connecting.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Redis client for " + connector.serverName() + " is closed");
        }
    }

    @Override
    @Suspendable
    <T> T execute(Command<T> command) throws IOException {
        return command.decode(connection().execute(command.args(), timeoutNanos));
    }

    @Override
    @Suspendable
    <T> T executeBlocking(Command<T> command, Duration blockFor) throws IOException {
        long timeout = timeoutNanos == 0 || blockFor.isZero() ? 0 : timeoutNanos + blockFor.toNanos();
        return command.decode(onDedicated(command.args(), timeout));
    }

    /** Runs a command that may block on a pooled connection, so that the pipeline never waits behind it. */
    @Suspendable
    private RespValue onDedicated(byte[][] args, long timeout) throws IOException {
        checkOpen();
        Connection c = dedicated.borrow();
        boolean finished = false;
        try {
            RespValue reply = c.execute(args, timeout);
            finished = true;
            return reply;
        } finally {
            // A blocking command abandoned midway (cancelled) would still hold the connection: close it.
            dedicated.giveBack(c, finished);
        }
    }

    /**
     * Sends any command. Blocking commands ({@code BLPOP}, {@code XREAD ... BLOCK}, {@code WAIT}...) run
     * on a dedicated connection without a command timeout, since only the server knows how long they
     * block.
     *
     * @param args the command's name and arguments
     * @return the reply
     * @throws RedisException if the server refuses the command
     * @throws IllegalArgumentException if the command would change the state of the shared connection
     *     ({@code MULTI}, {@code WATCH}, {@code SELECT}, {@code SUBSCRIBE}, {@code AUTH}...); the message
     *     names what to use instead
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Override
    @Suspendable
    public RespValue command(byte[]... args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command needs at least its name");
        }
        String refusal = CommandRouting.refusalOnShared(args);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        Command<RespValue> command = new Command<>(Replies::raw, args);
        if (CommandRouting.isBlocking(args)) {
            return command.decode(onDedicated(args, 0));
        }
        return execute(command);
    }

    /**
     * Opens a transaction; see {@link Transaction}. Queueing sends nothing; {@code exec()} sends the whole
     * transaction on the shared connection as one uninterrupted batch.
     *
     * @return the transaction
     * @throws IllegalStateException if the client is closed
     */
    public Transaction multi() {
        checkOpen();
        return new Transaction(new Transaction.Owner() {
            @Override
            @Suspendable
            public Connection transactionConnection() throws IOException {
                return connection();
            }

            @Override
            public long timeoutNanos() {
                return timeoutNanos;
            }

            @Override
            public void transactionEnded() {
                // No WATCH on the shared connection: nothing to forget.
            }
        });
    }

    /**
     * Takes a connection from the pool of dedicated connections for the caller's sole use, for
     * {@code WATCH}/{@code MULTI} and other commands that depend on one connection's state. Waits while all
     * {@link RedisOptions#maxDedicatedConnections()} are taken. Close the session to give it back.
     *
     * @return the session
     * @throws RedisConnectionException if a new connection cannot be opened
     * @throws IllegalStateException if the client is closed
     */
    @Suspendable
    public RedisSession session() throws IOException {
        checkOpen();
        return new RedisSession(dedicated, dedicated.borrow(), timeoutNanos);
    }

    /**
     * Subscribes to channels on a connection of the subscription's own.
     *
     * @param channels the channels, at least one
     * @return the subscription, confirmed by the server
     * @throws RedisException if the server refuses
     * @throws IOException if the server cannot be reached or does not confirm in time
     * @throws IllegalStateException if the client is closed
     */
    @Suspendable
    public Subscription subscribe(String... channels) throws IOException {
        Subscription s = openSubscription();
        try {
            s.subscribe(channels);
        } catch (Throwable t) {
            s.close();
            throw t;
        }
        return s;
    }

    /**
     * Subscribes to channels matching glob patterns ({@code news.*}) on a connection of the subscription's
     * own.
     *
     * @param patterns the patterns, at least one
     * @return the subscription, confirmed by the server
     * @throws RedisException if the server refuses
     * @throws IOException if the server cannot be reached or does not confirm in time
     * @throws IllegalStateException if the client is closed
     */
    @Suspendable
    public Subscription psubscribe(String... patterns) throws IOException {
        Subscription s = openSubscription();
        try {
            s.psubscribe(patterns);
        } catch (Throwable t) {
            s.close();
            throw t;
        }
        return s;
    }

    @Suspendable
    private Subscription openSubscription() throws IOException {
        checkOpen();
        PubSubConnection connection = PubSubConnection.open(connector, launcher, options.subscriptionCapacity());
        Subscription[] self = new Subscription[1];
        Subscription s = new Subscription(connection, () -> subscriptions.remove(self[0]));
        self[0] = s;
        subscriptions.add(s);
        if (closed) {
            s.close();
            checkOpen();
        }
        return s;
    }

    /**
     * Closes every connection of the client: commands in flight fail with {@link RedisConnectionException},
     * subscriptions end, and later calls throw {@link IllegalStateException}. Any thread; calling it again
     * does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Connection c = current;
        if (c != null) {
            c.close(new RedisConnectionException("the client for " + connector.serverName()
                    + " was closed while the command was in flight", null));
        }
        dedicated.close();
        for (Subscription s : subscriptions) {
            s.close();
        }
    }

    @Override
    public String toString() {
        Connection c = current;
        return "RedisClient[" + connector.serverName() + (closed ? ", closed" : c != null ? ", RESP" + c.protocol() : "")
                + "]";
    }
}
