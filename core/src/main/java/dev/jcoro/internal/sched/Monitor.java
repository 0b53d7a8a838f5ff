package dev.jcoro.internal.sched;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One background thread per scheduler that looks at the loops from outside, a few hundred times a second
 * at most: it runs the {@link Watchdog}, and it wakes an idle loop when another loop is stuck in one
 * coroutine while launched coroutines wait behind it, so that the idle loop can steal them. Without that
 * nudge an idle loop asleep in its selector would never notice them.
 */
final class Monitor implements Runnable {
    /**
     * The longest time between ticks. A loop whose one resume lasts from one tick to the next counts as stuck
     * for the coroutines queued behind it.
     */
    private static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final EventLoop[] loops;
    private final Watchdog watchdog;
    private final long periodNanos;
    /** Per loop index: the resume seen at the previous tick. */
    private final long[] seenSeq;
    private final Thread thread;
    private volatile boolean stopped;

    Monitor(EventLoop[] loops, Watchdog watchdog, String name) {
        this.loops = loops;
        this.watchdog = watchdog;
        this.periodNanos = watchdog == null ? MAX_PERIOD_NANOS : Math.min(MAX_PERIOD_NANOS, watchdog.periodNanos());
        this.seenSeq = new long[loops.length];
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        long previous = System.nanoTime();
        while (!stopped) {
            LockSupport.parkNanos(this, periodNanos);
            long now = System.nanoTime();
            // A tick that comes late means this thread could not run; the carriers most likely could not either.
            long late = Math.max(0, now - previous - periodNanos);
            for (EventLoop loop : loops) {
                if (watchdog != null) {
                    watchdog.check(loop, now, previous, late);
                }
                long seq = loop.runSeq;
                boolean stuck = seq == seenSeq[loop.index] && loop.current != null;
                seenSeq[loop.index] = seq;
                if (stuck && (!loop.fresh.isEmpty() || !loop.local.isEmpty())) {
                    loop.scheduler.wakeAThief(loop);
                }
            }
            previous = now;
        }
    }
}
