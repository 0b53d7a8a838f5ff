package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.util.ArrayDeque;

/**
 * A queue between coroutines: {@link #send} suspends while the buffer is full, {@link #receive()}
 * suspends while it is empty. Capacity 0 makes a rendezvous channel, where each send waits for its
 * receiver. Senders and receivers are served first come, first served.
 *
 * <pre>{@code
 * Channel<String> lines = new Channel<>(16);
 * Coroutines.launch(() -> { for (String l : input) lines.send(l); lines.close(); });
 * for (ChannelIterator<String> it = lines.iterator(); it.hasNext(); ) {
 *     handle(it.next());
 * }
 * }</pre>
 *
 * <p>{@link #close()} ends the stream: values sent before it are still received (including those of
 * senders waiting at that moment), then {@code receive()} throws {@link ChannelClosedException}. Safe
 * across loops and threads; on a plain thread the waiting methods block the thread.
 *
 * @param <T> the type of the values; null is not allowed
 */
public final class Channel<T> {
    private static final Object CLOSED = new Object();
    /** What {@link #receiveOrEnd()} returns once the channel is closed and drained. */
    static final Object END = new Object();

    private final int capacity;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<Pending<T>> senders = new ArrayDeque<>();
    private final ArrayDeque<Waiter> receivers = new ArrayDeque<>();
    private boolean closed;

    /**
     * Creates a channel.
     *
     * @param capacity how many values it holds without a receiver; 0 for a rendezvous channel
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public Channel(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Sends {@code value}: hands it to a waiting receiver, or buffers it, or suspends until one of those is
     * possible.
     *
     * @param value the value
     * @throws NullPointerException if {@code value} is null
     * @throws ChannelClosedException if the channel is closed
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits; the
     *     value is then not sent
     */
    @Suspendable
    public void send(T value) {
        if (value == null) {
            throw new NullPointerException("Channel.send(null): channels do not carry null");
        }
        Waiter w = deliverOrEnqueue(value);
        if (w == null) {
            return;
        }
        Suspension.await(w);
        if (w.isCancelled()) {
            withdrawSender(w);
            throw w.cancellation();
        }
    }

    /**
     * Receives the next value, suspending until one is sent.
     *
     * @return the value
     * @throws ChannelClosedException if the channel is closed and every value sent before has been received
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    @SuppressWarnings("unchecked")
    public T receive() {
        Object v = receiveOrEnd();
        if (v == END) {
            throw new ChannelClosedException("Channel.receive(): the channel is closed and drained");
        }
        return (T) v;
    }

    /**
     * An iterator that receives until the channel is closed and drained. Its {@code hasNext()} suspends;
     * call it directly as below (a for-each loop would call it through {@link java.util.Iterator}, which
     * cannot suspend).
     *
     * <pre>{@code
     * for (ChannelIterator<T> it = channel.iterator(); it.hasNext(); ) { use(it.next()); }
     * }</pre>
     *
     * @return a new iterator over this channel
     */
    public ChannelIterator<T> iterator() {
        return new ChannelIterator<>(this);
    }

    /** The next value, or {@link #END} once closed and drained. */
    @Suspendable
    Object receiveOrEnd() {
        Object r = takeOrEnqueue();
        if (!(r instanceof Pending)) {
            return r;
        }
        Waiter w = ((Pending<?>) r).waiter;
        Suspension.await(w);
        if (w.isCancelled()) {
            withdrawReceiver(w);
            throw w.cancellation();
        }
        Object v = w.item();
        return v == CLOSED ? END : v;
    }

    /**
     * Closes the channel: later sends fail, and receivers get {@link ChannelClosedException} once the
     * values sent before are received. Any thread.
     *
     * @return true if this call closed it; false if it was closed already
     */
    public synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        // Receivers wait only while nothing is buffered and no sender waits, so none of them can miss a value.
        Waiter r;
        while ((r = receivers.poll()) != null) {
            r.wake(CLOSED);
        }
        return true;
    }

    /**
     * Tells whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public synchronized boolean isClosed() {
        return closed;
    }

    private synchronized Waiter deliverOrEnqueue(T value) {
        if (closed) {
            throw new ChannelClosedException("Channel.send(): the channel is closed");
        }
        Waiter r;
        while ((r = receivers.poll()) != null) {
            if (r.wake(value)) {
                return null;
            }
        }
        if (buffer.size() < capacity) {
            buffer.add(value);
            return null;
        }
        Waiter w = Waiter.forCurrent("send", this);
        senders.add(new Pending<>(w, value));
        return w;
    }

    /** A buffered or handed-over value, or a {@link Pending} receiver that must wait, or {@link #END}. */
    private synchronized Object takeOrEnqueue() {
        if (!buffer.isEmpty()) {
            T v = buffer.poll();
            T refill = takeFromSender();
            if (refill != null) {
                buffer.add(refill);
            }
            return v;
        }
        T v = takeFromSender();
        if (v != null) {
            return v;
        }
        if (closed) {
            return END;
        }
        Waiter w = Waiter.forCurrent("receive", this);
        receivers.add(w);
        return new Pending<T>(w, null);
    }

    private T takeFromSender() {
        Pending<T> s;
        while ((s = senders.poll()) != null) {
            if (s.waiter.wake(null)) {
                return s.value;
            }
        }
        return null;
    }

    private synchronized void withdrawSender(Waiter w) {
        senders.removeIf(p -> p.waiter == w);
    }

    private synchronized void withdrawReceiver(Waiter w) {
        receivers.remove(w);
    }

    @Override
    public String toString() {
        return "Channel@" + Integer.toHexString(System.identityHashCode(this)) + "(capacity " + capacity + ")";
    }

    /** A waiting sender with its value, or (value null) a receiver's wait returned by {@link #takeOrEnqueue()}. */
    private static final class Pending<T> {
        final Waiter waiter;
        final T value;

        Pending(Waiter waiter, T value) {
            this.waiter = waiter;
            this.value = value;
        }
    }
}
