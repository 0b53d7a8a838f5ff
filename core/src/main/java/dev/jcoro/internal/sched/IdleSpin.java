package dev.jcoro.internal.sched;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How long an idle loop watches its hand-in queues before it sleeps in {@code select} (Go's spinning
 * threads): a loop that other threads have handed coroutines to recently spins, since the next hand-in is
 * likely to come within microseconds and a sleep would make its sender pay a {@code Selector.wakeup} and
 * the loop a wake-up latency of tens of microseconds. Loops woken only by their sockets and timers never
 * spin, so serving connections costs no extra CPU.
 *
 * <p>The spin adapts to what the sleeps that follow it show. A sleep that a hand-in ended soon after it
 * began means the spin was too short to bridge the gap between two hand-ins (the partner loop was
 * preempted, or itself sleeping and slow to wake): the spin doubles, up to {@link #MAX_NANOS}, so that a
 * pair of loops that fell into waking each other up climbs back into the state where each message finds
 * the other loop awake. A sleep that lasted, or that sockets or timers ended, halves it. Loop thread only.
 */
final class IdleSpin {
    static final long MIN_NANOS = TimeUnit.MICROSECONDS.toNanos(5);
    static final long START_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    static final long MAX_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /** How long a spin only spins; after that it yields the processor between looks at the queues. */
    static final long PURE_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(3);
    /** A loop spins only if coroutines were handed in to it this recently. */
    private static final long RECENT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A sleep that a hand-in ended within this many spin budgets counts as one the spin should have bridged. */
    private static final int SHORT_SLEEP_BUDGETS = 8;

    private long budget = START_NANOS;
    private long lastHandIn;
    private boolean handedInEver;

    /** Notes that other threads handed coroutines in at {@code now}. */
    void handedIn(long now) {
        lastHandIn = now;
        handedInEver = true;
    }

    /** True if hand-ins came recently enough that the loop should spin before sleeping. */
    boolean worthSpinning(long now) {
        return handedInEver && now - lastHandIn < RECENT_NANOS;
    }

    /** How long the next spin lasts at most. */
    long budget() {
        return budget;
    }

    /**
     * Learns from a sleep that followed a spin that found nothing.
     *
     * @param sleptNanos how long the loop slept
     * @param endedByHandIn whether work handed in by another thread is what ended it
     */
    void slept(long sleptNanos, boolean endedByHandIn) {
        if (endedByHandIn && sleptNanos < SHORT_SLEEP_BUDGETS * budget) {
            budget = Math.min(MAX_NANOS, budget * 2);
        } else {
            budget = Math.max(MIN_NANOS, budget / 2);
        }
    }

    /**
     * Watches for hand-ins for the budget (never past the next timer), and now and then the other loops'
     * backlogs. After the first microseconds it yields the processor between looks: on a machine with more
     * runnable threads than cores, the thread that will hand the next coroutine in may be waiting for this
     * very core (the scheduler tends to wake a partner on its waker's core), and a plain spin would make it
     * wait for the whole budget.
     *
     * @param now the time (System.nanoTime)
     * @param toNextTimer nanoseconds to the loop's next timer, negative for none
     * @param handedIn tells whether work has been handed in
     * @param thief steals from the other loops
     * @return true if work arrived or was stolen while spinning
     */
    boolean spin(long now, long toNextTimer, BooleanSupplier handedIn, Thief thief) {
        long end = now + (toNextTimer < 0 ? budget : Math.min(budget, toNextTimer));
        long yieldFrom = now + PURE_SPIN_NANOS;
        for (int i = 1; ; i++) {
            if (handedIn.getAsBoolean()) {
                return true;
            }
            if ((i & 15) == 0) {
                if ((i & 127) == 0 && thief.steal()) {
                    return true;
                }
                long t = System.nanoTime();
                if (t - end >= 0) {
                    return false;
                }
                if (t - yieldFrom >= 0) {
                    Thread.yield();
                    continue;
                }
            }
            Thread.onSpinWait();
        }
    }
}
