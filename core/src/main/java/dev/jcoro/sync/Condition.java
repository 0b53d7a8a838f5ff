package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Deadlines;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A condition of a {@link Mutex}, like {@link java.util.concurrent.locks.Condition} for coroutines: a
 * holder of the mutex waits in {@link #await()}, which lets the mutex go while it waits and takes it back
 * before returning; another holder calls {@link #signal()} or {@link #signalAll()} after changing the
 * state the waiters look at.
 *
 * <pre>{@code
 * Mutex lock = new Mutex();
 * Condition notEmpty = lock.newCondition();
 *
 * lock.lock();
 * try {
 *     while (queue.isEmpty()) {
 *         notEmpty.await();          // the mutex is free while this coroutine waits
 *     }
 *     return queue.poll();
 * } finally {
 *     lock.unlock();
 * }
 * }</pre>
 *
 * <p>Waiters are signalled first come, first served. A waiter may also wake because it was cancelled; it
 * takes the mutex back in every case before {@code await} returns or throws, so the caller's
 * {@code finally} can unlock it. Check the awaited state in a loop, as with any condition.
 */
public final class Condition {
    private final Mutex mutex;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    Condition(Mutex mutex) {
        this.mutex = mutex;
    }

    /**
     * Releases the mutex, waits for a signal, and takes the mutex back.
     *
     * @throws IllegalStateException if the caller does not hold the mutex
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits (it
     *     holds the mutex again when this is thrown)
     */
    @Suspendable
    public void await() {
        Waiter w = enqueueAndRelease();
        Suspension.await(w);
        finishWait(w);
    }

    /**
     * Like {@link #await()}, for at most {@code timeout}.
     *
     * @param timeout the longest wait
     * @return true if signalled; false if the time ran out first (the mutex is held again either way)
     * @throws IllegalStateException if the caller does not hold the mutex
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     * @throws InterruptedException if a plain thread is interrupted while it waits
     */
    @Suspendable
    public boolean awaitWithin(Duration timeout) throws InterruptedException {
        Waiter w = enqueueAndRelease();
        boolean signalled;
        try {
            signalled = Suspension.awaitFor(w, Deadlines.nanos(timeout));
        } catch (InterruptedException e) {
            withdraw(w);
            mutex.lockUncancellable();
            throw e;
        }
        finishWait(w);
        return signalled;
    }

    /**
     * Wakes the longest waiting coroutine, if any.
     *
     * @throws IllegalStateException if the caller does not hold the mutex
     */
    public void signal() {
        synchronized (mutex) {
            mutex.checkHeld("signal");
        }
        synchronized (this) {
            Waiter w;
            while ((w = waiters.poll()) != null) {
                if (w.wake(null)) {
                    return;
                }
            }
        }
    }

    /**
     * Wakes every waiting coroutine.
     *
     * @throws IllegalStateException if the caller does not hold the mutex
     */
    public void signalAll() {
        synchronized (mutex) {
            mutex.checkHeld("signalAll");
        }
        synchronized (this) {
            Waiter w;
            while ((w = waiters.poll()) != null) {
                w.wake(null);
            }
        }
    }

    private Waiter enqueueAndRelease() {
        synchronized (mutex) {
            mutex.checkHeld("newCondition().await");
            Waiter w = Waiter.forCurrent("Condition.await", this);
            synchronized (this) {
                waiters.add(w);
            }
            mutex.release();
            return w;
        }
    }

    @Suspendable
    private void finishWait(Waiter w) {
        withdraw(w);
        mutex.lockUncancellable();
        if (w.isCancelled()) {
            throw w.cancellation();
        }
    }

    private synchronized void withdraw(Waiter w) {
        waiters.remove(w);
    }

    @Override
    public String toString() {
        return "Condition@" + Integer.toHexString(System.identityHashCode(this)) + " of " + mutex;
    }
}
