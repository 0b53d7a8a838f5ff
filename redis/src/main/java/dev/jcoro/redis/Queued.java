package dev.jcoro.redis;

import dev.jcoro.redis.internal.Command;

/**
 * The result of one command queued in a {@link Transaction}, available once the transaction has run.
 *
 * <pre>{@code
 * Transaction tx = client.multi();
 * Queued<Long> visits = tx.incr("visits");
 * tx.exec();
 * long n = visits.get();
 * }</pre>
 *
 * <p>Any thread may read it once {@code exec()} has returned.
 *
 * @param <T> the command's result type
 */
public final class Queued<T> {
    private final Command<T> command;
    private volatile RespValue reply;

    Queued(Command<T> command) {
        this.command = command;
    }

    Command<T> command() {
        return command;
    }

    void complete(RespValue value) {
        this.reply = value;
    }

    /**
     * Tells whether the transaction ran and this command's result is in.
     *
     * @return true once {@link Transaction#exec()} returned true
     */
    public boolean isDone() {
        return reply != null;
    }

    /**
     * The command's result.
     *
     * @return the converted reply
     * @throws RedisException if the server refused this command when the transaction ran (the others still
     *     ran: Redis has no rollback)
     * @throws IllegalStateException if the transaction has not run, was discarded, or was aborted because a
     *     watched key changed
     */
    public T get() {
        RespValue r = reply;
        if (r == null) {
            throw new IllegalStateException(command.name() + " has no result: its transaction has not run "
                    + "(exec() not called, discarded, or aborted because a watched key changed)");
        }
        return command.decode(r);
    }
}
