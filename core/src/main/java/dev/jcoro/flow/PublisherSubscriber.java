package dev.jcoro.flow;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import dev.jcoro.sync.ChannelIterator;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One collection of {@link AsyncStream#fromPublisher}: subscribes, lets the publisher fill a channel of
 * {@code prefetch} values from its own threads, and drains it into the collector, requesting one more
 * value for each one taken. Requests never exceed the channel's room, so {@code onNext} never waits.
 */
final class PublisherSubscriber<T> implements Flow.Subscriber<T> {
    private final Channel<T> values;
    private final AtomicBoolean done = new AtomicBoolean();
    private final int prefetch;
    private volatile Flow.Subscription subscription;

    private PublisherSubscriber(int prefetch) {
        this.prefetch = prefetch;
        this.values = new Channel<>(prefetch);
    }

    @Suspendable
    static <T> void drain(Flow.Publisher<? extends T> publisher, int prefetch, StreamCollector<T> out) throws Exception {
        PublisherSubscriber<T> s = new PublisherSubscriber<>(prefetch);
        publisher.subscribe(s);
        try {
            for (ChannelIterator<T> it = s.values.iterator(); it.hasNext(); ) {
                T v = it.next();
                s.subscription.request(1);
                out.emit(v);
            }
        } catch (ChannelClosedException e) {
            throw e.getCause() == null ? e : ContinuationSupport.<Exception>sneaky(e.getCause());
        } finally {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            // Rule 2.5: a second subscription is cancelled.
            s.cancel();
            return;
        }
        subscription = s;
        if (done.get()) {
            s.cancel();
        } else {
            s.request(prefetch);
        }
    }

    @Override
    public void onNext(T item) {
        if (item == null) {
            fail(new NullPointerException("the publisher sent null (Reactive Streams rule 2.13)"));
        } else if (!values.trySend(item)) {
            fail(new IllegalStateException("the publisher sent more values than were requested "
                    + "(Reactive Streams rule 1.1)"));
        }
    }

    @Override
    public void onError(Throwable t) {
        values.close(t);
    }

    @Override
    public void onComplete() {
        values.close();
    }

    private void fail(Throwable t) {
        values.close(t);
        cancel();
    }

    /** Stops the subscription once the collection ends, however it ends. */
    private void cancel() {
        if (done.compareAndSet(false, true)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
