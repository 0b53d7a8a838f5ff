package dev.jcoro.internal.sched;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * {@code Coroutines.withTimeout}: the body runs as a child coroutine on the caller's loop while the caller
 * waits for whichever comes first, the child's end or the deadline. At the deadline the child is
 * cancelled and, once its {@code finally} blocks have run, the caller throws {@link TimeoutException}.
 *
 * <p>What the body finished wins over a deadline or a cancellation that is processed after it: if the
 * child returned (or failed by itself) before the cancellation reached it, its outcome is the caller's,
 * so a value the body took from a channel is never dropped by a timeout that lost the race.
 */
public final class Timeout {
    /** The item a deadline timer ends the caller's wait with; also what {@link #bounded} returns then. */
    private static final Object EXPIRED = new Object();

    private Timeout() {
    }

    /**
     * Runs {@code body} with a deadline {@code d} from now. Outside a coroutine, runs it in a scheduler of
     * its own for the duration of the call.
     */
    @Suspendable
    @SuppressWarnings("unchecked")
    public static <T> T withTimeout(Duration d, SuspendableCallable<T> body) throws Exception {
        Object r = bounded(d, body);
        if (r == EXPIRED) {
            throw new TimeoutException("timed out after " + d.toMillis() + " ms");
        }
        return (T) r;
    }

    /** Like {@link #withTimeout} but an empty optional at the deadline (and for a body that returned null). */
    @Suspendable
    @SuppressWarnings("unchecked")
    public static <T> Optional<T> withTimeoutOrEmpty(Duration d, SuspendableCallable<T> body) throws Exception {
        Object r = bounded(d, body);
        return r == EXPIRED ? Optional.empty() : Optional.ofNullable((T) r);
    }

    /** The body's outcome, or {@link #EXPIRED}. */
    @Suspendable
    private static Object bounded(Duration d, SuspendableCallable<?> body) throws Exception {
        if (body == null) {
            throw new NullPointerException("body");
        }
        Waiter w = Waiter.forCurrent("withTimeout", d);
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            return Coroutines.run(() -> bounded(d, body));
        }
        long nanos = Deadlines.nanos(d);
        if (nanos <= 0) {
            return EXPIRED;
        }
        EventLoop loop = co.loop();
        Coroutine<?> child = co.scheduler.launchHere(loop, body);
        Timer timer = loop.scheduleAfter(nanos, () -> w.wake(EXPIRED));
        child.onDone(w);
        Suspension.await(w);
        loop.cancel(timer);
        boolean callerCancelled = w.isCancelled();
        if (callerCancelled || w.item() == EXPIRED) {
            child.cancel();
            child.awaitEndUncancellable();
            if (!(child.failure() instanceof CancellationException)) {
                // The body got there first: its value (or its own failure) is not the timeout's to drop. A
                // cancelled caller sees its cancellation at its next suspension.
                return child.bodyOutcome();
            }
            if (callerCancelled) {
                throw co.cancellation();
            }
            return EXPIRED;
        }
        return child.bodyOutcome();
    }
}
