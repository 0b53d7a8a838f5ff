package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.util.ArrayDeque;

/**
 * A counting semaphore for coroutines: {@link #acquire()} suspends the coroutine until a permit is free.
 * First come, first served. Typical use: bound how many coroutines use a resource at once.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(100);
 * connections.acquire();
 * try {
 *     fetch(url);
 * } finally {
 *     connections.release();
 * }
 * }</pre>
 *
 * <p>Safe across loops and threads. On a plain thread {@code acquire()} blocks the thread.
 */
public final class Semaphore {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int permits;

    /**
     * Creates a semaphore.
     *
     * @param permits the permits available at first
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public Semaphore(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must not be negative: " + permits);
        }
        this.permits = permits;
    }

    /**
     * Takes a permit, suspending until one is free. A coroutine cancelled while it waits takes none.
     *
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public void acquire() {
        Suspension.awaitOrWithdraw(acquireOrEnqueue(), this::withdraw);
    }

    /**
     * Takes a permit if one is free right now and nobody waits for one.
     *
     * @return true if a permit was taken
     */
    public synchronized boolean tryAcquire() {
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            return true;
        }
        return false;
    }

    /** Returns a permit, handing it to the longest waiting coroutine if there is one. */
    public synchronized void release() {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.wake(null)) {
                return;
            }
        }
        permits++;
    }

    /**
     * The permits free right now (a snapshot).
     *
     * @return the number of free permits
     */
    public synchronized int availablePermits() {
        return permits;
    }

    private synchronized Waiter acquireOrEnqueue() {
        if (permits > 0 && waiters.isEmpty()) {
            permits--;
            return null;
        }
        Waiter w = Waiter.forCurrent("acquire", this);
        waiters.add(w);
        return w;
    }

    private synchronized void withdraw(Waiter w) {
        waiters.remove(w);
    }

    @Override
    public String toString() {
        return "Semaphore@" + Integer.toHexString(System.identityHashCode(this));
    }
}
