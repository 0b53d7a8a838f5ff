package dev.jcoro.internal.sched;

import dev.jcoro.internal.CarrierThread;
import dev.jcoro.internal.jfr.RuntimeEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One carrier thread's loop: run the ready coroutines (a bounded batch), fire due timers, then wait in
 * {@link Selector#select} for sockets, timers or work handed in by other threads.
 *
 * <p>The ready queue, the timers, the selector's keys and the list of live coroutines belong to the loop's
 * thread alone. Other threads hand work in through {@link #inbound} (wake-ups, tasks) and {@link #fresh}
 * (new coroutines), both lock-free, and wake the selector only when the loop sleeps in it.
 */
public final class EventLoop implements Runnable {
    private static final int FRESH_BATCH = 256;
    private static final int STEAL_BATCH = 32;
    static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long POLL_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long HAND_IN_WINDOW_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /**
     * On virtual time, how long the selector is watched in real time before the clock jumps while some
     * channel waits for I/O: long enough for bytes already under way over loopback to land.
     */
    static final long IO_SETTLE_MILLIS = 2;
    private static final long DRAIN_POLL_MILLIS = 100;
    /** A loop that fails this many turns in a row (a broken selector, say) cannot serve and gives up. */
    static final int MAX_FAILURES_IN_A_ROW = 100;

    /**
     * The loop of each carrier thread. {@link CarrierThread} is final, so the loop cannot ride on the thread
     * itself; the lookup is made only on carrier threads and only when a coroutine starts to wait, next to
     * which its cost is small.
     */
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();

    final int index;
    final SchedulerImpl scheduler;
    final CarrierThread thread;
    private final Selector selector;
    private final ArrayDeque<Coroutine<?>> ready = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Object> inbound = new ConcurrentLinkedQueue<>();
    /** Launched coroutines that have not started; idle loops steal from here. */
    final ConcurrentLinkedQueue<Coroutine<?>> fresh = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    final TimerHeap timers = new TimerHeap();
    /** What the timers follow; a {@link VirtualClock} on a test scheduler. */
    private final LoopClock clock;
    /** The same clock when it is virtual, else null: the loop then moves it itself when idle. */
    private final VirtualClock virtualClock;
    /** Head of the list of started, unfinished coroutines, for the dump and for close. */
    private Coroutine<?> liveHead;
    /** The coroutine being resumed right now; read by the watchdog. */
    volatile Coroutine<?> current;
    /** When the current resume began (System.nanoTime), 0 between resumes; read by the watchdog. */
    volatile long runStart;
    private boolean draining;
    /** Set when the loop gives up; see {@link #giveUp}. */
    private volatile boolean dead;
    /** Turns that ended in an unexpected failure since the last turn that did not. */
    private int failuresInARow;
    private long drainDeadline;
    /** When the selector was last polled; a busy loop polls it at most every POLL_INTERVAL_NANOS. */
    private long lastPoll;
    /** When other threads last handed this loop a coroutine to resume; recent hand-ins make the loop spin. */
    private long lastHandIn;

    EventLoop(SchedulerImpl scheduler, int index, String name) {
        this(scheduler, index, name, SystemClock.INSTANCE);
    }

    EventLoop(SchedulerImpl scheduler, int index, String name, LoopClock clock) {
        this.scheduler = scheduler;
        this.index = index;
        this.clock = clock;
        this.virtualClock = clock instanceof VirtualClock ? (VirtualClock) clock : null;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for " + name, e);
        }
        this.thread = new CarrierThread(this, name);
        // A forgotten close must not keep the JVM alive.
        thread.setDaemon(true);
    }

    /** The loop whose carrier thread is the caller, or null. */
    public static EventLoop current() {
        return Thread.currentThread() instanceof CarrierThread ? CURRENT.get() : null;
    }

    /** The selector of this loop; register channels with it only from the loop's own thread. */
    public Selector selector() {
        return selector;
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
        return timers.schedule(deadlineNanos, action);
    }

    /** Schedules a pending timer on this loop, due {@code delayNanos} from now on its clock. Loop thread only. */
    public Timer scheduleAfter(long delayNanos, Runnable action) {
        return timers.schedule(clock.nanoTime() + delayNanos, action);
    }

    /** Cancels a timer of this loop; one that has fired is left alone. Loop thread only. */
    public void cancel(Timer t) {
        timers.cancel(t);
    }

    /** Queues {@code co} to be resumed by this loop. Any thread. */
    void schedule(Coroutine<?> co) {
        if (Thread.currentThread() == thread) {
            ready.add(co);
        } else {
            inbound.offer(co);
            wakeIfSleeping();
        }
    }

    /** Runs {@code task} on this loop's thread soon. Any thread. */
    public void execute(Runnable task) {
        inbound.offer(task);
        if (Thread.currentThread() != thread) {
            wakeIfSleeping();
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
            wakeIfSleeping();
        }
    }

    /** Starts {@code co} on this loop, after the running coroutine suspends; it cannot be stolen. Loop thread only. */
    void startLocal(Coroutine<?> co) {
        start(co);
    }

    /** Wakes the selector of this loop so that a socket closed by another thread is released at once. */
    public void wakeSelector() {
        selector.wakeup();
    }

    /** Wakes the loop if it sleeps in its selector; true if this call woke it. Any thread. */
    boolean wakeIfSleeping() {
        // Test before test-and-set: a loop that is awake costs its hand-in partners a read, not a cache-line steal.
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
            return true;
        }
        return false;
    }

    @Override
    public void run() {
        CURRENT.set(this);
        try {
            while (true) {
                try {
                    if (!turn()) {
                        return;
                    }
                    failuresInARow = 0;
                } catch (Throwable t) {
                    // Netty's rule: a loop that dies loses every coroutine on it and every one dealt to it
                    // later. Report and go on; only a loop that fails on every turn gives up.
                    if (++failuresInARow < MAX_FAILURES_IN_A_ROW) {
                        // One report per run of failures: a failure that repeats on every turn would flood the log.
                        if (failuresInARow == 1) {
                            scheduler.loopFailed(this, t, false);
                        }
                        continue;
                    }
                    giveUp(t);
                    return;
                }
            }
        } finally {
            abandonAll();
            try {
                selector.close();
            } catch (IOException ignored) {
                // The loop is gone; nothing more can be done with its selector.
            }
        }
    }

    /** One round of the loop; false once a drain has finished and the loop should stop. */
    private boolean turn() throws IOException {
        drainInbound();
        startFresh();
        if (draining && finishedDraining()) {
            return false;
        }
        runReady();
        timers.fireDue(clock.nanoTime());
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
        while ((co = fresh.poll()) != null) {
            scheduler.rehome(co);
        }
        while (liveHead != null) {
            Coroutine<?> c = liveHead;
            unlink(c);
            c.failAbandoned(failure);
        }
    }

    /** True once the loop gave up after failing again and again; launches skip it. Any thread. */
    boolean isDead() {
        return dead;
    }

    private void drainInbound() {
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
            lastHandIn = System.nanoTime();
        }
    }

    private void startFresh() {
        for (int i = 0; i < FRESH_BATCH; i++) {
            Coroutine<?> co = fresh.poll();
            if (co == null) {
                return;
            }
            start(co);
        }
    }

    private void start(Coroutine<?> co) {
        co.moveTo(this);
        if (!co.markStarted()) {
            return;
        }
        co.nextLive = liveHead;
        if (liveHead != null) {
            liveHead.prevLive = co;
        }
        liveHead = co;
        ready.add(co);
    }

    private void runReady() {
        for (int n = ready.size(); n > 0; n--) {
            resume(ready.poll());
        }
    }

    private void resume(Coroutine<?> co) {
        if (co.isDone()) {
            return;
        }
        current = co;
        runStart = System.nanoTime();
        try {
            co.continuation.resume();
        } catch (Throwable t) {
            // Coroutine.run catches what the body throws; what reaches here is a refusal raised by the
            // continuation itself (an uninstrumented body). It ends the coroutine like any failure.
            co.failWith(t);
        } finally {
            runStart = 0;
            current = null;
        }
        if (co.continuation.isDone()) {
            unlink(co);
            co.finish();
        }
    }

    private void unlink(Coroutine<?> co) {
        Coroutine<?> p = co.prevLive;
        Coroutine<?> n = co.nextLive;
        if (p == null) {
            liveHead = n;
        } else {
            p.nextLive = n;
        }
        if (n != null) {
            n.prevLive = p;
        }
        co.prevLive = null;
        co.nextLive = null;
    }

    private void waitForWork() throws IOException {
        // A coroutine may have interrupted its carrier; a pending interrupt would make every select return
        // at once and spin the loop. Interrupts mean nothing to a carrier, so drop them.
        Thread.interrupted();
        long now = System.nanoTime();
        if (!ready.isEmpty() || !inbound.isEmpty() || !fresh.isEmpty()) {
            // Busy: poll the sockets, but not on every round — the system call would cost more than the
            // coroutine hand-offs it sits between. Sockets still get their turn every POLL_INTERVAL_NANOS.
            if (now - lastPoll >= POLL_INTERVAL_NANOS) {
                pollNow(now);
            }
            return;
        }
        long toNext = timers.nanosToNext(clock.nanoTime());
        if (toNext == 0) {
            pollNow(now);
            return;
        }
        if (virtualClock != null) {
            waitInVirtualTime(virtualClock, toNext);
            return;
        }
        if (!draining && steal()) {
            pollNow(now);
            return;
        }
        if (!draining && now - lastHandIn < HAND_IN_WINDOW_NANOS && spinForHandOff(now, toNext)) {
            return;
        }
        long timeoutMillis = toNext < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(toNext + 999_999));
        if (draining) {
            timeoutMillis = timeoutMillis == 0 ? DRAIN_POLL_MILLIS : Math.min(timeoutMillis, DRAIN_POLL_MILLIS);
        }
        sleepInSelector(timeoutMillis);
    }

    /**
     * Sleeps in the selector until a channel is ready, work is handed in, or {@code timeoutMillis} pass
     * (0: no limit).
     *
     * @return the number of channels found ready
     */
    private int sleepInSelector(long timeoutMillis) throws IOException {
        sleeping.set(true);
        // Re-check after announcing the sleep: work handed in before the flag was set would not wake us.
        if (!inbound.isEmpty() || !fresh.isEmpty()) {
            sleeping.set(false);
            int ready = selector.selectNow(this::onReady);
            lastPoll = System.nanoTime();
            return ready;
        }
        boolean timed = timeoutMillis > 0 && RuntimeEvents.lateWakeupsRecorded();
        long before = timed ? System.nanoTime() : 0;
        int ready = selector.select(this::onReady, timeoutMillis);
        sleeping.set(false);
        lastPoll = System.nanoTime();
        if (timed && ready == 0) {
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            RuntimeEvents.selectorWokeLate(timeoutNanos, lastPoll - before - timeoutNanos);
        }
        return ready;
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
            sleepInSelector(idleLimit);
            return;
        }
        int ready;
        if (hasIoInterest()) {
            ready = sleepInSelector(IO_SETTLE_MILLIS);
        } else {
            ready = selector.selectNow(this::onReady);
            lastPoll = System.nanoTime();
        }
        if (ready == 0 && inbound.isEmpty() && fresh.isEmpty() && !scheduler.outsideWorkInFlight()) {
            clock.advance(toNextTimer);
        }
    }

    private boolean hasIoInterest() {
        for (SelectionKey key : selector.keys()) {
            try {
                if (key.interestOps() != 0) {
                    return true;
                }
            } catch (CancelledKeyException closed) {
                // A channel closed meanwhile waits for nothing.
            }
        }
        return false;
    }

    /** True while coroutines wait in the ready queue or launched coroutines wait to start. Loop thread only. */
    boolean hasReadyWork() {
        return !ready.isEmpty() || !fresh.isEmpty();
    }

    /**
     * A loop that other threads handed coroutines to a moment ago watches its hand-in queues for a few
     * microseconds before it goes to sleep in the selector. Coroutines that talk across loops (a channel
     * between two loops) then hand work to a loop that is still awake, which costs no system call on either
     * side; the sleep-and-wake-up round trip it avoids costs tens of microseconds. Loops woken only by
     * their sockets and timers never spin, so serving connections costs no extra CPU.
     *
     * @return true if work arrived while spinning
     */
    private boolean spinForHandOff(long now, long toNextTimer) {
        long spin = toNextTimer < 0 ? SPIN_NANOS : Math.min(SPIN_NANOS, toNextTimer);
        long end = now + spin;
        do {
            if (!inbound.isEmpty() || !fresh.isEmpty()) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - end < 0);
        return false;
    }

    private void pollNow(long now) throws IOException {
        selector.selectNow(this::onReady);
        lastPoll = now;
    }

    private void onReady(SelectionKey key) {
        ((IoHandler) key.attachment()).onReady(key);
    }

    /**
     * An idle loop takes some coroutines that another loop has not started yet, but only from a loop that is
     * running a coroutine right now: a loop that is merely waking up will start its own work in a moment,
     * and stealing from it would pile every launch onto whichever loop woke first.
     */
    private boolean steal() {
        EventLoop[] loops = scheduler.loops;
        boolean took = false;
        for (int k = 1; k < loops.length && !took; k++) {
            EventLoop victim = loops[(index + k) % loops.length];
            if (victim.runStart == 0) {
                continue;
            }
            for (int i = 0; i < STEAL_BATCH; i++) {
                Coroutine<?> co = victim.fresh.poll();
                if (co == null) {
                    break;
                }
                start(co);
                took = true;
            }
        }
        return took;
    }

    /** Starts the shutdown: cancels every coroutine of this loop, started or not. Runs on the loop. */
    void beginDrain() {
        draining = true;
        drainDeadline = System.nanoTime() + DRAIN_GRACE_NANOS;
        Coroutine<?> co;
        while ((co = fresh.poll()) != null) {
            co.cancel();
        }
        for (Coroutine<?> c = liveHead; c != null; c = c.nextLive) {
            c.cancel();
        }
    }

    private boolean finishedDraining() {
        if (liveHead == null && fresh.isEmpty()) {
            return true;
        }
        return System.nanoTime() - drainDeadline > 0;
    }

    /** Ends what is left when the loop stops, so that no joiner waits forever. */
    private void abandonAll() {
        Coroutine<?> co;
        while ((co = fresh.poll()) != null) {
            if (dead) {
                scheduler.rehome(co);
            } else {
                co.cancel();
            }
        }
        while (liveHead != null) {
            Coroutine<?> c = liveHead;
            unlink(c);
            c.abandon();
        }
    }

    /** The first of the started, unfinished coroutines; walk on with {@code nextLive}. Loop thread only. */
    Coroutine<?> liveHead() {
        return liveHead;
    }
}
