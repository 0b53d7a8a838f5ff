package dev.jcoro.sync;

import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.Deadlines;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-time signal, like asyncio's {@code Event} without {@code clear}, or a latch of one: any number of
 * coroutines (and threads) wait in {@link #await()} until some code calls {@link #set()}; from then on,
 * every wait returns at once.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Coroutines.launch(() -> { loadConfig(); ready.set(); });
 * ready.await();                      // in as many coroutines as like
 * }</pre>
 *
 * <p>Safe across loops and threads; {@code set()} may be called from any thread. On a plain thread
 * {@code await()} blocks the thread. {@link Select#onEvent} waits for it beside other clauses.
 */
public final class Event {
    private final List<Waiting> waiters = new ArrayList<>();
    private volatile boolean set;

    /** Creates an event that is not set. */
    public Event() {
    }

    /**
     * Sets the event and wakes every waiter. Any thread.
     *
     * @return true if this call set it; false if it was set already
     */
    public boolean set() {
        List<Waiting> woken;
        synchronized (this) {
            if (set) {
                return false;
            }
            set = true;
            woken = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (Waiting x : woken) {
            x.waiter.wakeFrom(x.clause, null);
        }
        return true;
    }

    /**
     * Tells whether the event has been set.
     *
     * @return true once set
     */
    public boolean isSet() {
        return set;
    }

    /**
     * Suspends until the event is set; returns at once if it is.
     *
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public void await() {
        if (set) {
            return;
        }
        Waiter w = Waiter.forCurrent("Event.await", this);
        enqueue(w, null);
        Suspension.awaitOrWithdraw(w, this::withdraw);
    }

    /**
     * Suspends until the event is set or {@code timeout} has passed. (Not an overload of {@code await}, so
     * that {@code event::await} stays usable as a launch body.)
     *
     * @param timeout the longest wait
     * @return true if the event is set; false if the time ran out first
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     * @throws InterruptedException if a plain thread is interrupted while it waits
     */
    @Suspendable
    public boolean awaitWithin(Duration timeout) throws InterruptedException {
        if (set) {
            return true;
        }
        Waiter w = Waiter.forCurrent("Event.await", this);
        enqueue(w, null);
        boolean inTime;
        try {
            inTime = Suspension.awaitFor(w, Deadlines.nanos(timeout));
        } finally {
            withdraw(w);
        }
        if (w.isCancelled()) {
            throw w.cancellation();
        }
        return inTime;
    }

    /** Adds a waiter, woken with {@code clause} as its source; wakes it at once if the event is set. */
    void enqueue(Waiter w, Object clause) {
        synchronized (this) {
            if (!set) {
                waiters.add(new Waiting(w, clause));
                return;
            }
        }
        w.wakeFrom(clause, null);
    }

    synchronized void withdraw(Waiter w) {
        waiters.removeIf(x -> x.waiter == w);
    }

    @Override
    public String toString() {
        return "Event@" + Integer.toHexString(System.identityHashCode(this)) + (set ? "(set)" : "(not set)");
    }

    private static final class Waiting {
        final Waiter waiter;
        final Object clause;

        Waiting(Waiter waiter, Object clause) {
            this.waiter = waiter;
            this.clause = clause;
        }
    }
}
