package dev.jcoro.redis.internal;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.net.StreamSocket;
import dev.jcoro.redis.RedisConnectionException;
import dev.jcoro.redis.RedisTimeoutException;
import dev.jcoro.redis.RespProtocolException;
import dev.jcoro.redis.RespValue;
import dev.jcoro.redis.internal.resp.RespEncoder;
import dev.jcoro.redis.internal.resp.WriteBuffer;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One pipelined connection: any number of coroutines, on any loops, send commands through it at once, and
 * each gets its own reply.
 *
 * <p>Three coroutines of its own do the work. The <b>writer</b> takes every command queued since its last
 * write, encodes them into one buffer and writes them with one socket write, so a thousand callers cost a
 * handful of system calls, not a thousand. Before a command's bytes go out it joins the <b>in-flight</b>
 * queue. The <b>reader</b> decodes replies as they arrive and completes the in-flight commands in order:
 * Redis answers the commands of one connection in the order it received them, so the first reply belongs
 * to the oldest command in flight. That FIFO match is what makes it safe to pipeline commands of unrelated
 * callers (Lettuce's command queue works the same way). The <b>sweeper</b> enforces the command timeout;
 * it only ever looks at the oldest command, since with one timeout for all, the oldest is the first due.
 *
 * <p>Any failure — the server closing, a read or write error, a malformed reply, a timeout, {@link #close}
 * — ends the connection: the socket is closed and every queued or in-flight command fails with a
 * {@link RedisConnectionException} (or {@link RedisTimeoutException}) naming the server. A connection is
 * never reused after that; the client opens a new one for the next command.
 *
 * <p>A caller that is cancelled while it waits leaves its command in the queue: its reply still arrives in
 * turn and is dropped, so the replies of the others stay matched.
 */
public final class Connection {
    private static final int FLUSH_AT = 64 * 1024;
    /** Arguments this large are written from the caller's array, not copied into the write buffer. */
    private static final int WRITE_DIRECT = 32 * 1024;

    private final StreamSocket socket;
    private final ReplyReader replies;
    private final String server;
    private final int protocol;
    private final long timeoutNanos;

    /** Commands waiting for the writer. */
    private final ConcurrentLinkedQueue<PendingReply> outbox = new ConcurrentLinkedQueue<>();
    /** Commands written (or being written), oldest first, waiting for their replies. */
    private final ConcurrentLinkedQueue<PendingReply> inflight = new ConcurrentLinkedQueue<>();
    /**
     * True while the writer sleeps on the doorbell. A submitter that flips it to false rings the doorbell;
     * the flip succeeds for one party only, so the doorbell holds at most one token and never blocks.
     */
    private final AtomicBoolean writerIdle = new AtomicBoolean(false);
    private final Channel<Boolean> doorbell = new Channel<>(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Task<Void> reader;
    private volatile Task<Void> writer;
    private volatile Task<Void> sweeper;

    private Connection(StreamSocket socket, ReplyReader replies, String server, int protocol, long timeoutNanos) {
        this.socket = socket;
        this.replies = replies;
        this.server = server;
        this.protocol = protocol;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Starts the connection's coroutines on a socket whose handshake is done.
     *
     * @param session the socket, its reader and the protocol agreed in the handshake
     * @param timeoutNanos the default command timeout; 0 for none
     * @param launcher where the connection's coroutines run
     * @return the running connection
     */
    static Connection start(Handshake.Session session, long timeoutNanos, Launcher launcher) {
        Connection c = new Connection(session.socket(), session.replies(), session.server(), session.protocol(),
                timeoutNanos);
        c.reader = launcher.launch(c::readLoop);
        c.writer = launcher.launch(c::writeLoop);
        if (timeoutNanos > 0) {
            c.sweeper = launcher.launch(c::sweepLoop);
        }
        if (c.failure.get() != null) {
            c.cancelTasks();
        }
        return c;
    }

    /**
     * Sends a command and suspends until its reply arrives.
     *
     * @param args the command name and arguments
     * @param timeoutNanos how long to wait for the reply; 0 for ever
     * @return the reply, error replies included (as {@link RespValue.ErrorReply})
     * @throws RedisTimeoutException if the reply did not come in time (the connection is then closed)
     * @throws RedisConnectionException if the connection failed or was closed
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     */
    @Suspendable
    public RespValue execute(byte[][] args, long timeoutNanos) throws IOException {
        PendingReply p = new PendingReply(args, timeoutNanos);
        submit(p);
        return await(p);
    }

    /**
     * Sends commands back to back, with no other caller's command between them (for MULTI ... EXEC), and
     * returns at once; wait for each with {@link #await}.
     *
     * @param batch the commands, in order
     */
    @Suspendable
    public void submitBatch(PendingReply... batch) {
        for (int i = 0; i + 1 < batch.length; i++) {
            batch[i].nextInBatch = batch[i + 1];
        }
        submit(batch[0]);
    }

    /**
     * Queues a command for the writer and returns; the reply completes {@code p}.
     *
     * @param p the command
     */
    @Suspendable
    public void submit(PendingReply p) {
        if (failure.get() != null) {
            failChain(p);
            return;
        }
        outbox.add(p);
        if (failure.get() != null) {
            // The connection failed while we queued: its drain may have run before our add.
            drain();
            return;
        }
        if (writerIdle.compareAndSet(true, false)) {
            try {
                doorbell.send(Boolean.TRUE);
            } catch (ChannelClosedException e) {
                drain();
            }
        }
    }

    /**
     * Waits for a submitted command's reply. The exception thrown is a new one carrying the caller's stack,
     * with the connection's as its cause.
     *
     * @param p the command
     * @return its reply
     * @throws RedisTimeoutException if the reply did not come in time
     * @throws RedisConnectionException if the connection failed
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     */
    @Suspendable
    public static RespValue await(PendingReply p) throws IOException {
        if (p.isDone() && !p.isCompletedExceptionally()) {
            return p.join();
        }
        try {
            return Coroutines.await(p);
        } catch (RedisTimeoutException e) {
            throw new RedisTimeoutException(e.getMessage(), e);
        } catch (RedisConnectionException e) {
            throw new RedisConnectionException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException ie = new InterruptedIOException("interrupted while waiting for the reply to "
                    + p.name());
            ie.initCause(e);
            throw ie;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure of " + p.name(), e);
        }
    }

    /**
     * Tells whether the connection still works.
     *
     * @return false once it failed or was closed
     */
    public boolean isOpen() {
        return failure.get() == null;
    }

    /**
     * The protocol agreed in the handshake.
     *
     * @return 2 or 3
     */
    public int protocol() {
        return protocol;
    }

    /**
     * How messages name the server.
     *
     * @return for example {@code redis 127.0.0.1:6379}
     */
    public String server() {
        return server;
    }

    /**
     * Closes the connection and fails every command queued or in flight with {@code cause} (or, if it is
     * not a {@link RedisConnectionException}, one that wraps it). Any thread; only the first call counts.
     *
     * @param cause why the connection ends
     */
    public void close(Throwable cause) {
        if (!failure.compareAndSet(null, cause)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // The connection is being abandoned; a failure to close it changes nothing for the callers.
        }
        doorbell.close();
        cancelTasks();
        drain();
    }

    private void cancelTasks() {
        cancel(reader);
        cancel(writer);
        cancel(sweeper);
    }

    private static void cancel(Task<Void> task) {
        if (task != null) {
            task.cancel();
        }
    }

    /** Fails every command still queued or in flight with the connection's failure. */
    private void drain() {
        PendingReply p;
        while ((p = inflight.poll()) != null) {
            fail(p);
        }
        while ((p = outbox.poll()) != null) {
            failChain(p);
        }
    }

    private void failChain(PendingReply first) {
        for (PendingReply p = first; p != null; p = p.nextInBatch) {
            fail(p);
        }
    }

    private void fail(PendingReply p) {
        if (!p.isDone()) {
            p.completeExceptionally(failureFor(p, failure.get()));
        }
    }

    /** What a command fails with when the connection ends with {@code cause}. */
    private Throwable failureFor(PendingReply p, Throwable cause) {
        if (cause instanceof RedisTimeoutException) {
            if (p.overdue(System.nanoTime())) {
                return timeoutOf(p);
            }
            return new RedisConnectionException("connection to " + server + " closed because a command sent before "
                    + p.name() + " timed out", cause);
        }
        if (cause instanceof RedisConnectionException) {
            return cause;
        }
        if (cause instanceof EOFException) {
            return new RedisConnectionException("connection to " + server + " lost: the server closed it", cause);
        }
        if (cause instanceof RespProtocolException) {
            return new RedisConnectionException("connection to " + server + " closed: " + cause.getMessage(), cause);
        }
        return new RedisConnectionException("connection to " + server + " lost: " + cause, cause);
    }

    private RedisTimeoutException timeoutOf(PendingReply p) {
        return new RedisTimeoutException("no reply to " + p.name() + " from " + server + " within "
                + TimeUnit.NANOSECONDS.toMillis(p.timeoutNanos) + " ms; the connection is closed, the next command"
                + " reconnects");
    }

    @Suspendable
    private void readLoop() {
        try {
            while (failure.get() == null) {
                RespValue v = replies.read();
                if (v instanceof RespValue.PushReply) {
                    // Not a reply, so it must not be matched to a command. Pub/sub has connections of its own;
                    // on this one pushes come only from CLIENT TRACKING, which this client does not offer.
                    continue;
                }
                PendingReply p = inflight.poll();
                if (p == null) {
                    throw new RespProtocolException(replies.offset(), "a " + v.kind()
                            + " reply arrived while no command was waiting for one");
                }
                p.complete(v);
            }
        } catch (CancellationException e) {
            close(new RedisConnectionException("connection to " + server + " closed: its reader was cancelled", e));
        } catch (Throwable t) {
            close(t);
        } finally {
            drain();
        }
    }

    @Suspendable
    private void writeLoop() {
        WriteBuffer buf = new WriteBuffer(16 * 1024);
        try {
            while (failure.get() == null) {
                PendingReply p = outbox.poll();
                if (p == null) {
                    if (buf.size() > 0) {
                        flush(buf);
                        continue;
                    }
                    writerIdle.set(true);
                    if (!outbox.isEmpty() && writerIdle.compareAndSet(true, false)) {
                        continue;
                    }
                    doorbell.receive();
                    continue;
                }
                for (PendingReply q = p; q != null; q = q.nextInBatch) {
                    // In flight before its bytes leave, so that its reply always finds it.
                    inflight.add(q);
                    encode(q.args, buf);
                }
                if (buf.size() >= FLUSH_AT) {
                    flush(buf);
                }
            }
        } catch (ChannelClosedException | CancellationException e) {
            // Closed while idle or writing: close() has recorded why.
        } catch (Throwable t) {
            close(t);
        } finally {
            drain();
        }
    }

    @Suspendable
    private void encode(byte[][] args, WriteBuffer buf) throws IOException {
        RespEncoder.header(buf, '*', args.length);
        for (byte[] arg : args) {
            if (arg.length < WRITE_DIRECT) {
                RespEncoder.bulk(buf, arg);
            } else {
                RespEncoder.header(buf, '$', arg.length);
                flush(buf);
                socket.write(ByteBuffer.wrap(arg));
                buf.putCrlf();
            }
        }
    }

    @Suspendable
    private void flush(WriteBuffer buf) throws IOException {
        socket.write(buf.content());
        buf.clear();
    }

    @Suspendable
    private void sweepLoop() {
        try {
            sweep();
        } catch (CancellationException e) {
            // close() stops the sweeper; nothing is left to time out.
        }
    }

    @Suspendable
    private void sweep() {
        while (failure.get() == null) {
            PendingReply oldest = inflight.peek();
            if (oldest == null) {
                oldest = outbox.peek();
            }
            long now = System.nanoTime();
            long wait = timeoutNanos;
            if (oldest != null && oldest.deadline != PendingReply.NO_DEADLINE) {
                if (oldest.overdue(now)) {
                    close(timeoutOf(oldest));
                    return;
                }
                wait = Math.min(wait, oldest.deadline - now);
            }
            // Never longer than one timeout: a command sent meanwhile is due no sooner than that.
            Coroutines.sleep(Duration.ofNanos(wait));
        }
    }

    @Override
    public String toString() {
        return "Connection[" + server + ", RESP" + protocol + (isOpen() ? "" : ", closed") + "]";
    }
}
