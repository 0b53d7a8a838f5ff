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
 * The {@link Scheduler}: a row of {@link EventLoop}s, the offload pool and the monitor.
 *
 * <p>Placement: a coroutine launched by a coroutine starts on its parent's loop (children near the parent,
 * as the JDK does with a virtual thread started by another), where it waits in a queue that idle loops
 * steal half of at a time; a loop that builds a backlog wakes one sleeping loop to steal, and no more than
 * one searches at a time. A loop that holds far more started coroutines than the mean (an accept loop whose
 * connection handlers live long) deals its launches to the other loops instead, so servers still spread.
 * Launches from plain threads go round-robin.
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
    /**
     * How many more started coroutines than the mean a loop may hold before its coroutines' launches go to
     * other loops, so that long-lived coroutines (connections) end up spread. A parent's short-lived
     * children do not tip it: they count on its loop only once started, after the parent has launched them.
     */
    static final int BALANCE_SLACK = 2;

    private final AtomicInteger next = new AtomicInteger();
    /** Loops woken to steal a backlog that have not searched yet; at most one at a time. */
    private final AtomicInteger searching = new AtomicInteger();

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
        checkBody(body);
        EventLoop here = EventLoop.current();
        if (here != null && here.scheduler == this && here.current != null) {
            Coroutine<?> parent = here.current;
            if (loops.length == 1 || !here.crowded(loops.length, live.get())) {
                Coroutine<T> co = newCoroutine(here, body, parent.context);
                here.submitLocal(co);
                return co;
            }
            EventLoop other = nextLoop(here);
            Coroutine<T> co = newCoroutine(other, body, parent.context);
            other.submitFresh(co);
            return co;
        }
        EventLoop loop = nextLoop(null);
        Coroutine<T> co = newCoroutine(loop, body, Context.current());
        loop.submitFresh(co);
        return co;
    }

    /** The next loop in turn that has not failed for good, other than {@code skip} if there is another. */
    private EventLoop nextLoop(EventLoop skip) {
        for (int tries = 0; tries < 2 * loops.length; tries++) {
            EventLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
            if (!loop.isDead() && (loop != skip || loops.length == 1)) {
                return loop;
            }
        }
        if (skip != null && !skip.isDead()) {
            return skip;
        }
        throw new IllegalStateException("scheduler " + name + ": every loop has failed; see the errors reported "
                + "before, and close the scheduler");
    }

    /** Hands coroutines that a failed loop never started to the loops that still run. */
    void rehome(Coroutine<?> co) {
        EventLoop loop;
        try {
            loop = nextLoop(null);
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

    /**
     * {@code busy} has a backlog of children waiting to start: unless a loop is searching already, wake one
     * sleeping loop to steal half of it (Tokio's cap on searching workers, at one). Costs a read when another
     * loop searches, so a parent launching many children pays for at most one wake-up per search.
     */
    void notifyThief(EventLoop busy) {
        if (searching.get() != 0) {
            return;
        }
        for (int k = 1; k < loops.length; k++) {
            EventLoop l = loops[(busy.index + k) % loops.length];
            if (l.isParked() && !l.isDead()) {
                if (searching.compareAndSet(0, 1)) {
                    l.searchRequested = true;
                    l.wakeIfSleeping();
                }
                return;
            }
        }
    }

    /** A loop woken by {@link #notifyThief} has searched; the next backlog may wake another. */
    void searchEnded() {
        searching.decrementAndGet();
    }

    @Override
    public Task<Void> launch(SuspendableRunnable body) {
        return launch(Coroutine.withoutResult(checkBody(body)));
    }

    /** Launches {@code body} onto {@code loop} in particular (it may still be stolen before it starts). */
    <T> Coroutine<T> launchOn(EventLoop loop, SuspendableCallable<T> body) {
        Coroutine<T> co = newCoroutine(loop, checkBody(body), Context.current());
        loop.submitFresh(co);
        return co;
    }

    /** Starts {@code body} on {@code loop}, the caller's own loop, right after the caller suspends. */
    <T> Coroutine<T> launchHere(EventLoop loop, SuspendableCallable<T> body) {
        Coroutine<T> co = newCoroutine(loop, checkBody(body), Context.current());
        loop.startLocal(co);
        return co;
    }

    private <T> Coroutine<T> newCoroutine(EventLoop loop, SuspendableCallable<T> body, Context context) {
        if (closing.get()) {
            throw new IllegalStateException("scheduler " + name + " is closed: cannot launch a coroutine");
        }
        live.incrementAndGet();
        return new Coroutine<>(this, loop, body, context);
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
