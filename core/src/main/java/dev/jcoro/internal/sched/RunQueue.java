package dev.jcoro.internal.sched;

import java.util.ArrayDeque;

/**
 * A loop's coroutines that are ready to run, with a slot for the one a running coroutine has just woken
 * (Tokio's LIFO slot): that one runs as soon as the running coroutine suspends, ahead of older ready ones,
 * so that two coroutines handing values back and forth on one loop run back to back, while the data they
 * share is still in the cache, without a turn of the loop between them. Loop thread only.
 *
 * <p>Only the first coroutine woken during one resume takes the slot; those it wakes after go to the back
 * of the queue, so a coroutine that wakes several (an event set, a channel closed) still has them run in
 * the order it woke them.
 */
final class RunQueue {
    private final ArrayDeque<Coroutine<?>> queue = new ArrayDeque<>();
    private Coroutine<?> next;
    /** Whether the resume in progress has already filled the slot. */
    private boolean slotTaken;

    /** Queues {@code co} woken by the coroutine running now. */
    void wokenByRunning(Coroutine<?> co) {
        if (slotTaken) {
            queue.add(co);
            return;
        }
        slotTaken = true;
        Coroutine<?> displaced = next;
        next = co;
        if (displaced != null) {
            queue.add(displaced);
        }
    }

    /** Queues {@code co} at the back: woken from outside a coroutine, started, or yielding. */
    void add(Coroutine<?> co) {
        queue.add(co);
    }

    /** Called before each resume: the slot is free again for what that resume wakes. */
    void resumeBegins() {
        slotTaken = false;
    }

    /** The coroutine in the slot, taken out of it; null if empty. */
    Coroutine<?> takeNext() {
        Coroutine<?> co = next;
        next = null;
        return co;
    }

    /** The oldest coroutine in the queue (not the slot); null if empty. */
    Coroutine<?> poll() {
        return queue.poll();
    }

    /** How many wait in the queue, not counting the slot. */
    int queued() {
        return queue.size();
    }

    boolean isEmpty() {
        return next == null && queue.isEmpty();
    }
}
