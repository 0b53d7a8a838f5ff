package dev.jcoro.internal.sched;

import dev.jcoro.internal.CarrierThread;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One carrier thread's loop: run the ready coroutines (a bounded batch), fire due timers, then wait for
 * sockets, timers or work handed in by other threads — spinning a little first when other threads have been
 * handing work in ({@link IdleSpin}), sleeping in the selector ({@link LoopSelector}) otherwise.
 *
 * <p>The ready queue, the timers, the selector's keys and the list of live coroutines belong to the loop's
 * thread alone (asserted). Other threads hand work in through {@link #inbound} (coroutines to resume,
 * tasks) and {@link #fresh} (new coroutines), both lock-free, and wake the selector only when the loop
 * sleeps in it. Coroutines launched by this loop's own coroutines wait to start in {@link #local}, from
 * which idle loops steal half at a time.
 */
public final class EventLoop implements Runnable {
    private static final int FRESH_BATCH = 256;
    /** Resumes from the LIFO slot per turn, so that a chatty pair cannot keep timers and sockets waiting. */
    private static final int LIFO_BUDGET = 128;
    static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * On virtual time, how long the selector is watched in real time before the clock jumps while some
     * channel waits for I/O: long enough for bytes already under way over loopback to land.
     */
    static final long IO_SETTLE_MILLIS = 2;
    private static final long DRAIN_POLL_MILLIS = 100;
    /** A loop that fails this many turns in a row (a broken selector, say) cannot serve and gives up. */
    static final int MAX_FAILURES_IN_A_ROW = 100;
    private static final VarHandle CURRENT_CO;
    private static final VarHandle RUN_SEQ;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CURRENT_CO = l.findVarHandle(EventLoop.class, "current", Coroutine.class);
            RUN_SEQ = l.findVarHandle(EventLoop.class, "runSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    final SchedulerImpl scheduler;
    final CarrierThread thread;
    private final LoopSelector io;
    private final RunQueue ready = new RunQueue();
    private final ConcurrentLinkedQueue<Object> inbound = new ConcurrentLinkedQueue<>();
    /** Coroutines launched from other threads (or spilled here) that have not started; stolen only from a busy loop. */
    final ConcurrentLinkedQueue<Coroutine<?>> fresh = new ConcurrentLinkedQueue<>();
    /** Coroutines launched by this loop's coroutines that have not started; idle loops steal half at a time. */
    final StealableQueue local = new StealableQueue();
    final TimerHeap timers = new TimerHeap();
    private final IdleSpin spin = new IdleSpin();
    /** What the timers follow; a {@link VirtualClock} on a test scheduler. */
    private final LoopClock clock;
    /** The same clock when it is virtual, else null: the loop then moves it itself when idle. */
    private final VirtualClock virtualClock;
    private final Thief thief = new Thief(this);
    /** {@link #hasHandIns}, made once: the selector and the spin ask it before every sleep. */
    private final BooleanSupplier handedIn = this::hasHandIns;
    /** The started, unfinished coroutines, for the dump, for close and for placement. */
    private final LiveCoroutines live = new LiveCoroutines();
    /** The coroutine being resumed right now; read by the watchdog and by thieves (written with release). */
    volatile Coroutine<?> current;
    /**
     * Counts resumes (written with release): the monitor sees one resume last across its ticks when neither
     * this nor {@link #current} changes. A counter instead of a start time keeps a clock read off every resume.
     */
    volatile long runSeq;
    /** Set by a loop that launched a backlog and woke this one to steal from it; see SchedulerImpl.notifyThief. */
    volatile boolean searchRequested;
    private boolean draining;
    /** Set when the loop gives up; see {@link #giveUp}. */
    private volatile boolean dead;
    /** Turns that ended in an unexpected failure since the last turn that did not. */
    private int failuresInARow;
    private long drainDeadline;

    EventLoop(SchedulerImpl scheduler, int index, String name) {
        this(scheduler, index, name, SystemClock.INSTANCE);
    }

    EventLoop(SchedulerImpl scheduler, int index, String name, LoopClock clock) {
        this.scheduler = scheduler;
        this.index = index;
        this.clock = clock;
        this.virtualClock = clock instanceof VirtualClock ? (VirtualClock) clock : null;
        this.io = new LoopSelector(name);
        this.thread = new CarrierThread(this, name);
        // A forgotten close must not keep the JVM alive.
        thread.setDaemon(true);
    }

    /**
     * The loop whose carrier thread is the caller, or null. The loop is the carrier's task, so finding it costs
     * two loads and no {@link ThreadLocal} lookup: every wait asks for it.
     */
    public static EventLoop current() {
        Thread t = Thread.currentThread();
        Runnable task = t instanceof CarrierThread ? ((CarrierThread) t).task() : null;
        return task instanceof EventLoop ? (EventLoop) task : null;
    }

    /** The selector of this loop; register channels with it only from the loop's own thread. */
    public Selector selector() {
        return io.selector();
    }

    /** True if the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * The time on this loop's clock, the one its timers follow: {@link System#nanoTime()}, or virtual time on
     * a test scheduler. Deadlines given to {@link #schedule(long, Runnable)} must be readings of this clock.
     * Any thread.
     */
    public long nanoTime() {
        return clock.nanoTime();
    }

    /** Schedules a pending timer on this loop, due at {@code deadlineNanos} on {@link #nanoTime()}. Loop thread only. */
    public Timer schedule(long deadlineNanos, Runnable action) {
        assert inLoop() : "timers belong to their loop's thread";
        return timers.schedule(deadlineNanos, action);
    }

    /** Schedules a pending timer on this loop, due {@code delayNanos} from now on its clock. Loop thread only. */
    public Timer scheduleAfter(long delayNanos, Runnable action) {
        assert inLoop() : "timers belong to their loop's thread";
        return timers.schedule(clock.nanoTime() + delayNanos, action);
    }

    /** Cancels a timer of this loop; one that has fired is left alone. Loop thread only. */
    public void cancel(Timer t) {
        assert inLoop() : "timers belong to their loop's thread";
        timers.cancel(t);
    }

    /** Queues {@code co} to be resumed by this loop. Any thread. */
    void schedule(Coroutine<?> co) {
        if (Thread.currentThread() != thread) {
            inbound.offer(co);
            io.wakeIfParked();
        } else if (current != null) {
            ready.wokenByRunning(co);
        } else {
            ready.add(co);
        }
    }

    /** Queues the running coroutine {@code co} behind the other ready ones: it yields. Loop thread only. */
    void scheduleYield(Coroutine<?> co) {
        assert inLoop() : "a coroutine yields on its own loop";
        ready.add(co);
    }

    /** Runs {@code task} on this loop's thread soon. Any thread. */
    public void execute(Runnable task) {
        inbound.offer(task);
        if (Thread.currentThread() != thread) {
            io.wakeIfParked();
        }
    }

    /** Queues a new coroutine to start on this loop (or on a loop that steals it). Any thread. */
    void submitFresh(Coroutine<?> co) {
        fresh.offer(co);
        // A loop that gave up sets dead before it drains fresh: either it drains this one, or we see dead.
        if (dead && fresh.remove(co)) {
            scheduler.rehome(co);
            return;
        }
        if (Thread.currentThread() != thread) {
            io.wakeIfParked();
        }
    }

    /**
     * Queues a coroutine launched by one of this loop's coroutines: it starts here after its parent
     * suspends, unless an idle loop steals it first. Loop thread only.
     */
    void submitLocal(Coroutine<?> co) {
        assert inLoop() : "only a loop's own coroutines launch onto it";
        if (!local.push(co)) {
            fresh.offer(co);
        }
        if (local.size() > 1) {
            // A backlog: one idle loop may take half of it (SchedulerImpl caps how many search at once).
            scheduler.notifyThief(this);
        }
    }

    /** True if this loop holds far more started coroutines than the scheduler's mean: launches go elsewhere. */
    boolean crowded(int loops, int liveInScheduler) {
        return live.size() > liveInScheduler / loops + SchedulerImpl.BALANCE_SLACK;
    }

    /** Starts {@code co} on this loop, after the running coroutine suspends; it cannot be stolen. Loop thread only. */
    void startLocal(Coroutine<?> co) {
        start(co);
    }

    /** Wakes the selector of this loop so that a socket closed by another thread is released at once. */
    public void wakeSelector() {
        io.wakeup();
    }

    /** Wakes the loop if it sleeps in its selector; true if this call woke it. Any thread. */
    boolean wakeIfSleeping() {
        return io.wakeIfParked();
    }

    /** True while the loop sleeps in its selector. Any thread; a snapshot. */
    boolean isParked() {
        return io.isParked();
    }

    @Override
    public void run() {
        try {
            while (turnSurvivingFaults()) {
                // Each turn runs ready coroutines, fires timers and waits for more work.
            }
        } finally {
            abandonAll();
            io.close();
        }
    }

    /**
     * One turn, surviving what it throws (Netty's rule: a loop that dies loses every coroutine on it and
     * every one dealt to it later). Only a loop that fails on every turn gives up.
     *
     * @return false once the loop should stop
     */
    private boolean turnSurvivingFaults() {
        try {
            boolean goOn = turn();
            failuresInARow = 0;
            return goOn;
        } catch (Throwable t) {
            if (++failuresInARow < MAX_FAILURES_IN_A_ROW) {
                // One report per run of failures: a failure that repeats on every turn would flood the log.
                if (failuresInARow == 1) {
                    scheduler.loopFailed(this, t, false);
                }
                return true;
            }
            giveUp(t);
            return false;
        }
    }

    /** One round of the loop; false once a drain has finished and the loop should stop. */
    private boolean turn() throws IOException {
        assert inLoop() : "only the loop's thread turns it";
        takeHandIns();
        startFresh();
        if (draining && finishedDraining()) {
            return false;
        }
        runReady();
        if (timers.size() != 0) {
            timers.fireDue(clock.nanoTime());
        }
        waitForWork();
        return true;
    }

    /**
     * Stops a loop that fails on every turn: no launch goes to it any more, the coroutines it never started
     * go to the other loops, and those it holds fail with {@code cause}, so nothing waits for them forever.
     */
    private void giveUp(Throwable cause) {
        dead = true;
        scheduler.loopFailed(this, cause, true);
        LoopFailedException failure = new LoopFailedException(thread.getName(), cause);
        Coroutine<?> co;
        while ((co = local.poll()) != null) {
            scheduler.rehome(co);
        }
        while ((co = fresh.poll()) != null) {
            scheduler.rehome(co);
        }
        Coroutine<?> c;
        while ((c = live.first()) != null) {
            live.remove(c);
            c.failAbandoned(failure);
        }
    }

    /** True once the loop gave up after failing again and again; launches skip it. Any thread. */
    boolean isDead() {
        return dead;
    }

    private void takeHandIns() {
        Object o;
        boolean handedIn = false;
        while ((o = inbound.poll()) != null) {
            if (o instanceof Coroutine) {
                ready.add((Coroutine<?>) o);
                handedIn = true;
            } else {
                ((Runnable) o).run();
            }
        }
        if (handedIn) {
            spin.handedIn(System.nanoTime());
        }
    }

    private void startFresh() {
        int n = 0;
        Coroutine<?> co;
        while (n < FRESH_BATCH && (co = fresh.poll()) != null) {
            start(co);
            n++;
        }
        while (n < FRESH_BATCH && (co = local.poll()) != null) {
            start(co);
            n++;
        }
    }

    /** Makes {@code co}, launched here or stolen from another loop, ready to run here. Loop thread only. */
    void start(Coroutine<?> co) {
        assert inLoop() : "a loop starts coroutines on its own thread";
        co.moveTo(this);
        if (!co.markStarted()) {
            return;
        }
        live.add(co);
        ready.add(co);
    }

    /**
     * Resumes what was ready when the turn began, each followed by the coroutines it woke on this loop
     * through the LIFO slot (at most {@link #LIFO_BUDGET} of those per turn).
     */
    private void runReady() {
        int lifoLeft = LIFO_BUDGET;
        Coroutine<?> co = ready.takeNext();
        if (co != null) {
            resume(co);
            lifoLeft--;
        }
        for (int n = ready.queued(); ; n--) {
            while (lifoLeft > 0 && (co = ready.takeNext()) != null) {
                resume(co);
                lifoLeft--;
            }
            if (n <= 0) {
                return;
            }
            resume(ready.poll());
        }
    }

    private void resume(Coroutine<?> co) {
        if (co.isDone()) {
            return;
        }
        ready.resumeBegins();
        CURRENT_CO.setRelease(this, co);
        RUN_SEQ.setRelease(this, runSeq + 1);
        try {
            co.continuation.resume();
        } catch (Throwable t) {
            // What a body without a result throws (its forwarding body keeps no frame, so no handler), or a
            // refusal raised by the continuation itself (an uninstrumented body). It ends the coroutine.
            co.failWith(t);
        } finally {
            CURRENT_CO.setRelease(this, (Coroutine<?>) null);
        }
        if (co.continuation.isDone()) {
            live.remove(co);
            co.finish();
        }
    }

    /** True if other threads have handed work in. Loop thread only. */
    boolean hasHandIns() {
        return !inbound.isEmpty() || !fresh.isEmpty();
    }

    private boolean hasWork() {
        return !ready.isEmpty() || hasHandIns() || !local.isEmpty();
    }

    private void waitForWork() throws IOException {
        // A coroutine may have interrupted its carrier; a pending interrupt would make every select return
        // at once and spin the loop. Interrupts mean nothing to a carrier, so drop them.
        Thread.interrupted();
        long now = System.nanoTime();
        if (hasWork()) {
            // Busy: poll the sockets, but not on every round — the system call would cost more than the
            // coroutine hand-offs it sits between. Sockets still get their turn every POLL_INTERVAL_NANOS.
            if (now - io.lastPoll >= POLL_INTERVAL_NANOS) {
                io.pollNow(now);
            }
            return;
        }
        long toNext = timers.nanosToNext(virtualClock == null ? now : clock.nanoTime());
        if (toNext == 0) {
            io.pollNow(now);
            return;
        }
        if (virtualClock != null) {
            waitInVirtualTime(virtualClock, toNext);
            return;
        }
        if (!draining && searchForWork()) {
            io.pollNow(now);
            return;
        }
        if (!draining && spin.worthSpinning(now) && spin.spin(now, toNext, handedIn, thief)) {
            return;
        }
        long timeoutMillis = toNext < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(toNext + 999_999));
        if (draining) {
            timeoutMillis = timeoutMillis == 0 ? DRAIN_POLL_MILLIS : Math.min(timeoutMillis, DRAIN_POLL_MILLIS);
        }
        sleep(timeoutMillis);
    }

    /** Sleeps in the selector, and teaches the spin what the sleep showed. */
    private void sleep(long timeoutMillis) throws IOException {
        long before = System.nanoTime();
        io.park(timeoutMillis, handedIn);
        spin.slept(io.lastPoll - before, hasHandIns());
    }

    /**
     * The idle loop's search: steals from the others, and if another loop woke this one to do so,
     * ends that request so that the next backlog may wake a searcher again.
     */
    private boolean searchForWork() {
        boolean took = thief.steal();
        if (searchRequested) {
            searchRequested = false;
            scheduler.searchEnded();
        }
        return took;
    }

    /**
     * The idle step on virtual time (no coroutine is ready, no timer is due). The clock jumps to the next
     * timer only when nothing else can happen first: nothing was handed in, no offload or awaited future is
     * in flight, and no channel is ready. While some channel waits for I/O the selector is watched for
     * {@link #IO_SETTLE_MILLIS} of real time before the jump, so that a reply already under way over
     * loopback wins over a read timeout. With no timer to jump to (or a frozen clock) the loop sleeps until
     * woken, as on real time.
     */
    private void waitInVirtualTime(VirtualClock clock, long toNextTimer) throws IOException {
        boolean mayJump = toNextTimer > 0 && (draining || !clock.isFrozen());
        long idleLimit = draining ? DRAIN_POLL_MILLIS : 0;
        if (!mayJump || scheduler.outsideWorkInFlight()) {
            // Only a hand-in (the end of that outside work among them) or a channel can wake anyone now.
            io.park(idleLimit, handedIn);
            return;
        }
        int readyChannels;
        if (io.hasIoInterest()) {
            readyChannels = io.park(IO_SETTLE_MILLIS, handedIn);
        } else {
            readyChannels = io.pollNow(System.nanoTime());
        }
        if (readyChannels == 0 && !hasHandIns() && !scheduler.outsideWorkInFlight()) {
            clock.advance(toNextTimer);
        }
    }

    /** True while coroutines wait in the ready queue or launched coroutines wait to start. Loop thread only. */
    boolean hasReadyWork() {
        return !ready.isEmpty() || !fresh.isEmpty() || !local.isEmpty();
    }

    /** Starts the shutdown: cancels every coroutine of this loop, started or not. Runs on the loop. */
    void beginDrain() {
        draining = true;
        drainDeadline = System.nanoTime() + DRAIN_GRACE_NANOS;
        cancelUnstarted();
        for (Coroutine<?> c = live.first(); c != null; c = c.nextLive) {
            c.cancel();
        }
    }

    private void cancelUnstarted() {
        Coroutine<?> co;
        while ((co = local.poll()) != null) {
            co.cancel();
        }
        while ((co = fresh.poll()) != null) {
            co.cancel();
        }
    }

    private boolean finishedDraining() {
        if (live.first() == null && fresh.isEmpty() && local.isEmpty()) {
            return true;
        }
        return System.nanoTime() - drainDeadline > 0;
    }

    /** Ends what is left when the loop stops, so that no joiner waits forever. */
    private void abandonAll() {
        if (searchRequested) {
            searchRequested = false;
            scheduler.searchEnded();
        }
        if (dead) {
            Coroutine<?> co;
            while ((co = local.poll()) != null) {
                scheduler.rehome(co);
            }
            while ((co = fresh.poll()) != null) {
                scheduler.rehome(co);
            }
        } else {
            cancelUnstarted();
        }
        Coroutine<?> c;
        while ((c = live.first()) != null) {
            live.remove(c);
            c.abandon();
        }
    }

    /** The first of the started, unfinished coroutines; walk on with {@code nextLive}. Loop thread only. */
    Coroutine<?> liveHead() {
        return live.first();
    }
}
