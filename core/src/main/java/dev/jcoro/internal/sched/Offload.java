package dev.jcoro.internal.sched;

import dev.jcoro.Suspendable;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/** {@code Coroutines.offload} and {@code Coroutines.await}: the coroutine waits while other threads work. */
public final class Offload {
    private Offload() {
    }

    /**
     * Runs {@code blocking} on the scheduler's blocking pool while the coroutine suspends; outside a
     * coroutine, runs it on the caller's thread. If the coroutine is cancelled, the work is interrupted.
     */
    @Suspendable
    public static <T> T offload(Callable<T> blocking) throws Exception {
        Waiter w = Waiter.forCurrent("offload", blocking);
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            return blocking.call();
        }
        Future<?> work = co.scheduler.blocking().submit(() -> {
            Object value = null;
            Throwable failure = null;
            try {
                value = blocking.call();
            } catch (Throwable t) {
                failure = t;
            }
            w.wake(Outcome.of(value, failure));
        });
        Suspension.await(w);
        if (w.isCancelled()) {
            work.cancel(true);
            throw co.cancellation();
        }
        return ((Outcome) w.item()).get();
    }

    /**
     * Waits for {@code stage} to complete: suspends a coroutine, blocks a plain thread (interruptibly).
     * Cancelling the coroutine stops the wait, not the stage.
     */
    @Suspendable
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        Waiter w = Waiter.forCurrent("await", stage);
        stage.whenComplete((v, e) -> w.wake(Outcome.of(v, e)));
        Suspension.awaitInterruptibly(w);
        if (w.isCancelled()) {
            throw w.coroutine.cancellation();
        }
        return ((Outcome) w.item()).get();
    }
}
