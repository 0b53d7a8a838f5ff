package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import java.util.NoSuchElementException;

/**
 * Receives from a {@link Channel} until it is closed and drained. Not a {@link java.util.Iterator}: its
 * {@link #hasNext()} suspends, which an {@code Iterator} called by a for-each loop cannot. Use it from one
 * coroutine.
 *
 * <pre>{@code
 * for (ChannelIterator<String> it = channel.iterator(); it.hasNext(); ) {
 *     System.out.println(it.next());
 * }
 * }</pre>
 *
 * @param <T> the type of the values
 */
public final class ChannelIterator<T> {
    private final Channel<T> channel;
    private Object next;

    ChannelIterator(Channel<T> channel) {
        this.channel = channel;
    }

    /**
     * Suspends until a value arrives or the channel is closed and drained.
     *
     * @return true if {@link #next()} has a value; false once the channel is closed and drained
     * @throws ChannelClosedException once drained, if the channel was closed with a cause (its cause)
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public boolean hasNext() {
        if (next == null) {
            next = channel.receiveOrEnd();
        }
        if (next == Channel.END && channel.closeCause() != null) {
            throw channel.closedForReceive("iterator().hasNext");
        }
        return next != Channel.END;
    }

    /**
     * Returns the value that {@link #hasNext()} received (receiving one first if needed).
     *
     * @return the next value
     * @throws NoSuchElementException if the channel is closed and drained
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the channel is closed and drained");
        }
        T v = (T) next;
        next = null;
        return v;
    }
}
