package dev.jcoro.internal.sched;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.jfr.RuntimeEvents;
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
        Runnable outsideWorkEnds = co.scheduler.outsideWorkBegins();
        Object recorded = RuntimeEvents.offloadSubmitted(co.id, blocking);
        Future<?> work;
        try {
            work = co.scheduler.blocking().submit(() -> {
                Object value = null;
                Throwable failure = null;
                try {
                    value = blocking.call();
                } catch (Throwable t) {
                    failure = t;
                }
                RuntimeEvents.offloadFinished(recorded, failure != null);
                // Before the wake-up: a loop on virtual time that wakes must find the work over.
                outsideWorkEnds.run();
                w.wake(Outcome.of(value, failure));
            });
        } catch (RuntimeException rejected) {
            outsideWorkEnds.run();
            throw rejected;
        }
        Suspension.await(w);
        outsideWorkEnds.run();
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
        Runnable outsideWorkEnds = w.coroutine == null ? () -> { } : w.coroutine.scheduler.outsideWorkBegins();
        stage.whenComplete((v, e) -> {
            outsideWorkEnds.run();
            w.wake(Outcome.of(v, e));
        });
        Suspension.awaitInterruptibly(w);
        outsideWorkEnds.run();
        if (w.isCancelled()) {
            throw w.coroutine.cancellation();
        }
        return ((Outcome) w.item()).get();
    }
}
