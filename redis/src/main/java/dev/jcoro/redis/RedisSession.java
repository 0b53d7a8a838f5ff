package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.internal.Command;
import dev.jcoro.redis.internal.CommandRouting;
import dev.jcoro.redis.internal.Connection;
import dev.jcoro.redis.internal.DedicatedPool;
import dev.jcoro.redis.internal.Replies;
import java.io.IOException;
import java.time.Duration;

/**
 * A connection of the caller's own, taken from the client's small pool of dedicated connections: for what
 * depends on the state of one connection, above all {@code WATCH} (optimistic locking). It offers every
 * typed command of {@link RedisCommands}, run on that connection.
 *
 * <pre>{@code
 * try (RedisSession s = client.session()) {
 *     s.watch("balance");
 *     long balance = Long.parseLong(s.get("balance"));
 *     Transaction tx = s.multi();
 *     tx.set("balance", Long.toString(balance - 10));
 *     if (!tx.exec()) { ... someone changed balance meanwhile: retry ... }
 * }
 * }</pre>
 *
 * <p>Meant for one coroutine at a time. {@link #close()} gives the connection back to the pool (or closes
 * it, if a WATCH is still in force or a command did not finish).
 */
public final class RedisSession extends RedisCommands implements AutoCloseable {
    private final DedicatedPool pool;
    private final Connection connection;
    private final long timeoutNanos;
    private boolean watching;
    /** Set when the connection's state is unknown (a command was interrupted); it is then not reused. */
    private boolean dirty;
    private boolean closed;

    RedisSession(DedicatedPool pool, Connection connection, long timeoutNanos) {
        this.pool = pool;
        this.connection = connection;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    @Suspendable
    <T> T execute(Command<T> command) throws IOException {
        return command.decode(send(command.args(), timeoutNanos));
    }

    @Override
    @Suspendable
    <T> T executeBlocking(Command<T> command, Duration blockFor) throws IOException {
        long timeout = timeoutNanos == 0 || blockFor.isZero() ? 0 : timeoutNanos + blockFor.toNanos();
        return command.decode(send(command.args(), timeout));
    }

    @Suspendable
    private RespValue send(byte[][] args, long timeout) throws IOException {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        boolean finished = false;
        try {
            RespValue reply = connection.execute(args, timeout);
            finished = true;
            return reply;
        } finally {
            if (!finished) {
                dirty = true;
            }
        }
    }

    /**
     * Sends any command on the session's connection, blocking ones included.
     *
     * @param args the command's name and arguments
     * @return the reply
     * @throws RedisException if the server refuses the command
     * @throws IllegalArgumentException for commands that change how the connection replies
     *     ({@code SUBSCRIBE}, {@code MONITOR}, {@code HELLO}...)
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Override
    @Suspendable
    public RespValue command(byte[]... args) throws IOException {
        String refusal = CommandRouting.refusalOnSession(args);
        if (refusal != null) {
            throw new IllegalArgumentException(refusal);
        }
        if (CommandRouting.refusalOnShared(args) != null) {
            // It changes the connection's state (MULTI, SELECT...): the next borrower must not inherit that.
            dirty = true;
        }
        return new Command<>(Replies::raw, args).decode(send(args, CommandRouting.isBlocking(args) ? 0 : timeoutNanos));
    }

    /**
     * {@code WATCH}: a transaction opened afterwards with {@link #multi()} runs only if none of these keys
     * changes before its {@code exec()}.
     *
     * @param keys the keys
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public void watch(String... keys) throws IOException {
        execute(new Command<>(Replies::ok, prepend("WATCH", keys)));
        watching = true;
    }

    /**
     * {@code UNWATCH}: forgets the watched keys.
     *
     * @throws IOException if the connection fails or the reply does not come in time
     */
    @Suspendable
    public void unwatch() throws IOException {
        execute(new Command<>(Replies::ok, "UNWATCH"));
        watching = false;
    }

    /**
     * Opens a transaction on this session's connection, conditional on the keys watched so far.
     *
     * @return the transaction
     */
    public Transaction multi() {
        return new Transaction(new Transaction.Owner() {
            @Override
            public Connection transactionConnection() {
                return connection;
            }

            @Override
            public long timeoutNanos() {
                return timeoutNanos;
            }

            @Override
            public void transactionEnded() {
                watching = false;
            }
        });
    }

    /**
     * Gives the connection back to the client's pool; if keys are still watched or a command did not
     * finish, closes it instead, so that the next borrower starts clean. Any thread; calling it again does
     * nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.giveBack(connection, !watching && !dirty);
    }
}
