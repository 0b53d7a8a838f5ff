package dev.jcoro.redis.internal;

import dev.jcoro.redis.RespValue;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One command on its way through a {@link Connection}: its arguments, its deadline, and the future its
 * reply completes. The connection's reader completes it; the caller waits on it.
 */
public final class PendingReply extends CompletableFuture<RespValue> {
    /** The deadline of a command that may wait for ever. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    final byte[][] args;
    final long timeoutNanos;
    final long deadline;
    /** The next command of an atomic batch (MULTI ... EXEC), written right after this one. */
    PendingReply nextInBatch;

    /**
     * Creates the entry, starting its clock.
     *
     * @param args the command name and arguments
     * @param timeoutNanos how long it may wait for its reply; 0 for ever
     */
    public PendingReply(byte[][] args, long timeoutNanos) {
        this.args = args;
        this.timeoutNanos = timeoutNanos;
        this.deadline = timeoutNanos == 0 ? NO_DEADLINE : System.nanoTime() + timeoutNanos;
    }

    /**
     * The command's name, for messages; never its arguments, which may hold secrets or large values.
     *
     * @return the name, such as {@code GET}
     */
    public String name() {
        return new String(args[0], StandardCharsets.UTF_8);
    }

    boolean overdue(long now) {
        return deadline != NO_DEADLINE && now - deadline >= 0;
    }
}
