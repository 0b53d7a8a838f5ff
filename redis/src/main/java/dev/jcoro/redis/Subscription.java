package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.internal.PubSubConnection;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelIterator;
import java.io.IOException;
import java.util.Set;

/**
 * A pub/sub subscription on a connection of its own: messages published to its channels (and to channels
 * matching its patterns) arrive in {@link #messages()}, a {@link Channel}, in the order the server sent
 * them.
 *
 * <pre>{@code
 * try (Subscription sub = client.subscribe("orders")) {
 *     for (ChannelIterator<PubSubMessage> it = sub.messages().iterator(); it.hasNext(); ) {
 *         handle(it.next().text());
 *     }
 * }
 * }</pre>
 *
 * <p>The channel buffers {@link RedisOptions#subscriptionCapacity()} messages; while it is full the
 * connection stops reading, and a consumer that stays behind long enough is disconnected by the server
 * (its {@code client-output-buffer-limit pubsub}). When the connection ends — {@link #close()}, the client
 * closed, or a failure — the channel is closed: messages already in it can still be received, then
 * {@code receive()} throws {@link dev.jcoro.sync.ChannelClosedException} and {@link #failure()} says why. A
 * subscription does not reconnect by itself; subscribe again.
 *
 * <p>The methods may be called from any coroutine.
 */
public final class Subscription implements AutoCloseable {
    private final PubSubConnection connection;
    private final Runnable onClose;

    Subscription(PubSubConnection connection, Runnable onClose) {
        this.connection = connection;
        this.onClose = onClose;
    }

    /**
     * The messages received, oldest first.
     *
     * @return the channel; iterate it with {@link ChannelIterator}
     */
    public Channel<PubSubMessage> messages() {
        return connection.messages();
    }

    /**
     * {@code SUBSCRIBE}: adds channels, returning once the server has confirmed them.
     *
     * @param channels the channels
     * @throws RedisException if the server refuses
     * @throws IOException if the connection failed or the confirmation did not come in time
     */
    @Suspendable
    public void subscribe(String... channels) throws IOException {
        connection.send("SUBSCRIBE", channels);
    }

    /**
     * {@code PSUBSCRIBE}: adds glob patterns such as {@code news.*}; messages delivered through one carry it
     * in {@link PubSubMessage#pattern()}.
     *
     * @param patterns the patterns
     * @throws RedisException if the server refuses
     * @throws IOException if the connection failed or the confirmation did not come in time
     */
    @Suspendable
    public void psubscribe(String... patterns) throws IOException {
        connection.send("PSUBSCRIBE", patterns);
    }

    /**
     * {@code UNSUBSCRIBE} from channels. Messages published before the server's confirmation may still be
     * delivered.
     *
     * @param channels the channels
     * @throws IOException if the connection failed or the confirmation did not come in time
     */
    @Suspendable
    public void unsubscribe(String... channels) throws IOException {
        connection.send("UNSUBSCRIBE", channels);
    }

    /**
     * {@code PUNSUBSCRIBE} from patterns.
     *
     * @param patterns the patterns
     * @throws IOException if the connection failed or the confirmation did not come in time
     */
    @Suspendable
    public void punsubscribe(String... patterns) throws IOException {
        connection.send("PUNSUBSCRIBE", patterns);
    }

    /**
     * The channels subscribed to, as confirmed by the server.
     *
     * @return a read-only view
     */
    public Set<String> channels() {
        return connection.channels();
    }

    /**
     * The patterns subscribed to, as confirmed by the server.
     *
     * @return a read-only view
     */
    public Set<String> patterns() {
        return connection.patterns();
    }

    /**
     * Why the subscription ended.
     *
     * @return null while it is open; after an orderly {@link #close()} a {@link RedisConnectionException}
     *     saying so; else the failure
     */
    public Throwable failure() {
        return connection.failure();
    }

    /** Closes the subscription's connection and its channel. Any thread; calling it again does nothing. */
    @Override
    public void close() {
        connection.close(null);
        onClose.run();
    }
}
