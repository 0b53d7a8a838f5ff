package dev.jcoro.internal.sched;

/**
 * The time a loop's timers run on. Every deadline a loop keeps ({@code sleep}, {@code withTimeout}, socket
 * timeouts) is a reading of its clock plus a delay, so swapping the clock swaps the time they follow: the
 * system's monotonic clock normally, a {@link VirtualClock} on a test scheduler.
 *
 * <p>Only timers follow the clock. What measures the machine itself (the watchdog, the polling interval,
 * the close grace period) always reads {@link System#nanoTime()}.
 */
interface LoopClock {
    /**
     * The current time in nanoseconds, comparable only with other readings of the same clock, by subtraction.
     *
     * @return the current reading
     */
    long nanoTime();
}
