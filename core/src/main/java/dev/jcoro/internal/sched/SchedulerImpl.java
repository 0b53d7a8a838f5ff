package dev.jcoro.internal.sched;

import dev.jcoro.Scheduler;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.ObjectName;

/**
 * The {@link Scheduler}: a row of {@link EventLoop}s, the offload pool and the monitor. New coroutines
 * go round-robin over the loops.
 */
public final class SchedulerImpl implements Scheduler, SchedulerMXBean {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long CLOSE_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Every open scheduler, for {@link #dumpAll()}. */
    private static final Set<SchedulerImpl> OPEN = ConcurrentHashMap.newKeySet();
    private static final Runnable NO_OUTSIDE_WORK = () -> { };

    final EventLoop[] loops;
    private final String name;
    private final BlockingPool blocking;
    private final Monitor monitor;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final ObjectName managementName;
    /**
     * Offloads and awaited futures that coroutines wait for, counted only on virtual time, where the loop
     * must not jump its clock past them; null on real time, where counting would only cost.
     */
    private final AtomicInteger outsideWork;

    /**
     * Starts the loops, the pool and the monitor (with the watchdog unless its threshold is zero).
     *
     * @param config the settings
     */
    public SchedulerImpl(SchedulerConfig config) {
        this(config, SystemClock.INSTANCE);
    }

    /**
     * Starts a scheduler whose timers follow {@code clock}. A {@link VirtualClock} needs exactly one loop:
     * only then is "every coroutine waits" a state one thread can see, and the order of events deterministic.
     */
    SchedulerImpl(SchedulerConfig config, LoopClock clock) {
        boolean virtual = clock instanceof VirtualClock;
        if (virtual && config.threads() != 1) {
            throw new IllegalArgumentException("a scheduler on virtual time runs exactly one loop: " + config.threads());
        }
        this.name = "jcoro-" + IDS.incrementAndGet();
        this.outsideWork = virtual ? new AtomicInteger() : null;
        this.loops = new EventLoop[config.threads()];
        for (int i = 0; i < loops.length; i++) {
            loops[i] = new EventLoop(this, i, name + "-loop-" + i, clock);
        }
        this.blocking = new BlockingPool(name + "-blocking-", config.blockingThreads());
        long threshold = config.blockedThreshold().toNanos();
        Watchdog watchdog = threshold > 0 ? new Watchdog(threshold, config.blockedReporter(), loops.length) : null;
        this.monitor = new Monitor(loops, watchdog, name + "-monitor");
        for (EventLoop loop : loops) {
            loop.thread.start();
        }
        monitor.start();
        OPEN.add(this);
        managementName = Management.register(name, this);
    }

    @Override
    public <T> Task<T> launch(SuspendableCallable<T> body) {
        EventLoop loop = nextLoop();
        Coroutine<T> co = newCoroutine(loop, body);
        loop.submitFresh(co);
        if (loop.runStart != 0 && System.nanoTime() - loop.runStart > Monitor.STUCK_NANOS) {
            // The chosen loop is stuck in one coroutine: let an idle loop take the new one at once.
            wakeAThief(loop);
        }
        return co;
    }

    /** The next loop in turn that has not failed for good. */
    private EventLoop nextLoop() {
        for (int tries = 0; tries < loops.length; tries++) {
            EventLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
            if (!loop.isDead()) {
                return loop;
            }
        }
        throw new IllegalStateException("scheduler " + name + ": every loop has failed; see the errors reported "
                + "before, and close the scheduler");
    }

    /** Hands coroutines that a failed loop never started to the loops that still run. */
    void rehome(Coroutine<?> co) {
        EventLoop loop;
        try {
            loop = nextLoop();
        } catch (IllegalStateException e) {
            co.failAbandoned(e);
            return;
        }
        loop.submitFresh(co);
    }

    /** Wakes one loop asleep in its selector, other than {@code stuck}, so that it steals from {@code stuck}. */
    void wakeAThief(EventLoop stuck) {
        for (EventLoop l : loops) {
            if (l != stuck && l.wakeIfSleeping()) {
                return;
            }
        }
    }

    @Override
    public Task<Void> launch(SuspendableRunnable body) {
        return launch(new Coroutine.RunnableBody(checkBody(body)));
    }

    /** Launches {@code body} onto {@code loop} in particular (it may still be stolen before it starts). */
    <T> Coroutine<T> launchOn(EventLoop loop, SuspendableCallable<T> body) {
        Coroutine<T> co = newCoroutine(loop, body);
        loop.submitFresh(co);
        return co;
    }

    /** Starts {@code body} on {@code loop}, the caller's own loop, right after the caller suspends. */
    <T> Coroutine<T> launchHere(EventLoop loop, SuspendableCallable<T> body) {
        Coroutine<T> co = newCoroutine(loop, body);
        loop.startLocal(co);
        return co;
    }

    private <T> Coroutine<T> newCoroutine(EventLoop loop, SuspendableCallable<T> body) {
        checkBody(body);
        if (closing.get()) {
            throw new IllegalStateException("scheduler " + name + " is closed: cannot launch a coroutine");
        }
        live.incrementAndGet();
        return new Coroutine<>(this, loop, body, Context.current());
    }

    private static <B> B checkBody(B body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return body;
    }

    /**
     * Notes that a coroutine starts to wait for work done outside the loops (an offload, an awaited future).
     *
     * @return what notes its end; calling it again does nothing
     */
    Runnable outsideWorkBegins() {
        AtomicInteger count = outsideWork;
        if (count == null) {
            return NO_OUTSIDE_WORK;
        }
        count.incrementAndGet();
        AtomicBoolean ended = new AtomicBoolean();
        return () -> {
            if (ended.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        };
    }

    /** True while outside work that a coroutine waits for is under way; always false on real time. */
    boolean outsideWorkInFlight() {
        return outsideWork != null && outsideWork.get() > 0;
    }

    /** Counts a coroutine that ended. */
    void ended() {
        live.decrementAndGet();
    }

    /** The number of launched coroutines that have not ended. */
    public int liveCount() {
        return live.get();
    }

    @Override
    public int getLoops() {
        return loops.length;
    }

    @Override
    public int getLiveCoroutines() {
        return live.get();
    }

    @Override
    public String getDump() {
        return dump();
    }

    BlockingPool blocking() {
        return blocking;
    }

    /**
     * Reports an unexpected failure of a loop's own machinery (not of a coroutine's body, which its task
     * reports). The loop goes on serving; {@code fatal} says it gave up instead, after failing again and
     * again, and failed its coroutines with the cause.
     */
    void loopFailed(EventLoop loop, Throwable t, boolean fatal) {
        Diagnostics.SCHEDULER.failure("jcoro: loop " + loop.thread.getName() + (fatal
                ? " keeps failing and stops: its coroutines fail with the cause, new ones go to the other loops"
                : " hit an unexpected error and goes on serving"), t);
    }

    /** The scheduler's name, as in its threads' names. */
    String name() {
        return name;
    }

    @Override
    public String dump() {
        return CoroutineDump.of(this, name, closing.get());
    }

    /** The dump of every open scheduler. */
    public static String dumpAll() {
        return CoroutineDump.of(OPEN);
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitLoops();
            return;
        }
        for (EventLoop loop : loops) {
            loop.execute(loop::beginDrain);
        }
        awaitLoops();
        blocking.shutdown();
        monitor.stop();
        OPEN.remove(this);
        Management.unregister(managementName);
    }

    /**
     * Waits for the loops to stop: at most the drain grace period plus a margin, since a coroutine that
     * never suspends cannot be cancelled and would hold its loop, and close, forever. Such a loop is
     * reported and left running (its thread is a daemon).
     */
    private void awaitLoops() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + EventLoop.DRAIN_GRACE_NANOS + CLOSE_MARGIN_NANOS;
        for (EventLoop loop : loops) {
            if (loop.inLoop()) {
                continue;
            }
            while (loop.thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    Coroutine<?> co = loop.current;
                    Diagnostics.SCHEDULER.report("jcoro: close() gave up waiting for loop " + loop.thread.getName() + ": "
                            + (co == null ? "it does not stop" : co.describe() + " never suspends, so it cannot be cancelled"));
                    break;
                }
                try {
                    loop.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Scheduler[" + name + ", " + loops.length + " loops, " + live.get() + " live coroutines]";
    }
}
