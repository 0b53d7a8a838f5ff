package dev.jcoro.internal.sched;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;

/**
 * Pauses the caller until its {@link Waiter} is ended: a coroutine suspends its continuation, a plain
 * thread blocks. Every waiting operation of the runtime goes through here.
 */
public final class Suspension {
    private Suspension() {
    }

    /**
     * Waits for {@code w}, if there is one, to be granted; a waiter cancelled meanwhile is withdrawn from
     * its queue and its cancellation thrown. The common tail of every FIFO primitive's waiting method.
     *
     * @param w the waiter enqueued by the caller, or null if the caller was served at once
     * @param withdraw removes a cancelled waiter from the primitive's queue
     * @throws java.util.concurrent.CancellationException if the coroutine was cancelled while it waited
     */
    @Suspendable
    public static void awaitOrWithdraw(Waiter w, java.util.function.Consumer<Waiter> withdraw) {
        if (w == null) {
            return;
        }
        await(w);
        if (w.isCancelled()) {
            withdraw.accept(w);
            throw w.cancellation();
        }
    }

    /**
     * Waits until {@code w} is ended by a value, a cancellation or a timer. Check {@link Waiter#isCancelled()}
     * afterwards. A plain thread blocks, ignoring interrupts (it keeps the interrupt flag).
     */
    @Suspendable
    public static void await(Waiter w) {
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            w.blockThread();
            return;
        }
        if (co.park(w)) {
            Continuation.suspend();
        }
        co.unpark();
    }

    /**
     * Like {@link #await} but a plain thread may be interrupted: it then stops waiting and this throws.
     *
     * @throws InterruptedException if the plain thread was interrupted while it waited
     */
    @Suspendable
    public static void awaitInterruptibly(Waiter w) throws InterruptedException {
        if (w.coroutine == null) {
            w.blockThreadInterruptibly();
            return;
        }
        await(w);
    }

    /**
     * Like {@link #awaitInterruptibly}, but for at most {@code nanos}: then the wait ends by itself, with
     * {@link #TIMED_OUT} as its {@link Waiter#source()}. Whatever ended the wait first wins; a value that
     * arrived before the deadline is never lost to it.
     *
     * @param w the caller's waiter, already enqueued where the value will come from
     * @param nanos the longest wait; zero or less ends it at once unless a value is already there
     * @return false if the deadline ended the wait
     * @throws InterruptedException if a plain thread was interrupted while it waited
     */
    @Suspendable
    public static boolean awaitFor(Waiter w, long nanos) throws InterruptedException {
        Coroutine<?> co = w.coroutine;
        if (co == null) {
            w.blockThreadUntil(System.nanoTime() + nanos, TIMED_OUT);
            return w.source() != TIMED_OUT;
        }
        if (nanos <= 0) {
            w.wakeFrom(TIMED_OUT, null);
            await(w);
            return w.source() != TIMED_OUT;
        }
        EventLoop loop = co.loop();
        Timer t = loop.scheduleAfter(nanos, () -> w.wakeFrom(TIMED_OUT, null));
        await(w);
        loop.cancel(t);
        return w.source() != TIMED_OUT;
    }

    /** The {@link Waiter#source()} of a wait that {@link #awaitFor} ended at its deadline. */
    public static final Object TIMED_OUT = new Object() {
        @Override
        public String toString() {
            return "timed out";
        }
    };

    /** Lets the other ready coroutines of this loop run, then continues. Outside a coroutine it only yields the thread. */
    @Suspendable
    public static void yieldNow() {
        Coroutine<?> co = Coroutine.currentForSuspend();
        if (co == null) {
            Thread.yield();
            return;
        }
        co.throwIfCancelled();
        co.loop().scheduleYield(co);
        co.yielding = true;
        Continuation.suspend();
        co.yielding = false;
        co.throwIfCancelled();
    }
}
