package dev.jcoro.redis;

import dev.jcoro.Scheduler;
import dev.jcoro.redis.internal.RedisUri;
import dev.jcoro.redis.internal.resp.RespLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how a {@link RedisClient} connects: the server's URI plus the settings that have defaults.
 *
 * <pre>{@code
 * RedisClient client = RedisClient.connect(RedisOptions.builder("redis://:secret@127.0.0.1:6379/2")
 *         .commandTimeout(Duration.ofSeconds(2))
 *         .build());
 * }</pre>
 *
 * <p>Immutable; may be shared between threads.
 */
public final class RedisOptions {
    private final URI uri;
    private final RedisUri address;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final int maxDedicatedConnections;
    private final boolean resp3;
    private final String clientName;
    private final Scheduler scheduler;
    private final RespLimits limits;
    private final int subscriptionCapacity;
    private final SSLContext sslContext;

    private RedisOptions(Builder b) {
        this.uri = b.uri;
        this.address = RedisUri.parse(b.uri);
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxDedicatedConnections = b.maxDedicatedConnections;
        this.resp3 = b.resp3;
        this.clientName = b.clientName;
        this.scheduler = b.scheduler;
        this.limits = new RespLimits(b.maxBulkLength, b.maxAggregateLength, b.maxNesting, RespLimits.DEFAULT.maxLineLength());
        this.subscriptionCapacity = b.subscriptionCapacity;
        this.sslContext = b.sslContext;
    }

    /**
     * Options for {@code uri} with every default.
     *
     * @param uri {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...}
     * @return the options
     * @throws IllegalArgumentException if the URI is not a Redis URI
     */
    public static RedisOptions of(URI uri) {
        return builder(uri).build();
    }

    /**
     * A builder for {@code uri}.
     *
     * @param uri {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...}
     * @return the builder, holding the defaults
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * A builder for {@code uri}.
     *
     * @param uri {@code redis://[user:password@]host[:port][/db]} or {@code rediss://...}
     * @return the builder, holding the defaults
     * @throws IllegalArgumentException if {@code uri} is not a valid URI
     */
    public static Builder builder(String uri) {
        return new Builder(URI.create(uri));
    }

    /**
     * The server's URI as given.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The longest a command waits for its reply; {@link Duration#ZERO} for no limit.
     *
     * @return the command timeout
     */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * The longest connecting and the handshake may take.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How many connections of its own the client opens at most for blocking commands and sessions.
     *
     * @return the pool's size
     */
    public int maxDedicatedConnections() {
        return maxDedicatedConnections;
    }

    /**
     * Whether the client asks for RESP3 ({@code HELLO 3}), falling back to RESP2 on servers before 6.0.
     *
     * @return true unless RESP2 was asked for
     */
    public boolean resp3() {
        return resp3;
    }

    /**
     * The name the client gives its connections ({@code CLIENT SETNAME}), or null.
     *
     * @return the name
     */
    public String clientName() {
        return clientName;
    }

    /**
     * The scheduler that runs the client's own coroutines (each connection's reader and writer), or null to
     * use the scheduler of the coroutine that connects.
     *
     * @return the scheduler
     */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * How many pub/sub messages a {@link Subscription} buffers before its connection stops reading.
     *
     * @return the capacity of a subscription's channel
     */
    public int subscriptionCapacity() {
        return subscriptionCapacity;
    }

    /**
     * The TLS context for {@code rediss://} URIs, or null for the JDK's default (its trusted authorities).
     *
     * @return the context
     */
    public SSLContext sslContext() {
        return sslContext;
    }

    RedisUri address() {
        return address;
    }

    RespLimits limits() {
        return limits;
    }

    @Override
    public String toString() {
        return "RedisOptions[" + address + ", commandTimeout " + commandTimeout + "]";
    }

    /**
     * Builds {@link RedisOptions}. Defaults: command timeout 10 s, connect timeout 10 s, 8 dedicated
     * connections, RESP3 with fallback, no client name, the connecting coroutine's scheduler, bulk strings
     * up to 512 MiB, aggregates up to 64 Mi elements nested up to 64 deep, subscriptions buffering 1024
     * messages, the JDK's trusted authorities for {@code rediss://}. A builder is used by one thread.
     */
    public static final class Builder {
        private final URI uri;
        private Duration commandTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxDedicatedConnections = 8;
        private boolean resp3 = true;
        private String clientName;
        private Scheduler scheduler;
        private int maxBulkLength = RespLimits.DEFAULT.maxBulkLength();
        private int maxAggregateLength = RespLimits.DEFAULT.maxAggregateLength();
        private int maxNesting = RespLimits.DEFAULT.maxNesting();
        private int subscriptionCapacity = 1024;
        private SSLContext sslContext;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * Sets how long a command waits for its reply. On a timeout the command fails with
         * {@link RedisTimeoutException} and the connection is closed (see there why); blocking commands get
         * their blocking time on top.
         *
         * @param timeout the limit; {@link Duration#ZERO} for none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = nonNegative(timeout, "command timeout");
            return this;
        }

        /**
         * Sets how long connecting, including the handshake (HELLO, AUTH, SELECT), may take.
         *
         * @param timeout the limit; {@link Duration#ZERO} for none
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = nonNegative(timeout, "connect timeout");
            return this;
        }

        /**
         * Sets how many connections of its own the client opens at most for blocking commands
         * ({@code BLPOP}...) and sessions, which must not share the pipelined connection. A caller beyond the
         * limit waits for a connection to be given back.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxDedicatedConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDedicatedConnections must be at least 1: " + max);
            }
            this.maxDedicatedConnections = max;
            return this;
        }

        /**
         * Chooses the protocol: true (the default) asks for RESP3 with {@code HELLO 3} and falls back to RESP2
         * if the server does not know it; false stays on RESP2.
         *
         * @param resp3 whether to ask for RESP3
         * @return this builder
         */
        public Builder resp3(boolean resp3) {
            this.resp3 = resp3;
            return this;
        }

        /**
         * Names the client's connections, as {@code CLIENT LIST} shows them.
         *
         * @param name a name without spaces, or null for none
         * @return this builder
         * @throws IllegalArgumentException if the name holds a space or a line break
         */
        public Builder clientName(String name) {
            if (name != null && (name.isEmpty() || name.chars().anyMatch(c -> c <= ' '))) {
                throw new IllegalArgumentException("a client name must be non-empty, without spaces: \"" + name + "\"");
            }
            this.clientName = name;
            return this;
        }

        /**
         * Sets the scheduler that runs the client's own coroutines; needed when the client is created on a
         * plain thread. By default they run on the scheduler of the coroutine that connects.
         *
         * @param scheduler the scheduler, or null for the connecting coroutine's
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * Sets the longest bulk string the client accepts from the server; a longer one is a protocol error
         * that closes the connection.
         *
         * @param bytes the limit
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxBulkLength(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxBulkLength must not be negative: " + bytes);
            }
            this.maxBulkLength = bytes;
            return this;
        }

        /**
         * Sets the most elements one array, set or map reply may have.
         *
         * @param elements the limit
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxAggregateLength(int elements) {
            if (elements < 0) {
                throw new IllegalArgumentException("maxAggregateLength must not be negative: " + elements);
            }
            this.maxAggregateLength = elements;
            return this;
        }

        /**
         * Sets how deep aggregate replies may nest.
         *
         * @param depth at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxNesting(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxNesting must be at least 1: " + depth);
            }
            this.maxNesting = depth;
            return this;
        }

        /**
         * Sets how many messages a subscription buffers for a slow consumer before its connection stops
         * reading (and the server, past its own output limit, drops the subscriber).
         *
         * @param messages at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder subscriptionCapacity(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("subscriptionCapacity must be at least 1: " + messages);
            }
            this.subscriptionCapacity = messages;
            return this;
        }

        /**
         * Sets where a {@code rediss://} connection's trusted certificates come from, for a server whose
         * certificate is not signed by an authority the JDK trusts (see {@code dev.jcoro.net.TlsContexts}).
         * The server's certificate must name the URI's host either way.
         *
         * @param context the context, or null for the JDK's default
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException if the URI is not a valid Redis URI
         */
        public RedisOptions build() {
            return new RedisOptions(this);
        }

        private static Duration nonNegative(Duration d, String what) {
            if (d.isNegative()) {
                throw new IllegalArgumentException(what + " must not be negative: " + d);
            }
            return d;
        }
    }
}
