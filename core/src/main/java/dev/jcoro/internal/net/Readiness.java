package dev.jcoro.internal.net;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.EventLoop;
import dev.jcoro.internal.sched.IoHandler;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Timer;
import dev.jcoro.internal.sched.Waiter;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a non-blocking channel to become readable, writable, acceptable or connected. A coroutine
 * registers the channel with its own loop's selector and suspends until the loop sees it ready; a plain
 * thread blocks on a temporary selector.
 *
 * <p>The channel may be used from coroutines on different loops (a socket accepted on one loop and served
 * on another): it gets one key per loop, each touched only by that loop's thread. At most one coroutine
 * reads (or accepts) and one writes (or connects) at a time.
 */
public final class Readiness implements IoHandler {
    private static final Object CLOSED = new Object();
    private static final Object TIMED_OUT = new Object();
    private static final Object[] NONE = new Object[0];

    private final SelectableChannel channel;
    private volatile Waiter reader;
    private volatile Waiter writer;
    private volatile boolean closed;
    /** Pairs of (loop, key), appended under this object's monitor and read without it. */
    private volatile Object[] keys = NONE;
    /** The temporary selector of a plain thread waiting right now, so that close can wake it. */
    private volatile Selector blockingSelector;

    /**
     * Creates the readiness of {@code channel}, which must be in non-blocking mode.
     *
     * @param channel the channel to wait on
     */
    public Readiness(SelectableChannel channel) {
        this.channel = channel;
    }

    /**
     * Waits until the channel is ready for {@code op}.
     *
     * @param op one {@link SelectionKey} operation
     * @param timeoutNanos the longest wait; 0 or less waits without limit
     * @throws SocketTimeoutException if the time ran out
     * @throws AsynchronousCloseException if the channel was closed while waiting
     * @throws ClosedChannelException if the channel was closed before
     * @throws CancellationException if the coroutine was cancelled
     * @throws IllegalStateException if another coroutine already waits for the same direction
     */
    @Suspendable
    public void await(int op, long timeoutNanos) throws IOException {
        boolean input = (op & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0;
        Waiter w = Waiter.forCurrent(describe(op), channel);
        if (w.onPlainThread()) {
            blockingAwait(op, timeoutNanos);
            return;
        }
        EventLoop loop = w.loop();
        SelectionKey key = keyFor(loop);
        publish(input, w);
        if (closed) {
            w.wake(CLOSED);
        } else {
            try {
                key.interestOps(key.interestOps() | op);
            } catch (CancelledKeyException e) {
                w.wake(CLOSED);
            }
        }
        Timer timer = timeoutNanos > 0 ? loop.scheduleAfter(timeoutNanos, () -> w.wake(TIMED_OUT)) : null;
        Suspension.await(w);
        retract(input, w);
        if (timer != null) {
            loop.cancel(timer);
        }
        Object why = w.item();
        if (w.isCancelled() || why == TIMED_OUT) {
            dropInterest(key, op);
        }
        if (w.isCancelled()) {
            throw w.cancellation();
        }
        if (why == TIMED_OUT) {
            throw new SocketTimeoutException(describe(op) + " timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        }
        if (why == CLOSED) {
            throw new AsynchronousCloseException();
        }
    }

    private void publish(boolean input, Waiter w) {
        Waiter previous = input ? reader : writer;
        if (previous != null && previous.isWaiting()) {
            throw new IllegalStateException("another coroutine is already waiting to "
                    + (input ? "read from (or accept on)" : "write to (or connect)") + " this socket");
        }
        if (input) {
            reader = w;
        } else {
            writer = w;
        }
    }

    private void retract(boolean input, Waiter w) {
        if (input) {
            if (reader == w) {
                reader = null;
            }
        } else if (writer == w) {
            writer = null;
        }
    }

    private static void dropInterest(SelectionKey key, int op) {
        try {
            key.interestOps(key.interestOps() & ~op);
        } catch (CancelledKeyException e) {
            // Closed meanwhile: no interest left to drop.
        }
    }

    private SelectionKey keyFor(EventLoop loop) throws ClosedChannelException {
        Object[] k = keys;
        for (int i = 0; i < k.length; i += 2) {
            if (k[i] == loop) {
                return (SelectionKey) k[i + 1];
            }
        }
        return register(loop);
    }

    private synchronized SelectionKey register(EventLoop loop) throws ClosedChannelException {
        SelectionKey key = channel.register(loop.selector(), 0, this);
        Object[] k = Arrays.copyOf(keys, keys.length + 2);
        k[k.length - 2] = loop;
        k[k.length - 1] = key;
        keys = k;
        return key;
    }

    @Override
    public void onReady(SelectionKey key) {
        int ready;
        try {
            ready = key.readyOps();
            key.interestOps(key.interestOps() & ~ready);
        } catch (CancelledKeyException e) {
            ready = SelectionKey.OP_READ | SelectionKey.OP_WRITE;
        }
        if ((ready & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            Waiter w = reader;
            if (w != null) {
                w.wake(null);
            }
        }
        if ((ready & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            Waiter w = writer;
            if (w != null) {
                w.wake(null);
            }
        }
    }

    /**
     * Closes the channel and wakes whoever waits on it with {@link AsynchronousCloseException}. Any thread;
     * calling it again does nothing.
     *
     * @throws IOException if closing the channel fails
     */
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        Waiter r = reader;
        if (r != null) {
            r.wake(CLOSED);
        }
        Waiter w = writer;
        if (w != null) {
            w.wake(CLOSED);
        }
        Selector b = blockingSelector;
        if (b != null) {
            b.wakeup();
        }
        // A closed channel's file descriptor is released when each selector drops its key: wake them now.
        Object[] k = keys;
        for (int i = 0; i < k.length; i += 2) {
            EventLoop loop = (EventLoop) k[i];
            if (!loop.inLoop()) {
                loop.wakeSelector();
            }
        }
    }

    /** True once {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    private void blockingAwait(int op, long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        try (Selector s = Selector.open()) {
            blockingSelector = s;
            channel.register(s, op);
            while (true) {
                if (closed) {
                    throw new AsynchronousCloseException();
                }
                long millis = 0;
                if (timeoutNanos > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException(describe(op) + " timed out after "
                                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                    }
                    millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999));
                }
                if (s.select(millis) > 0) {
                    return;
                }
            }
        } finally {
            blockingSelector = null;
        }
    }

    private static String describe(int op) {
        switch (op) {
            case SelectionKey.OP_READ:
                return "read";
            case SelectionKey.OP_WRITE:
                return "write";
            case SelectionKey.OP_ACCEPT:
                return "accept";
            case SelectionKey.OP_CONNECT:
                return "connect";
            default:
                return "io";
        }
    }
}
