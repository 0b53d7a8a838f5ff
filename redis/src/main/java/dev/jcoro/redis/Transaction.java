package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.redis.internal.Command;
import dev.jcoro.redis.internal.Connection;
import dev.jcoro.redis.internal.PendingReply;
import dev.jcoro.redis.internal.Replies;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code MULTI}/{@code EXEC} transaction: commands queued here run on the server all together, with no
 * other client's command between them.
 *
 * <pre>{@code
 * Transaction tx = client.multi();
 * tx.decrBy("stock:42", 1);
 * Queued<Long> orders = tx.incr("orders");
 * tx.exec();                       // MULTI, DECRBY, INCR, EXEC in one write
 * System.out.println(orders.get());
 * }</pre>
 *
 * <p>The commands are held here until {@link #exec()}, which sends {@code MULTI}, the commands and
 * {@code EXEC} back to back in one batch: on the client's shared pipelined connection no other coroutine's
 * command can slip in between (the batch enters the writer's queue as one unit), so a transaction needs no
 * connection of its own. To make it conditional on keys not changing ({@code WATCH}), open it from a
 * {@link RedisSession}: {@code session.watch(key)}, read, then {@code session.multi()}; {@code exec()} then
 * returns false if a watched key changed.
 *
 * <p>Used by one coroutine; queueing does not suspend, {@code exec()} does.
 */
public final class Transaction {
    private final Owner owner;
    private final List<Queued<?>> queued = new ArrayList<>();
    private State state = State.OPEN;

    private enum State { OPEN, EXECUTED, ABORTED, DISCARDED }

    /** Where a transaction runs: the client's shared connection, or a session's own. */
    interface Owner {
        @Suspendable
        Connection transactionConnection() throws IOException;

        long timeoutNanos();

        /** EXEC or DISCARD ends a WATCH on the server, whatever the outcome. */
        void transactionEnded();
    }

    Transaction(Owner owner) {
        this.owner = owner;
    }

    /**
     * Queues any command.
     *
     * @param args the command's name and arguments, as UTF-8
     * @return its result once the transaction has run
     * @throws IllegalStateException if the transaction has already run or been discarded
     */
    public Queued<RespValue> queue(String... args) {
        return queue(new Command<>(Replies::raw, (Object[]) args));
    }

    private <T> Queued<T> queue(Command<T> command) {
        if (state != State.OPEN) {
            throw new IllegalStateException("the transaction is " + state.name().toLowerCase()
                    + "; open a new one to queue " + command.name());
        }
        Queued<T> q = new Queued<>(command);
        queued.add(q);
        return q;
    }

    /**
     * Queues {@code GET}.
     *
     * @param key the key
     * @return the value, or null, once the transaction has run
     */
    public Queued<String> get(String key) {
        return queue(new Command<>(Replies::text, "GET", key));
    }

    /**
     * Queues {@code SET}.
     *
     * @param key the key
     * @param value the value, as UTF-8
     * @return null once the transaction has run
     */
    public Queued<Void> set(String key, String value) {
        return queue(new Command<>(Replies::ok, "SET", key, value));
    }

    /**
     * Queues {@code SET} with options.
     *
     * @param key the key
     * @param value the value, as UTF-8
     * @param options expiry and condition
     * @return whether the value was stored, once the transaction has run
     */
    public Queued<Boolean> set(String key, String value, SetOptions options) {
        return queue(RedisCommands.setCommand(key, value, options));
    }

    /**
     * Queues {@code INCR}.
     *
     * @param key the key
     * @return the value afterwards, once the transaction has run
     */
    public Queued<Long> incr(String key) {
        return queue(new Command<>(Replies::integer, "INCR", key));
    }

    /**
     * Queues {@code INCRBY}.
     *
     * @param key the key
     * @param delta the amount
     * @return the value afterwards, once the transaction has run
     */
    public Queued<Long> incrBy(String key, long delta) {
        return queue(new Command<>(Replies::integer, "INCRBY", key, delta));
    }

    /**
     * Queues {@code DECRBY}.
     *
     * @param key the key
     * @param delta the amount
     * @return the value afterwards, once the transaction has run
     */
    public Queued<Long> decrBy(String key, long delta) {
        return queue(new Command<>(Replies::integer, "DECRBY", key, delta));
    }

    /**
     * Queues {@code DEL}.
     *
     * @param keys the keys
     * @return how many existed, once the transaction has run
     */
    public Queued<Long> del(String... keys) {
        return queue(new Command<>(Replies::integer, RedisCommands.prepend("DEL", keys)));
    }

    /**
     * Queues {@code EXPIRE}.
     *
     * @param key the key
     * @param seconds the time to live
     * @return whether the key exists and now expires, once the transaction has run
     */
    public Queued<Boolean> expire(String key, long seconds) {
        return queue(new Command<>(Replies::bool, "EXPIRE", key, seconds));
    }

    /**
     * Queues {@code HSET} of one field.
     *
     * @param key the key
     * @param field the field
     * @param value the value, as UTF-8
     * @return 1 if the field is new, once the transaction has run
     */
    public Queued<Long> hset(String key, String field, String value) {
        return queue(new Command<>(Replies::integer, "HSET", key, field, value));
    }

    /**
     * Queues {@code HINCRBY}.
     *
     * @param key the key
     * @param field the field
     * @param delta the amount
     * @return the field's value afterwards, once the transaction has run
     */
    public Queued<Long> hincrBy(String key, String field, long delta) {
        return queue(new Command<>(Replies::integer, "HINCRBY", key, field, delta));
    }

    /**
     * Queues {@code RPUSH}.
     *
     * @param key the key
     * @param values the values, as UTF-8
     * @return the list's length afterwards, once the transaction has run
     */
    public Queued<Long> rpush(String key, String... values) {
        return queue(new Command<>(Replies::integer, RedisCommands.prepend("RPUSH", key, values)));
    }

    /**
     * Queues {@code SADD}.
     *
     * @param key the key
     * @param members the members, as UTF-8
     * @return how many were new, once the transaction has run
     */
    public Queued<Long> sadd(String key, String... members) {
        return queue(new Command<>(Replies::integer, RedisCommands.prepend("SADD", key, members)));
    }

    /**
     * Runs the transaction: sends {@code MULTI}, the queued commands and {@code EXEC} in one batch and
     * waits for the outcome. Each {@link Queued} then holds its command's result; a command the server
     * refused at run time (say {@code INCR} on a text) throws from its own {@code get()}, while the others
     * took effect, since Redis does not roll back.
     *
     * @return true if the transaction ran; false if it was aborted because a key watched by the session
     *     changed (nothing ran)
     * @throws RedisExecAbortException if the server refused a command while queueing it (a syntax error),
     *     so nothing ran; the message names the first refusal
     * @throws IllegalStateException if the transaction has already run or been discarded
     * @throws IOException if the connection fails or the replies do not come in time (whether the
     *     transaction ran is then unknown)
     */
    @Suspendable
    public boolean exec() throws IOException {
        if (state != State.OPEN) {
            throw new IllegalStateException("the transaction is " + state.name().toLowerCase() + " already");
        }
        state = State.EXECUTED;
        Connection connection = owner.transactionConnection();
        long timeout = owner.timeoutNanos();
        PendingReply[] batch = new PendingReply[queued.size() + 2];
        batch[0] = new PendingReply(Command.encode("MULTI"), timeout);
        for (int i = 0; i < queued.size(); i++) {
            batch[i + 1] = new PendingReply(queued.get(i).command().args(), timeout);
        }
        batch[batch.length - 1] = new PendingReply(Command.encode("EXEC"), timeout);
        connection.submitBatch(batch);
        try {
            RespValue multi = Connection.await(batch[0]);
            RespValue.ErrorReply firstRefusal = multi instanceof RespValue.ErrorReply e ? e : null;
            for (int i = 1; i < batch.length - 1; i++) {
                RespValue r = Connection.await(batch[i]);
                if (firstRefusal == null && r instanceof RespValue.ErrorReply e) {
                    firstRefusal = e;
                }
            }
            RespValue exec = Connection.await(batch[batch.length - 1]);
            if (exec instanceof RespValue.ErrorReply e) {
                if ("EXECABORT".equals(e.prefix()) && firstRefusal != null) {
                    throw new RedisExecAbortException(e.message() + " First refusal: " + firstRefusal.message());
                }
                throw e.toException();
            }
            if (exec.isNull()) {
                state = State.ABORTED;
                return false;
            }
            List<RespValue> results = exec.asList();
            for (int i = 0; i < queued.size(); i++) {
                queued.get(i).complete(results.get(i));
            }
            return true;
        } finally {
            owner.transactionEnded();
        }
    }

    /**
     * Drops the queued commands without sending them. Nothing was sent, so nothing needs undoing; a WATCH
     * of the session stays in force until the session's {@code unwatch()} or close.
     *
     * @throws IllegalStateException if the transaction has already run
     */
    public void discard() {
        if (state == State.EXECUTED || state == State.ABORTED) {
            throw new IllegalStateException("the transaction has already run");
        }
        state = State.DISCARDED;
    }

    /**
     * How many commands are queued.
     *
     * @return the count
     */
    public int size() {
        return queued.size();
    }
}
