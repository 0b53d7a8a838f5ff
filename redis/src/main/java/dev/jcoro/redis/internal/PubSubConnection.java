package dev.jcoro.redis.internal;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.redis.PubSubMessage;
import dev.jcoro.redis.RedisConnectionException;
import dev.jcoro.redis.RedisTimeoutException;
import dev.jcoro.redis.RespProtocolException;
import dev.jcoro.redis.RespValue;
import dev.jcoro.redis.internal.resp.RespEncoder;
import dev.jcoro.redis.internal.resp.WriteBuffer;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import dev.jcoro.sync.Mutex;
import java.io.EOFException;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A connection in subscribed mode. Once a connection subscribes, the server sends it messages whenever
 * they are published, interleaved with the confirmations of further (un)subscriptions, so it cannot carry
 * ordinary pipelined commands: it gets its own socket and reader coroutine. The reader hands each message
 * to a {@link Channel}, in the order the server sent them, and suspends while the channel is full, so a
 * slow consumer slows the socket rather than filling the heap. In RESP2 the server's frames are arrays,
 * in RESP3 pushes; both read the same.
 */
public final class PubSubConnection {
    private final Handshake.Session session;
    private final Channel<PubSubMessage> messages;
    private final long timeoutNanos;
    private final Mutex writing = new Mutex();
    /** Subscribe and unsubscribe commands sent, oldest first, waiting for one confirmation per name. */
    private final ConcurrentLinkedQueue<Confirmation> confirmations = new ConcurrentLinkedQueue<>();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Set<String> patterns = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Task<Void> reader;

    private static final class Confirmation {
        final String kind;
        int remaining;
        final CompletableFuture<Void> done = new CompletableFuture<>();

        Confirmation(String kind, int names) {
            this.kind = kind;
            this.remaining = names;
        }
    }

    private PubSubConnection(Handshake.Session session, int capacity, long timeoutNanos) {
        this.session = session;
        this.messages = new Channel<>(capacity);
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Opens a connection for subscriptions and starts its reader.
     *
     * @param connector opens the socket and runs the handshake
     * @param launcher where the reader runs
     * @param capacity how many messages to buffer for the consumer
     * @return the connection, subscribed to nothing yet
     * @throws RedisConnectionException if the server cannot be reached
     */
    @Suspendable
    public static PubSubConnection open(Connector connector, Launcher launcher, int capacity) throws IOException {
        Handshake.Session session = connector.handshake();
        PubSubConnection c = new PubSubConnection(session, capacity, connector.commandTimeoutNanos());
        try {
            c.reader = launcher.launch(c::readLoop);
        } catch (RuntimeException e) {
            Connector.closeQuietly(session.socket());
            throw e;
        }
        if (c.failure.get() != null) {
            c.reader.cancel();
        }
        return c;
    }

    /**
     * The messages, in the order the server sent them; closed when the connection ends.
     *
     * @return the channel
     */
    public Channel<PubSubMessage> messages() {
        return messages;
    }

    /**
     * Sends {@code SUBSCRIBE}, {@code PSUBSCRIBE}, {@code UNSUBSCRIBE} or {@code PUNSUBSCRIBE} and waits
     * until the server has confirmed every name.
     *
     * @param kind the command, in upper case
     * @param names the channels or patterns, at least one
     * @throws dev.jcoro.redis.RedisException if the server refuses the command
     * @throws RedisTimeoutException if the confirmations do not come within the command timeout (the
     *     connection is then closed)
     * @throws RedisConnectionException if the connection failed
     */
    @Suspendable
    public void send(String kind, String... names) throws IOException {
        if (names.length == 0) {
            throw new IllegalArgumentException(kind + " needs at least one name");
        }
        Object[] parts = new Object[names.length + 1];
        parts[0] = kind;
        System.arraycopy(names, 0, parts, 1, names.length);
        WriteBuffer out = new WriteBuffer(256);
        RespEncoder.command(out, Command.encode(parts));
        Confirmation c = new Confirmation(kind.toLowerCase(Locale.ROOT), names.length);
        writing.lock();
        try {
            checkOpen();
            confirmations.add(c);
            session.socket().write(out.content());
        } catch (IOException e) {
            close(e);
            throw connectionFailure();
        } finally {
            writing.unlock();
        }
        if (timeoutNanos > 0) {
            c.done.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        try {
            Coroutines.await(c.done);
        } catch (TimeoutException e) {
            RedisTimeoutException timeout = new RedisTimeoutException("no confirmation of " + kind + " from "
                    + session.server() + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms; the"
                    + " subscription is closed");
            close(timeout);
            throw timeout;
        } catch (RedisConnectionException e) {
            throw new RedisConnectionException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure of " + kind, e);
        }
    }

    private void checkOpen() throws IOException {
        if (failure.get() != null) {
            throw connectionFailure();
        }
    }

    private RedisConnectionException connectionFailure() {
        Throwable cause = failure.get();
        return new RedisConnectionException("subscription connection to " + session.server() + " is closed"
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    /**
     * The channels subscribed to, as the server confirmed them.
     *
     * @return a read-only view
     */
    public Set<String> channels() {
        return Collections.unmodifiableSet(channels);
    }

    /**
     * The patterns subscribed to, as the server confirmed them.
     *
     * @return a read-only view
     */
    public Set<String> patterns() {
        return Collections.unmodifiableSet(patterns);
    }

    /**
     * Why the connection ended.
     *
     * @return the failure, or null while it is open
     */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * Ends the connection: closes the socket and the message channel (messages already in it can still be
     * received) and fails waiting (un)subscribe calls. Any thread; only the first call counts.
     *
     * @param cause why, or null for an orderly close
     */
    public void close(Throwable cause) {
        Throwable why = cause != null ? cause
                : new RedisConnectionException("subscription to " + session.server() + " closed", null);
        if (!failure.compareAndSet(null, why)) {
            return;
        }
        Connector.closeQuietly(session.socket());
        messages.close();
        Task<Void> r = reader;
        if (r != null) {
            r.cancel();
        }
        Confirmation c;
        while ((c = confirmations.poll()) != null) {
            c.done.completeExceptionally(connectionFailure());
        }
    }

    @Suspendable
    private void readLoop() {
        try {
            while (failure.get() == null) {
                dispatch(session.replies().read());
            }
        } catch (CancellationException | ChannelClosedException e) {
            close(null);
        } catch (EOFException e) {
            close(new RedisConnectionException("subscription connection to " + session.server()
                    + " lost: the server closed it", e));
        } catch (Throwable t) {
            close(t);
        }
    }

    @Suspendable
    private void dispatch(RespValue frame) throws IOException {
        RespValue v = frame instanceof RespValue.AttributedReply a ? a.value() : frame;
        if (v instanceof RespValue.ErrorReply e) {
            Confirmation c = confirmations.poll();
            if (c != null) {
                c.done.completeExceptionally(e.toException());
            }
            return;
        }
        if (!(v instanceof RespValue.ArrayReply) && !(v instanceof RespValue.PushReply)) {
            throw new RespProtocolException(session.replies().offset(), "expected a pub/sub array or push, got a "
                    + v.kind());
        }
        List<RespValue> parts = v.asList();
        if (parts.isEmpty()) {
            throw new RespProtocolException(session.replies().offset(), "expected a pub/sub frame, got an empty "
                    + v.kind());
        }
        String kind = parts.get(0).asText().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "message":
                messages.send(new PubSubMessage(parts.get(1).asText(), null, parts.get(2).asBytes()));
                break;
            case "pmessage":
                messages.send(new PubSubMessage(parts.get(2).asText(), parts.get(1).asText(), parts.get(3).asBytes()));
                break;
            case "subscribe":
                channels.add(parts.get(1).asText());
                confirm(kind);
                break;
            case "unsubscribe":
                if (!parts.get(1).isNull()) {
                    channels.remove(parts.get(1).asText());
                }
                confirm(kind);
                break;
            case "psubscribe":
                patterns.add(parts.get(1).asText());
                confirm(kind);
                break;
            case "punsubscribe":
                if (!parts.get(1).isNull()) {
                    patterns.remove(parts.get(1).asText());
                }
                confirm(kind);
                break;
            default:
                // "pong" and kinds this client does not subscribe to (smessage) carry nothing for the consumer.
                break;
        }
    }

    private void confirm(String kind) {
        Confirmation c = confirmations.peek();
        if (c != null && c.kind.equals(kind) && --c.remaining == 0) {
            confirmations.poll();
            c.done.complete(null);
        }
    }
}
