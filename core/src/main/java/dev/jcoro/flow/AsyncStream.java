package dev.jcoro.flow;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import dev.jcoro.sync.ChannelIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A cold asynchronous stream: a producer whose body may suspend (on a socket, a timer, a channel), run
 * anew for each collection, in the collecting coroutine — Kotlin's {@code Flow}, Python's async generator
 * with {@code async for}. {@code emit} hands each value straight to the collector and returns when the
 * collector has taken it, so a slow collector holds the producer back (back-pressure) and no value is
 * buffered unless {@link #buffer(int)} says so.
 *
 * <pre>{@code
 * AsyncStream<String> lines = AsyncStream.generate(out -> {
 *     try (TcpSocket s = TcpSocket.connect(address)) {
 *         String line;
 *         while ((line = readLine(s)) != null) {
 *             out.emit(line);                   // waits until the collector has taken it
 *         }
 *     }
 * });
 * List<Integer> lengths = lines.filter(l -> !l.isBlank()).map(String::length).take(10).toList();
 * }</pre>
 *
 * <p>Operators build new streams and run nothing; the terminal operations ({@link #collect},
 * {@link #toList()}) run the whole chain. A failure anywhere ends the collection with that exception,
 * unchanged, after the producer's {@code finally} blocks have run; so does a cancellation of the
 * collecting coroutine. {@link #fromPublisher} and {@link #toPublisher} connect to
 * {@link java.util.concurrent.Flow} (Reactive Streams) libraries.
 *
 * <p>A stream object is immutable and may be collected any number of times, by any coroutine (or, by
 * blocking, a plain thread).
 *
 * @param <T> the type of the values
 */
public final class AsyncStream<T> {
    private final StreamBody<T> body;

    private AsyncStream(StreamBody<T> body) {
        this.body = body;
    }

    /**
     * A stream produced by {@code body}, which runs once per collection.
     *
     * @param body the producer
     * @param <T> the type of the values
     * @return the stream
     */
    public static <T> AsyncStream<T> generate(StreamBody<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return new AsyncStream<>(body);
    }

    /**
     * A stream of the given values.
     *
     * @param values the values, in order
     * @param <T> the type of the values
     * @return the stream
     */
    @SafeVarargs
    public static <T> AsyncStream<T> of(T... values) {
        List<T> list = Arrays.asList(values.clone());
        return fromIterable(list);
    }

    /**
     * A stream of the values of {@code source}, iterated anew for each collection.
     *
     * @param source the values
     * @param <T> the type of the values
     * @return the stream
     */
    public static <T> AsyncStream<T> fromIterable(Iterable<? extends T> source) {
        return generate(out -> {
            for (T v : source) {
                out.emit(v);
            }
        });
    }

    /**
     * A stream of what {@code publisher} publishes: each collection subscribes once, requests
     * {@code prefetch} values at first and one more for each value the collector has taken, and cancels
     * the subscription if the collection stops early. The publisher's error ends the collection with that
     * error, unchanged.
     *
     * @param publisher a Reactive Streams publisher (RxJava, Reactor, {@code SubmissionPublisher}...)
     * @param prefetch how many values may wait between the publisher and the collector, at least 1
     * @param <T> the type of the values
     * @return the stream
     * @throws IllegalArgumentException if {@code prefetch} is less than 1
     */
    public static <T> AsyncStream<T> fromPublisher(Flow.Publisher<? extends T> publisher, int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1: " + prefetch);
        }
        if (publisher == null) {
            throw new NullPointerException("publisher");
        }
        return generate(out -> PublisherSubscriber.drain(publisher, prefetch, out));
    }

    /**
     * The values mapped by {@code f}.
     *
     * @param f the mapping; may suspend
     * @param <R> the type of the mapped values
     * @return the mapped stream
     */
    public <R> AsyncStream<R> map(StreamFunction<? super T, ? extends R> f) {
        return new AsyncStream<>(out -> body.produce(v -> out.emit(f.apply(v))));
    }

    /**
     * The values that {@code p} keeps.
     *
     * @param p the test; may suspend
     * @return the filtered stream
     */
    public AsyncStream<T> filter(StreamPredicate<? super T> p) {
        return new AsyncStream<>(out -> body.produce(v -> {
            if (p.test(v)) {
                out.emit(v);
            }
        }));
    }

    /**
     * The first {@code n} values; after the n-th the producer is stopped (its {@code emit} throws, so its
     * {@code finally} blocks run) and the collection ends normally.
     *
     * @param n how many values to take; 0 or less takes none and does not run the producer
     * @return the shortened stream
     */
    public AsyncStream<T> take(long n) {
        if (n <= 0) {
            return new AsyncStream<>(out -> { });
        }
        return new AsyncStream<>(out -> {
            Enough enough = new Enough();
            long[] left = {n};
            try {
                body.produce(v -> {
                    out.emit(v);
                    if (--left[0] == 0) {
                        throw enough;
                    }
                });
            } catch (Enough e) {
                if (e != enough) {
                    throw e;
                }
            }
        });
    }

    /**
     * Runs the producer in a coroutine of its own that may run ahead of the collector by up to
     * {@code capacity} values — for a producer and a collector that both wait (on different sockets, say)
     * and should overlap. The producer is cancelled when the collection ends early.
     *
     * @param capacity how many values may wait between them; 0 hands each value over directly
     * @return the buffered stream
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public AsyncStream<T> buffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        return new AsyncStream<>(out -> Coroutines.scope(scope -> {
            Channel<T> ch = new Channel<>(capacity);
            Task<Object> producer = scope.launch(() -> {
                try {
                    body.produce(ch::send);
                } catch (Exception | Error e) {
                    ch.close(e);
                    throw e;
                }
                ch.close();
                return null;
            });
            try {
                for (ChannelIterator<T> it = ch.iterator(); it.hasNext(); ) {
                    out.emit(it.next());
                }
            } catch (ChannelClosedException e) {
                // The producer failed: end with its own exception, unchanged, as an unbuffered stream would.
                throw e.getCause() == null ? e : ContinuationSupport.<Exception>sneaky(e.getCause());
            } finally {
                producer.cancel();
            }
            return null;
        }));
    }

    /**
     * Runs the stream: the producer, then every operator, in the calling coroutine, handing each value to
     * {@code collector}. Returns when the producer ends.
     *
     * @param collector takes each value; may suspend
     * @throws java.util.concurrent.CancellationException if the collecting coroutine is cancelled
     * @throws Exception what the producer, an operator or the collector threw, unchanged
     */
    @Suspendable
    @SuppressWarnings("unchecked")
    public void collect(StreamCollector<? super T> collector) throws Exception {
        body.produce((StreamCollector<T>) collector);
    }

    /**
     * Runs the stream and gathers its values.
     *
     * @return the values, in order
     * @throws java.util.concurrent.CancellationException if the collecting coroutine is cancelled
     * @throws Exception what the producer or an operator threw, unchanged
     */
    @Suspendable
    public List<T> toList() throws Exception {
        List<T> out = new ArrayList<>();
        collect(v -> out.add(v));
        return out;
    }

    /**
     * A {@link Flow.Publisher} of this stream: each subscriber gets its own collection, run as a coroutine
     * on {@code scheduler}, which emits only as many values as the subscriber has requested and waits,
     * suspended, for more demand. {@code cancel()} cancels that coroutine. The subscriber's methods are
     * called on the scheduler's carrier threads, one at a time; they must not block.
     *
     * @param scheduler where the collections run
     * @return the publisher
     */
    public Flow.Publisher<T> toPublisher(Scheduler scheduler) {
        if (scheduler == null) {
            throw new NullPointerException("scheduler");
        }
        return subscriber -> StreamSubscription.start(this, scheduler, subscriber);
    }

    /** Stops a producer once {@link #take} has its values; one per collection, so nested takes stay apart. */
    private static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super("take: enough values", null, false, false);
        }
    }
}
