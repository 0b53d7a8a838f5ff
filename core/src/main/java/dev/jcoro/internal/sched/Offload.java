package dev.jcoro.internal.sched;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.jfr.RuntimeEvents;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code Coroutines.offload} and {@code Coroutines.await}: the coroutine waits while other threads work. */
public final class Offload {
    private Offload() {
    }

    /**
     * Runs {@code blocking} on the scheduler's blocking pool while the coroutine suspends; outside a
     * coroutine, runs it on the caller's thread. The call sees the coroutine's coroutine-local values.
     *
     * <p>If the coroutine is cancelled, a call that has not started never starts; one that runs is
     * interrupted and waited for, and if it still returns a value, that value is returned (the work was
     * done, and a cancellation that came after it must not lose it — the coroutine's next suspension throws).
     */
    @Suspendable
    public static <T> T offload(Callable<T> blocking) throws Exception {
        Waiter w = Waiter.forCurrent("offload", blocking);
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            return blocking.call();
        }
        // Counted until the call ends (or is stopped before it starts): a loop on virtual time must not
        // jump its clock while the work may still wake a coroutine.
        Runnable outsideWorkEnds = co.scheduler.outsideWorkBegins();
        Call call = new Call(blocking, co.context, w, outsideWorkEnds, RuntimeEvents.offloadSubmitted(co.id, blocking));
        try {
            co.scheduler.blocking().submit(call);
        } catch (RuntimeException rejected) {
            outsideWorkEnds.run();
            throw rejected;
        }
        Suspension.await(w);
        if (!w.isCancelled()) {
            return ((Outcome) w.item()).get();
        }
        if (!call.stopOrInterrupt()) {
            // It never started and never will: nothing is outside any more.
            outsideWorkEnds.run();
            throw co.cancellation();
        }
        // Still counted while the interrupted call runs on: the call itself ends the count before it wakes us.
        Waiter rest = Waiter.uncancellable("the end of an interrupted offload", blocking);
        call.redirect(rest);
        Suspension.await(rest);
        Outcome o = (Outcome) rest.item();
        if (o.failed()) {
            throw co.cancellation();
        }
        return o.get();
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
        // A cancelled wait leaves the stage running, but no coroutine waits for it any more.
        outsideWorkEnds.run();
        if (w.isCancelled()) {
            throw w.coroutine.cancellation();
        }
        return ((Outcome) w.item()).get();
    }

    /** One offloaded call, which a cancellation stops before it starts or interrupts while it runs. */
    private static final class Call implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int STOPPED = 2;
        private static final int DONE = 3;
        /** A canceller is interrupting the runner; the runner may not move on to other work meanwhile. */
        private static final int INTERRUPTING = 4;
        private static final int INTERRUPTED = 5;

        private final Callable<?> blocking;
        private final Context context;
        /** Ends the scheduler's count of work in flight outside its loops (virtual time waits for it). */
        private final Runnable outsideWorkEnds;
        /** The JFR submission record, or null while the offload events are off. */
        private final Object recorded;
        private final AtomicInteger state = new AtomicInteger(QUEUED);
        /** Who gets the outcome: the first waiter, or after a cancellation the uncancellable one. */
        private volatile Waiter target;
        private volatile Outcome outcome;
        private volatile Thread runner;

        Call(Callable<?> blocking, Context context, Waiter target, Runnable outsideWorkEnds, Object recorded) {
            this.blocking = blocking;
            this.context = context;
            this.target = target;
            this.outsideWorkEnds = outsideWorkEnds;
            this.recorded = recorded;
        }

        @Override
        public void run() {
            // Published before the state, so that a canceller that sees RUNNING finds the thread to interrupt.
            runner = Thread.currentThread();
            if (!state.compareAndSet(QUEUED, RUNNING)) {
                runner = null;
                return;
            }
            Context previous = Context.swapThread(context);
            Object value = null;
            Throwable failure = null;
            try {
                value = blocking.call();
            } catch (Throwable t) {
                failure = t;
            } finally {
                Context.swapThread(previous);
                finishRunning();
            }
            RuntimeEvents.offloadFinished(recorded, failure != null);
            // Before the wake-up: a loop on virtual time that wakes must find the work over.
            outsideWorkEnds.run();
            Outcome o = Outcome.of(value, failure);
            outcome = o;
            target.wake(o);
        }

        /**
         * Leaves the running state so that no interrupt meant for this call can reach the pool thread's next
         * work: either no canceller got in first, or this waits until its interrupt has landed and clears it.
         */
        private void finishRunning() {
            if (!state.compareAndSet(RUNNING, DONE)) {
                while (state.get() == INTERRUPTING) {
                    Thread.onSpinWait();
                }
                Thread.interrupted();
                state.set(DONE);
            }
            runner = null;
        }

        /** Stops a call that has not started (false), or interrupts a running one (true: wait for its end). */
        boolean stopOrInterrupt() {
            if (state.compareAndSet(QUEUED, STOPPED)) {
                return false;
            }
            if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                runner.interrupt();
                state.set(INTERRUPTED);
            }
            return true;
        }

        /** Sends the outcome to {@code w} from now on; if the call ended already, wakes it at once. */
        void redirect(Waiter w) {
            target = w;
            Outcome o = outcome;
            if (o != null) {
                w.wake(o);
            }
        }
    }
}
