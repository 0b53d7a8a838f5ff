package dev.jcoro.internal.sched;

import dev.jcoro.Suspendable;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/** {@code Coroutines.sleep}: a timer on the coroutine's loop that ends its wait. */
public final class Delay {
    private Delay() {
    }

    /**
     * Suspends the running coroutine for {@code d}; outside a coroutine, sleeps the thread.
     *
     * @throws CancellationException if the coroutine is cancelled (or the plain thread interrupted) meanwhile
     */
    @Suspendable
    public static void sleep(Duration d) {
        long nanos = Deadlines.nanos(d);
        Waiter w = Waiter.forCurrent("sleep", d);
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            sleepThread(nanos);
            return;
        }
        if (nanos <= 0) {
            Suspension.yieldNow();
            return;
        }
        EventLoop loop = co.loop();
        Timer t = loop.scheduleAfter(nanos, w);
        Suspension.await(w);
        if (w.isCancelled()) {
            loop.cancel(t);
            throw co.cancellation();
        }
    }

    private static void sleepThread(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("sleep interrupted");
        }
    }
}
