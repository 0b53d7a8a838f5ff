package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for a group of jobs to finish, like Go's {@code sync.WaitGroup}: {@link #add} before starting
 * them, {@link #done()} as each ends, {@link #await()} to suspend until the count is back at zero.
 *
 * <pre>{@code
 * WaitGroup wg = new WaitGroup();
 * for (String url : urls) {
 *     wg.add(1);
 *     Coroutines.launch(() -> { try { fetch(url); } finally { wg.done(); } });
 * }
 * wg.await();
 * }</pre>
 *
 * <p>Safe across loops and threads. On a plain thread {@code await()} blocks the thread.
 */
public final class WaitGroup {
    private final List<Waiter> waiters = new ArrayList<>();
    private int count;

    /** Creates a group with a count of zero. */
    public WaitGroup() {
    }

    /**
     * Adds {@code delta} (may be negative) to the count; waiters are released when it reaches zero.
     *
     * @param delta the change
     * @throws IllegalStateException if the count would become negative (it is left unchanged)
     */
    public synchronized void add(int delta) {
        int next = count + delta;
        if (next < 0) {
            throw new IllegalStateException("WaitGroup count would become negative: " + count + " + " + delta);
        }
        count = next;
        if (next == 0) {
            for (Waiter w : waiters) {
                w.wake(null);
            }
            waiters.clear();
        }
    }

    /**
     * Subtracts one from the count.
     *
     * @throws IllegalStateException if the count is already zero
     */
    public void done() {
        add(-1);
    }

    /**
     * Suspends until the count is zero; returns at once if it is.
     *
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public void await() {
        Suspension.awaitOrWithdraw(enqueueUnlessZero(), this::withdraw);
    }

    /**
     * The count right now (a snapshot).
     *
     * @return the count
     */
    public synchronized int count() {
        return count;
    }

    private synchronized Waiter enqueueUnlessZero() {
        if (count == 0) {
            return null;
        }
        Waiter w = Waiter.forCurrent("WaitGroup.await", this);
        waiters.add(w);
        return w;
    }

    private synchronized void withdraw(Waiter w) {
        waiters.remove(w);
    }

    @Override
    public String toString() {
        return "WaitGroup@" + Integer.toHexString(System.identityHashCode(this));
    }
}
