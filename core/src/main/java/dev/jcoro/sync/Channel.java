package dev.jcoro.sync;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.UndeliveredSink;
import dev.jcoro.internal.sched.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
 * senders waiting at that moment), then {@code receive()} throws {@link ChannelClosedException}.
 * {@link #close(Throwable)} ends it with a failure, which receivers then see as the exception's cause.
 *
 * <p>No value is lost or duplicated by a cancellation or a timeout: a {@code send} that throws did not
 * send its value, a {@code receive} that throws took none, and a value handed to a waiting receiver is
 * that receiver's even if it is cancelled a moment later (it gets the value; its next suspension throws).
 * The one place the runtime cannot deliver a value it took is a receiver that never resumes at all — its
 * loop failed, or it was abandoned when its scheduler closed; such values go to the
 * {@linkplain #Channel(int, Consumer) undelivered-element hook}. Waits inside {@link Select} follow the
 * same rules. Safe across loops and threads; on a plain thread the waiting methods block the thread.
 *
 * @param <T> the type of the values; null is not allowed
 */
public final class Channel<T> {
    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle LOCK;

    static {
        try {
            LOCK = MethodHandles.lookup().findVarHandle(Channel.class, "lock", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Spins before a contended {@link #lock()} starts to yield the processor. */
    private static final int LOCK_SPINS = 64;
    /** The item a waiting receiver is woken with when the channel closes. */
    static final Object CLOSED = new Object();
    /** What {@link #receiveOrEnd()} returns once the channel is closed and drained. */
    static final Object END = new Object();
    /** What {@link #pollLocked()} returns when nothing is there. */
    static final Object NOTHING = new Object();

    /** Orders the locks a {@link Select} takes on several channels, so that two selects never deadlock. */
    final long id = IDS.incrementAndGet();
    private final int capacity;
    private final Consumer<? super T> onUndelivered;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<Entry<T>> senders = new ArrayDeque<>();
    private final ArrayDeque<Entry<T>> receivers = new ArrayDeque<>();
    private boolean closed;
    private volatile Throwable closeCause;
    /**
     * 1 while a thread holds the channel's lock. A spin lock rather than the object's monitor: it is held
     * for a few field updates only, never across a suspension or a wait, and taking and releasing it costs
     * one compare-and-set instead of two, four times per round trip of a rendezvous.
     */
    private volatile int lock;

    /**
     * Creates a channel.
     *
     * @param capacity how many values it holds without a receiver; 0 for a rendezvous channel
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public Channel(int capacity) {
        this(capacity, null);
    }

    /**
     * Creates a channel with an undelivered-element hook (kotlinx's {@code onUndeliveredElement}): it
     * receives each value that was taken from the channel for a receiver that then never resumed (its loop
     * failed, or it was abandoned at scheduler close), so that such a value is released or counted rather
     * than lost silently. Values still in the channel are not passed to it; they remain receivable.
     *
     * @param capacity how many values it holds without a receiver; 0 for a rendezvous channel
     * @param onUndelivered called on the loop that gave up on the receiver; must not block or suspend; null
     *     for none
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public Channel(int capacity, Consumer<? super T> onUndelivered) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.onUndelivered = onUndelivered;
    }

    /**
     * Sends {@code value}: hands it to a waiting receiver, or buffers it, or suspends until one of those is
     * possible.
     *
     * @param value the value
     * @throws NullPointerException if {@code value} is null
     * @throws ChannelClosedException if the channel is closed (its cause is the close's cause, if any)
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits; the
     *     value is then not sent
     */
    @Suspendable
    public void send(T value) {
        checkValue(value, "send");
        Entry<T> e = deliverOrEnqueue(value);
        if (e == null) {
            return;
        }
        Waiter w = e.waiter;
        // Suspends in this frame rather than through Suspension.await: one frame less to save and restore.
        if (w.onPlainThread()) {
            Suspension.await(w);
        } else {
            if (w.park()) {
                Continuation.suspend();
            }
            w.parked();
        }
        e.value = null;
        if (w.isCancelled()) {
            withdraw(w);
            throw w.cancellation();
        }
    }

    /**
     * Sends {@code value} if that is possible without waiting: a receiver waits for it, or the buffer has
     * room. Never suspends; any thread.
     *
     * @param value the value
     * @return true if the value was sent; false if the channel is full (the value was not sent)
     * @throws NullPointerException if {@code value} is null
     * @throws ChannelClosedException if the channel is closed
     */
    public boolean trySend(T value) {
        lock();
        try {
            checkValue(value, "trySend");
            return offerLocked(value);
        } finally {
            unlock();
        }
    }

    /**
     * Receives the next value, suspending until one is sent.
     *
     * @return the value
     * @throws ChannelClosedException if the channel is closed and every value sent before has been received;
     *     its cause is the failure given to {@link #close(Throwable)}, if any
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public T receive() {
        // receiveOrEnd inlined: one frame less to save and restore at each suspension.
        Object r = takeOrEnqueue();
        if (r instanceof Entry) {
            Waiter w = ((Entry<?>) r).waiter;
            if (w.onPlainThread()) {
                Suspension.await(w);
            } else {
                if (w.park()) {
                    Continuation.suspend();
                }
                w.parked();
            }
            return delivered(w);
        }
        return valueOrClosed(r);
    }

    /**
     * What the wait of {@link #receive()} ended with: the value, or the exception to throw. Static, finding the
     * channel through the waiter's entry, so that a suspended {@code receive} keeps its waiter alone.
     */
    @SuppressWarnings("unchecked")
    private static <T> T delivered(Waiter w) {
        Channel<T> channel = ((Entry<T>) w.record).channel;
        return channel.valueOrClosed(channel.received(w));
    }

    /** What {@link #receive()} returns for {@code r}, a value or {@link #END}: the value, or the closed channel's exception. */
    @SuppressWarnings("unchecked")
    private T valueOrClosed(Object r) {
        if (r == END) {
            throw closedForReceive("receive");
        }
        return (T) r;
    }

    /**
     * Receives a value if one is there right now (buffered, or offered by a waiting sender). Never
     * suspends; any thread.
     *
     * @return the value, or null if there is none right now
     * @throws ChannelClosedException if the channel is closed and drained
     */
    @SuppressWarnings("unchecked")
    public T tryReceive() {
        lock();
        try {
            Object v = pollLocked();
            if (v != NOTHING) {
                return (T) v;
            }
            if (closed) {
                throw closedForReceive("tryReceive");
            }
            return null;
        } finally {
            unlock();
        }
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
        if (!(r instanceof Entry)) {
            return r;
        }
        Waiter w = ((Entry<?>) r).waiter;
        Suspension.await(w);
        return received(w);
    }

    /** What a receiver's wait ended with: a value, or {@link #END}; throws if cancellation ended it. */
    private Object received(Waiter w) {
        if (w.isCancelled()) {
            withdraw(w);
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
    public boolean close() {
        return close(null);
    }

    /**
     * Closes the channel because of a failure (a producer that failed): like {@link #close()}, but the
     * {@link ChannelClosedException} that receivers get once the channel is drained, and that senders get,
     * has {@code cause} as its cause, and a {@link ChannelIterator} throws it instead of ending quietly.
     * Any thread.
     *
     * @param cause why the stream ended; null is the same as {@link #close()}
     * @return true if this call closed it; false if it was closed already (the first cause stays)
     */
    public boolean close(Throwable cause) {
        lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            closeCause = cause;
            // Receivers wait only while nothing is buffered and no sender waits, so none of them can miss a value.
            Entry<T> r;
            while ((r = receivers.poll()) != null) {
                r.waiter.wakeFrom(r, CLOSED);
            }
            return true;
        } finally {
            unlock();
        }
    }

    /**
     * Tells whether {@link #close()} has been called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        lock();
        try {
            return closed;
        } finally {
            unlock();
        }
    }

    /**
     * The number of values buffered right now (a snapshot, for diagnostics and accounting).
     *
     * @return how many values wait in the buffer, not counting suspended senders
     */
    public int size() {
        lock();
        try {
            return buffer.size();
        } finally {
            unlock();
        }
    }

    /** The failure given to {@link #close(Throwable)}, or null. */
    Throwable closeCause() {
        return closeCause;
    }

    /** Takes the channel's lock; Select takes several in order of {@link #id}. Never held across a wait. */
    void lock() {
        if (!LOCK.compareAndSet(this, 0, 1)) {
            lockContended();
        }
    }

    void unlock() {
        LOCK.setRelease(this, 0);
    }

    private void lockContended() {
        for (int i = 1; ; i++) {
            if (lock == 0 && LOCK.compareAndSet(this, 0, 1)) {
                return;
            }
            // The holder may be waiting for this very core: after a short spin, let it run.
            if (i < LOCK_SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    ChannelClosedException closedForReceive(String op) {
        return new ChannelClosedException("Channel." + op + "(): the channel is closed and drained", closeCause());
    }

    private ChannelClosedException closedForSend(String op) {
        return new ChannelClosedException("Channel." + op + "(): the channel is closed", closeCause);
    }

    private static void checkValue(Object value, String op) {
        if (value == null) {
            throw new NullPointerException("Channel." + op + "(null): channels do not carry null");
        }
    }

    private Entry<T> deliverOrEnqueue(T value) {
        lock();
        try {
            if (offerLocked(value)) {
                return null;
            }
            Entry<T> e = Entry.plain(this, Waiter.reusableForCurrent("send", this), value);
            senders.add(e);
            return e;
        } finally {
            unlock();
        }
    }

    /** A buffered or handed-over value, or the {@link Entry} of a receiver that must wait, or {@link #END}. */
    private Object takeOrEnqueue() {
        lock();
        try {
            Object v = pollLocked();
            if (v != NOTHING) {
                return v;
            }
            if (closed) {
                return END;
            }
            Entry<T> e = Entry.plain(this, Waiter.reusableForCurrent("receive", this), null);
            receivers.add(e);
            return e;
        } finally {
            unlock();
        }
    }

    /**
     * Hands {@code value} to a waiting receiver or buffers it; false if neither is possible now. The caller
     * holds this channel's lock.
     *
     * @throws ChannelClosedException if the channel is closed
     */
    boolean offerLocked(T value) {
        if (closed) {
            throw closedForSend("send");
        }
        Entry<T> r;
        while ((r = receivers.poll()) != null) {
            // A receiver that was cancelled, timed out or chosen by another select clause refuses it.
            if (r.waiter.wakeFrom(r, value)) {
                return true;
            }
        }
        if (buffer.size() < capacity) {
            buffer.add(value);
            return true;
        }
        return false;
    }

    /** A value available now (buffered, or from a waiting sender), or {@link #NOTHING}. The caller holds the lock. */
    Object pollLocked() {
        if (!buffer.isEmpty()) {
            T v = buffer.poll();
            T refill = takeFromSender();
            if (refill != null) {
                buffer.add(refill);
            }
            return v;
        }
        T v = takeFromSender();
        return v != null ? v : NOTHING;
    }

    /** True once closed with nothing left to receive. The caller holds the lock. */
    boolean drainedLocked() {
        return closed && buffer.isEmpty() && senders.isEmpty();
    }

    /** Enqueues a select's receive clause. The caller holds the lock and has found nothing to take. */
    void enqueueReceiverLocked(Waiter w, Object clause) {
        receivers.add(new Entry<>(this, w, null, clause));
    }

    /** Enqueues a select's send clause. The caller holds the lock and has found no room. */
    void enqueueSenderLocked(Waiter w, T value, Object clause) {
        senders.add(new Entry<>(this, w, value, clause));
    }

    private T takeFromSender() {
        Entry<T> s;
        while ((s = senders.poll()) != null) {
            // Read before the wake: the woken sender may run at once on its loop and reuse its entry.
            T v = s.value;
            if (s.waiter.wakeFrom(s, null)) {
                return v;
            }
        }
        return null;
    }

    /** Removes every queue entry of {@code w}: a wait that ended (cancelled, or won elsewhere in a select). */
    void withdraw(Waiter w) {
        lock();
        try {
            removeEntries(senders, w);
            removeEntries(receivers, w);
        } finally {
            unlock();
        }
    }

    private static <T> void removeEntries(ArrayDeque<Entry<T>> queue, Waiter w) {
        for (Iterator<Entry<T>> it = queue.iterator(); it.hasNext(); ) {
            if (it.next().waiter == w) {
                it.remove();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void undelivered(Object item) {
        if (onUndelivered != null && item != null && item != CLOSED) {
            onUndelivered.accept((T) item);
        }
    }

    @Override
    public String toString() {
        return "Channel@" + Integer.toHexString(System.identityHashCode(this)) + "(capacity " + capacity + ")";
    }

    /**
     * A waiting sender with its value, or a waiting receiver; {@code clause} names the select clause it
     * belongs to (null for a plain send or receive). It is the {@link Waiter#source()} of the wait it ends.
     */
    static final class Entry<T> implements UndeliveredSink {
        Channel<T> channel;
        final Waiter waiter;
        /** A sender's value; cleared by the sender once its wait is over. */
        T value;
        final Object clause;

        Entry(Channel<T> channel, Waiter waiter, T value, Object clause) {
            this.channel = channel;
            this.waiter = waiter;
            this.value = value;
            this.clause = clause;
        }

        /**
         * The entry of a plain send or receive: the one kept with {@code waiter} when the coroutine reuses
         * its waiter (its previous wait is over, so the entry is in no queue), else a new one kept there.
         */
        @SuppressWarnings("unchecked")
        static <T> Entry<T> plain(Channel<T> channel, Waiter waiter, T value) {
            Object kept = waiter.record;
            if (kept instanceof Entry) {
                Entry<T> e = (Entry<T>) kept;
                e.channel = channel;
                e.value = value;
                return e;
            }
            Entry<T> e = new Entry<>(channel, waiter, value, null);
            waiter.record = e;
            return e;
        }

        @Override
        public void undelivered(Object item) {
            channel.undelivered(item);
        }
    }
}
