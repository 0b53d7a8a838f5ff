package dev.jcoro.internal.sched;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * {@code Coroutines.withTimeout}: the body runs as a child coroutine on the caller's loop while the caller
 * waits for whichever comes first, the child's end or the deadline. At the deadline the child is
 * cancelled and, once its {@code finally} blocks have run, the caller throws {@link TimeoutException}.
 */
public final class Timeout {
    /** The item a deadline timer ends the caller's wait with. */
    private static final Object EXPIRED = new Object();

    private Timeout() {
    }

    /**
     * Runs {@code body} with a deadline {@code d} from now. Outside a coroutine, runs it in a scheduler of
     * its own for the duration of the call.
     */
    @Suspendable
    public static <T> T withTimeout(Duration d, SuspendableCallable<T> body) throws Exception {
        if (body == null) {
            throw new NullPointerException("body");
        }
        Waiter w = Waiter.forCurrent("withTimeout", d);
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            return Coroutines.run(() -> withTimeout(d, body));
        }
        long nanos = Deadlines.nanos(d);
        if (nanos <= 0) {
            throw expired(d);
        }
        EventLoop loop = co.loop();
        Coroutine<T> child = co.scheduler.launchHere(loop, body);
        Timer timer = loop.scheduleAfter(nanos, () -> w.wake(EXPIRED));
        child.onDone(w);
        Suspension.await(w);
        loop.cancel(timer);
        if (w.isCancelled()) {
            child.cancel();
            child.awaitEndUncancellable();
            throw co.cancellation();
        }
        if (w.item() == EXPIRED) {
            child.cancel();
            child.awaitEndUncancellable();
            throw expired(d);
        }
        return child.outcome();
    }

    private static TimeoutException expired(Duration d) {
        return new TimeoutException("timed out after " + d.toMillis() + " ms");
    }
}
