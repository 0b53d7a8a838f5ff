package dev.jcoro.flow;

import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber of {@link AsyncStream#toPublisher}: a coroutine collects the stream and hands each value
 * to the subscriber once it has demand, suspending while it has none. {@code request} and {@code cancel}
 * may come from any thread.
 */
final class StreamSubscription<T> implements Flow.Subscription {
    private final AsyncStream<T> stream;
    private final Flow.Subscriber<? super T> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private volatile Waiter parked;
    private volatile boolean cancelled;
    private volatile IllegalArgumentException badRequest;
    private volatile Task<Void> task;

    private StreamSubscription(AsyncStream<T> stream, Flow.Subscriber<? super T> subscriber) {
        this.stream = stream;
        this.subscriber = subscriber;
    }

    static <T> void start(AsyncStream<T> stream, Scheduler scheduler, Flow.Subscriber<? super T> subscriber) {
        if (subscriber == null) {
            throw new NullPointerException("subscriber (Reactive Streams rule 1.9)");
        }
        StreamSubscription<T> s = new StreamSubscription<>(stream, subscriber);
        subscriber.onSubscribe(s);
        s.task = scheduler.launch(s::run);
        if (s.cancelled) {
            s.task.cancel();
        }
    }

    @Suspendable
    private void run() {
        Throwable failure = null;
        try {
            stream.collect(v -> {
                awaitDemand();
                subscriber.onNext(v);
            });
        } catch (Throwable t) {
            failure = t;
        }
        if (cancelled) {
            return;
        }
        if (failure == null) {
            subscriber.onComplete();
        } else {
            subscriber.onError(failure);
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("request(" + n + "): Reactive Streams rule 3.9 asks for n > 0");
        } else {
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        }
        Waiter w = parked;
        if (w != null) {
            w.wake(null);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        Task<Void> t = task;
        if (t != null) {
            t.cancel();
        }
    }

    /** Suspends until the subscriber has asked for a value, then takes one unit of its demand. */
    @Suspendable
    private void awaitDemand() {
        while (true) {
            if (cancelled) {
                throw new CancellationException("the subscriber cancelled its subscription");
            }
            IllegalArgumentException bad = badRequest;
            if (bad != null) {
                throw bad;
            }
            long d = demand.get();
            if (d > 0) {
                if (d == Long.MAX_VALUE || demand.compareAndSet(d, d - 1)) {
                    return;
                }
                continue;
            }
            Waiter w = Waiter.forCurrent("demand from " + subscriber, null);
            parked = w;
            // Announce the wait before the last look: a request made before it is seen here, one made
            // after it finds the waiter.
            if (demand.get() > 0 || cancelled || badRequest != null) {
                w.wake(null);
            }
            Suspension.await(w);
            parked = null;
            if (w.isCancelled()) {
                throw w.cancellation();
            }
        }
    }
}
