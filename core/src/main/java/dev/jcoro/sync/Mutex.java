package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for coroutines: {@link #lock()} suspends the coroutine (not its carrier thread)
 * until the lock is free. First come, first served; not reentrant. Only the holder — the coroutine, or
 * the plain thread, that took it — may unlock it. Use it instead of {@code synchronized} around code that
 * suspends.
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
 * <p>{@link #newCondition()} gives a {@link Condition} to wait on while holding it. Safe across loops and
 * threads. On a plain thread {@code lock()} blocks the thread.
 */
public final class Mutex {
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** The coroutine or thread that holds the lock, or null; passes straight from holder to next waiter. */
    private Object holder;

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
        Suspension.awaitOrWithdraw(acquireOrEnqueue(Waiter.currentOwner(), false), this::withdraw);
    }

    /**
     * Takes the lock if it is free right now.
     *
     * @return true if the caller now holds the lock
     */
    public synchronized boolean tryLock() {
        if (holder != null) {
            return false;
        }
        holder = Waiter.currentOwner();
        return true;
    }

    /**
     * Releases the lock, handing it to the longest waiting coroutine if there is one.
     *
     * @throws IllegalStateException if the mutex is not locked, or is held by another coroutine or thread
     */
    public synchronized void unlock() {
        checkHeld("unlock");
        release();
    }

    /**
     * Tells whether the mutex is held right now (a snapshot, for diagnostics).
     *
     * @return true if locked
     */
    public synchronized boolean isLocked() {
        return holder != null;
    }

    /**
     * Tells whether the calling coroutine (or plain thread) holds the mutex.
     *
     * @return true if the caller holds it
     */
    public synchronized boolean isHeldByCurrent() {
        return holder != null && holder == Waiter.currentOwner();
    }

    /**
     * A new condition bound to this mutex, for waiting until some state guarded by it changes.
     *
     * @return a new condition
     */
    public Condition newCondition() {
        return new Condition(this);
    }

    /** Takes the lock back after a condition wait, whatever happens to the caller meanwhile. */
    @Suspendable
    void lockUncancellable() {
        Waiter w = acquireOrEnqueue(Waiter.currentOwner(), true);
        if (w != null) {
            Suspension.await(w);
        }
    }

    /**
     * Throws unless the caller holds the lock. The caller holds this object's monitor.
     *
     * @throws IllegalStateException naming the caller and the holder
     */
    void checkHeld(String op) {
        if (holder == null) {
            throw new IllegalStateException("Mutex." + op + "(): the mutex is not locked");
        }
        Object me = Waiter.currentOwner();
        if (holder != me) {
            throw new IllegalStateException("Mutex." + op + "(): " + me + " does not hold the mutex; " + holder
                    + " does. Only the coroutine (or thread) that locked it may unlock it");
        }
    }

    /** Hands the lock to the next waiter, or frees it. The caller holds this object's monitor. */
    void release() {
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.wake(null)) {
                holder = w.owner();
                return;
            }
        }
        holder = null;
    }

    private synchronized Waiter acquireOrEnqueue(Object me, boolean uncancellable) {
        if (holder == null) {
            holder = me;
            return null;
        }
        Waiter w = uncancellable ? Waiter.uncancellable("lock", this) : Waiter.forCurrent("lock", this);
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
