package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for coroutines: {@link #lock()} suspends the coroutine (not its carrier thread)
 * until the lock is free. First come, first served; not reentrant; any coroutine or thread may unlock.
 * Use it instead of {@code synchronized} around code that suspends.
 *
 * <pre>{@code
 * mutex.lock();
 * try {
 *     socket.write(frame);      // may suspend while holding the mutex
 * } finally {
 *     mutex.unlock();
 * }
 * }</pre>
 *
 * <p>Safe across loops and threads. On a plain thread {@code lock()} blocks the thread.
 */
public final class Mutex {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Stays true while the lock passes from one holder straight to the next waiter. */
    private boolean locked;

    /** Creates an unlocked mutex. */
    public Mutex() {
    }

    /**
     * Takes the lock, suspending until it is free. A coroutine cancelled while it waits does not get the lock.
     *
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public void lock() {
        Suspension.awaitOrWithdraw(acquireOrEnqueue(), this::withdraw);
    }

    /**
     * Takes the lock if it is free right now.
     *
     * @return true if the caller now holds the lock
     */
    public synchronized boolean tryLock() {
        if (locked) {
            return false;
        }
        locked = true;
        return true;
    }

    /**
     * Releases the lock, handing it to the longest waiting coroutine if there is one.
     *
     * @throws IllegalStateException if the mutex is not locked
     */
    public synchronized void unlock() {
        if (!locked) {
            throw new IllegalStateException("Mutex.unlock(): the mutex is not locked");
        }
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.wake(null)) {
                return;
            }
        }
        locked = false;
    }

    /**
     * Tells whether the mutex is held right now (a snapshot, for diagnostics).
     *
     * @return true if locked
     */
    public synchronized boolean isLocked() {
        return locked;
    }

    private synchronized Waiter acquireOrEnqueue() {
        if (!locked) {
            locked = true;
            return null;
        }
        Waiter w = Waiter.forCurrent("lock", this);
        waiters.add(w);
        return w;
    }

    private synchronized void withdraw(Waiter w) {
        waiters.remove(w);
    }

    @Override
    public String toString() {
        return "Mutex@" + Integer.toHexString(System.identityHashCode(this));
    }
}
