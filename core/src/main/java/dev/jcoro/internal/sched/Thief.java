package dev.jcoro.internal.sched;

/**
 * An idle loop's search for work on the other loops: it takes coroutines they have not started yet, half of
 * a backlog at a time (Tokio's steal-half), so that one parent's many children spread over the loops that
 * have nothing to do while those that stay with the parent keep their locality. Loop thread only.
 */
final class Thief {
    private static final int STEAL_BATCH = 128;

    private final EventLoop loop;
    private final Coroutine<?>[] stolen = new Coroutine<?>[STEAL_BATCH];

    Thief(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Takes coroutines that another loop has not started yet: half of the backlog its own coroutines
     * launched, or a batch of what was launched onto it from outside, and starts them on this loop. Only
     * from a loop that is running a coroutine right now: a loop that is merely waking up will start its own
     * work in a moment, and stealing from it would pile every launch onto whichever loop woke first.
     *
     * @return true if it took any
     */
    boolean steal() {
        EventLoop[] loops = loop.scheduler.loops;
        for (int k = 1; k < loops.length; k++) {
            EventLoop victim = loops[(loop.index + k) % loops.length];
            if (victim.current == null) {
                continue;
            }
            int n = victim.local.stealHalf(stolen, STEAL_BATCH);
            for (int i = 0; i < n; i++) {
                loop.start(stolen[i]);
                stolen[i] = null;
            }
            Coroutine<?> co;
            while (n < STEAL_BATCH && (co = victim.fresh.poll()) != null) {
                loop.start(co);
                n++;
            }
            if (n > 0) {
                return true;
            }
        }
        return false;
    }
}
