package dev.jcoro.internal.sched;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A loop's queue of coroutines launched from its own coroutines that have not started yet: its owner adds
 * at the tail and takes from the head, idle loops take half of it at once (Tokio's local run queue). Bounded
 * and allocation-free; a full queue refuses, and the owner puts the coroutine elsewhere.
 *
 * <p>One producer (the owning loop's thread), many consumers (the owner and thieves). A consumer claims
 * positions by a compare-and-set of {@code head}; the producer writes a slot only when it is outside
 * {@code [head, tail)}, so a consumer that read a slot while {@code head} still pointed at it read what was
 * put there. A claimed slot is cleared by its consumer with a compare-and-set, which leaves it alone if the
 * producer has already reused it.
 */
final class StealableQueue {
    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private final AtomicReferenceArray<Coroutine<?>> slots = new AtomicReferenceArray<>(CAPACITY);
    /** The next position to take; consumers move it forward by compare-and-set. */
    private final AtomicLong head = new AtomicLong();
    /** The next position to fill; written by the owner only (released, so consumers see the slot first). */
    private final AtomicLong tail = new AtomicLong();

    /** Adds {@code co} at the tail; false if the queue is full. Owner's thread only. */
    boolean push(Coroutine<?> co) {
        long t = tail.get();
        if (t - head.get() >= CAPACITY) {
            return false;
        }
        slots.lazySet((int) t & MASK, co);
        tail.lazySet(t + 1);
        return true;
    }

    /** Takes the oldest coroutine, or null if there is none. Any thread. */
    Coroutine<?> poll() {
        while (true) {
            long h = head.get();
            if (h >= tail.get()) {
                return null;
            }
            int i = (int) h & MASK;
            Coroutine<?> co = slots.get(i);
            if (head.compareAndSet(h, h + 1)) {
                slots.compareAndSet(i, co, null);
                return co;
            }
        }
    }

    /**
     * Takes the older half (rounded down) of what is queued, at most {@code limit}, into {@code into},
     * oldest first: a lone coroutine stays with its owner, which will start it in a moment. Any thread other
     * than the owner's.
     *
     * @return how many were taken
     */
    int stealHalf(Coroutine<?>[] into, int limit) {
        while (true) {
            long h = head.get();
            long available = tail.get() - h;
            if (available < 2) {
                return 0;
            }
            int n = (int) Math.min(limit, available / 2);
            for (int k = 0; k < n; k++) {
                into[k] = slots.get((int) (h + k) & MASK);
            }
            if (head.compareAndSet(h, h + n)) {
                for (int k = 0; k < n; k++) {
                    slots.compareAndSet((int) (h + k) & MASK, into[k], null);
                }
                return n;
            }
        }
    }

    /** True if nothing is queued (a snapshot). Any thread. */
    boolean isEmpty() {
        return head.get() >= tail.get();
    }

    /** How many are queued (a snapshot). Any thread. */
    int size() {
        return (int) Math.max(0, tail.get() - head.get());
    }

    /** The queued coroutines, oldest first, for the dump (a snapshot; may miss or repeat one taken meanwhile). */
    void forEach(java.util.function.Consumer<Coroutine<?>> action) {
        long h = head.get();
        long t = tail.get();
        for (long p = h; p < t; p++) {
            Coroutine<?> co = slots.get((int) p & MASK);
            if (co != null) {
                action.accept(co);
            }
        }
    }
}
