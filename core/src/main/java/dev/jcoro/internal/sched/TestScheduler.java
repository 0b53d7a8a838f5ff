package dev.jcoro.internal.sched;

import dev.jcoro.Scheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A one-loop scheduler for tests, on virtual or real time, with what a test harness needs to look at it:
 * the time on its clock, the moment everything left waits, the coroutines still alive. Made for
 * {@code jcoro-test}'s extension; not a user API.
 *
 * <p>On virtual time the loop's clock stands still while any coroutine can run, and jumps straight to the
 * next timer once every coroutine waits and no offload, awaited future or ready channel could change that
 * (see {@code EventLoop.waitInVirtualTime}). One loop keeps the order of events deterministic.
 */
public final class TestScheduler implements AutoCloseable {
    private static final Map<SchedulerImpl, TestScheduler> OPEN = new ConcurrentHashMap<>();

    private final SchedulerImpl scheduler;
    private final LoopClock clock;
    private final VirtualClock virtualClock;
    private final long start;

    private TestScheduler(boolean virtualTime, Duration blockedThreshold) {
        this.virtualClock = virtualTime ? new VirtualClock() : null;
        this.clock = virtualTime ? virtualClock : SystemClock.INSTANCE;
        this.start = clock.nanoTime();
        this.scheduler = new SchedulerImpl(new SchedulerConfig(1, SchedulerConfig.defaultBlockingThreads(),
                blockedThreshold, SchedulerConfig.defaultBlockedReporter()), clock);
        OPEN.put(scheduler, this);
    }

    /**
     * Starts a one-loop scheduler.
     *
     * @param virtualTime true for virtual time, false for the system clock
     * @param blockedThreshold the watchdog's threshold (zero turns it off)
     * @return the running scheduler; close it when done
     */
    public static TestScheduler start(boolean virtualTime, Duration blockedThreshold) {
        return new TestScheduler(virtualTime, blockedThreshold);
    }

    /**
     * The test scheduler running the calling coroutine.
     *
     * @return it, or null if the caller is not a coroutine of a test scheduler
     */
    public static TestScheduler current() {
        Coroutine<?> co = Coroutine.current();
        return co == null ? null : OPEN.get(co.scheduler());
    }

    /** The scheduler to launch the test's coroutines on. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** True if its timers follow virtual time. */
    public boolean isVirtualTime() {
        return virtualClock != null;
    }

    /**
     * The time its timers have reached since it started: virtual time on virtual time, else real time. Any thread.
     *
     * @return the elapsed time on its clock
     */
    public Duration elapsed() {
        return Duration.ofNanos(clock.nanoTime() - start);
    }

    /**
     * Stops virtual time for good (nothing on real time): whatever is left waiting on a timer stays where it
     * is. Called when the test body ends, so that the leak check sees the coroutines it left behind as they
     * were. Any thread.
     */
    public void freezeTime() {
        if (virtualClock != null) {
            virtualClock.freeze();
        }
    }

    /**
     * Waits until the loop has nothing ready to run: every coroutine left waits for something.
     *
     * @param limit how long to wait in real time
     * @return true if the loop settled within {@code limit}
     * @throws InterruptedException if the calling thread is interrupted
     */
    public boolean awaitSettled(Duration limit) throws InterruptedException {
        EventLoop loop = scheduler.loops[0];
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            CompletableFuture<Boolean> idle = new CompletableFuture<>();
            loop.execute(() -> idle.complete(!loop.hasReadyWork()));
            try {
                if (idle.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (TimeoutException | ExecutionException e) {
                return false;
            }
        }
        return false;
    }

    /** The number of coroutines launched on it that have not ended. Any thread. */
    public int liveCoroutines() {
        return scheduler.liveCount();
    }

    /** The dump of its live coroutines, with their logical stacks (see {@link Scheduler#dump()}). Any thread. */
    public String dump() {
        return scheduler.dump();
    }

    /** Closes the scheduler (see {@link Scheduler#close()}). */
    @Override
    public void close() {
        try {
            scheduler.close();
        } finally {
            OPEN.remove(scheduler);
        }
    }
}
