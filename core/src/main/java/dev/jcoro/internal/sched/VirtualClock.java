package dev.jcoro.internal.sched;

/**
 * A clock that stands still until its loop moves it, used by test schedulers. The loop moves it straight
 * to its next timer's deadline once every coroutine waits (see {@code EventLoop.waitInVirtualTime}), so a
 * one-hour sleep ends at once and timers fire in deadline order with exact readings.
 *
 * <p>It starts at the system clock's reading of the moment it is made, so that a deadline computed by
 * mistake from {@code System.nanoTime()} still falls near where it belongs instead of ages away. Written by
 * the loop's thread only; read by any thread.
 */
final class VirtualClock implements LoopClock {
    private final long origin = System.nanoTime();
    private volatile long now = origin;
    private volatile boolean frozen;

    @Override
    public long nanoTime() {
        return now;
    }

    /** Nanoseconds of virtual time since the clock was made. */
    long elapsedNanos() {
        return now - origin;
    }

    /** Moves the clock forward by {@code nanos}. Loop thread only. */
    void advance(long nanos) {
        if (nanos > 0) {
            now += nanos;
        }
    }

    /**
     * Stops the clock for good: the loop no longer moves it, so the coroutines left over at the end of a
     * test stay where they are for the leak check instead of racing through their timers. Any thread.
     */
    void freeze() {
        frozen = true;
    }

    boolean isFrozen() {
        return frozen;
    }
}
