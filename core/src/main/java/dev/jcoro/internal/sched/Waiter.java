package dev.jcoro.internal.sched;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * One wait of one coroutine (or, outside coroutines, of one plain thread): the handle that whoever ends
 * the wait uses to wake it. Several parties may race to end a wait — the value arriving, a timer, a
 * cancellation, a close — and exactly one wins, by a compare-and-set; only the winner resumes the
 * waiter, so a coroutine is never resumed twice.
 *
 * <p>A waiter is used for one wait only, so a late party (a timer that fired after the value arrived)
 * finds it already ended and does nothing.
 */
public final class Waiter implements Runnable, Expiring {
    private static final int WAITING = 0;
    private static final int CLAIMED = 1;
    private static final int WOKEN = 2;
    private static final int CANCELLED = 3;
    private static final AtomicIntegerFieldUpdater<Waiter> STATE =
            AtomicIntegerFieldUpdater.newUpdater(Waiter.class, "state");

    final Coroutine<?> coroutine;
    private final Thread thread;
    private final boolean cancellable;
    /** What the coroutine waits for, shown by the coroutine dump. */
    private String reason;
    /** What it waits on, if anything (a duration, a task); kept as is so that waiting allocates no text. */
    private Object detail;
    private volatile int state;
    /**
     * The queue record a primitive made for this waiter (a channel's entry), kept with a waiter that its
     * coroutine reuses (see {@link #reusableForCurrent}) so that waiting again allocates nothing. Owner only.
     */
    public Object record;
    private Object item;
    /** Who ended the wait with a value (a channel's queue entry, a select clause), or null; read like item. */
    private Object source;

    private Waiter(Coroutine<?> coroutine, Thread thread, String reason, Object detail, boolean cancellable) {
        this.coroutine = coroutine;
        this.thread = thread;
        this.reason = reason;
        this.detail = detail;
        this.cancellable = cancellable;
    }

    /**
     * A waiter for the caller: the running coroutine, or else the calling thread. Checks cancellation
     * first, since creating a waiter means the caller is about to suspend.
     *
     * @param reason what the caller waits for, for the dump
     * @throws java.util.concurrent.CancellationException if the running coroutine has been cancelled
     * @throws IllegalStateException if the caller runs inside a nested continuation of a coroutine
     */
    public static Waiter forCurrent(String reason) {
        return forCurrent(reason, null);
    }

    /**
     * Like {@link #forCurrent(String)}, with what the caller waits on, shown after the reason in the dump.
     *
     * @throws java.util.concurrent.CancellationException if the running coroutine has been cancelled
     * @throws IllegalStateException if the caller runs inside a nested continuation of a coroutine
     */
    public static Waiter forCurrent(String reason, Object detail) {
        Coroutine<?> co = Coroutine.currentForSuspend();
        if (co == null) {
            return new Waiter(null, Thread.currentThread(), reason, detail, true);
        }
        co.throwIfCancelled();
        return new Waiter(co, null, reason, detail, true);
    }

    /**
     * Like {@link #forCurrent(String, Object)}, but a coroutine gets the same waiter object for each such
     * wait, so that waiting allocates nothing. Only for a wait that every party has let go of by the time the
     * coroutine resumes: one whose waker takes it out of the primitive's queue (under the primitive's lock)
     * before ending it, that no timer or select clause can end, and that the coroutine withdraws from the
     * queue itself when cancellation ends it. A channel's plain send and receive are such waits. A late
     * cancellation that still holds the waiter of the previous wait can only cancel the coroutine's current
     * wait, which a requested cancellation would end anyway.
     *
     * @throws java.util.concurrent.CancellationException if the running coroutine has been cancelled
     * @throws IllegalStateException if the caller runs inside a nested continuation of a coroutine
     */
    public static Waiter reusableForCurrent(String reason, Object detail) {
        Coroutine<?> co = Coroutine.currentForSuspend();
        if (co == null) {
            return new Waiter(null, Thread.currentThread(), reason, detail, true);
        }
        co.throwIfCancelled();
        Waiter w = co.spareWaiter;
        if (w == null) {
            w = new Waiter(co, null, reason, detail, true);
            co.spareWaiter = w;
            return w;
        }
        // The previous wait has ended (the coroutine runs), so no party left can claim the reset state.
        w.reason = reason;
        w.detail = detail;
        w.item = null;
        w.source = null;
        STATE.lazySet(w, WAITING);
        return w;
    }

    /**
     * Records that the coroutine is about to suspend in this wait; false if it was cancelled meanwhile and
     * must not suspend. Follow it with {@code Continuation.suspend()} when true, then {@link #parked()}
     * either way. For primitives that suspend in their own frame rather than through {@link Suspension#await}.
     * Coroutines only.
     */
    public boolean park() {
        return coroutine.park(this);
    }

    /** The coroutine has resumed from this wait (or never suspended in it). Coroutines only. */
    public void parked() {
        coroutine.unpark();
    }

    /**
     * Like {@link #forCurrent(String, Object)} but cancellation does not end the wait: for a wait that must
     * finish, such as a cancelled child's cleanup, or taking a mutex back after a condition wait.
     */
    public static Waiter uncancellable(String reason, Object detail) {
        Coroutine<?> co = Coroutine.currentForSuspend();
        return co == null ? new Waiter(null, Thread.currentThread(), reason, detail, false)
                          : new Waiter(co, null, reason, detail, false);
    }

    /**
     * Who the caller is, for primitives that remember their holder (a mutex): the running coroutine, or
     * else the calling thread. Same value as {@link #owner()} of a waiter the caller creates.
     */
    public static Object currentOwner() {
        Coroutine<?> co = Coroutine.current();
        return co != null ? co : Thread.currentThread();
    }

    /** The coroutine or plain thread that waits here. */
    public Object owner() {
        return coroutine != null ? coroutine : thread;
    }

    /** What the waiter waits for, for the dump. */
    String describe() {
        return detail == null ? reason : reason + " " + detail;
    }

    /**
     * Ends the wait with {@code value}, if nothing ended it before. Any thread.
     *
     * @return true if this call ended the wait (and the value will be seen by the waiter)
     */
    public boolean wake(Object value) {
        return wakeFrom(null, value);
    }

    /**
     * Ends the wait with {@code value} handed over by {@code source}, if nothing ended it before. A waiter
     * enqueued in several places at once (a select) learns from {@link #source()} which one won. Any thread.
     *
     * @param source who ends the wait; if it is an {@link UndeliveredSink}, it gets the value back should
     *     the waiting coroutine be abandoned before it resumes
     * @param value the value the waiter sees
     * @return true if this call ended the wait
     */
    public boolean wakeFrom(Object source, Object value) {
        if (!STATE.compareAndSet(this, WAITING, CLAIMED)) {
            return false;
        }
        item = value;
        this.source = source;
        if (coroutine != null) {
            // A release store is enough: the coroutine reads the state after the hand-off that resumes it.
            STATE.lazySet(this, WOKEN);
        } else {
            state = WOKEN;
        }
        resumeWaiter();
        return true;
    }

    /** Who ended the wait by {@link #wakeFrom}; null if it was woken without a source, timed out or cancelled. */
    public Object source() {
        return source;
    }

    /** The waiting coroutine will never resume: hand a value it was given back to where it came from. */
    void dropUndelivered() {
        Object s = source;
        if (state == WOKEN && s instanceof UndeliveredSink) {
            ((UndeliveredSink) s).undelivered(item);
        }
    }

    /** Timer and completion action: ends the wait with no value. */
    @Override
    public void run() {
        wake(null);
    }

    /** As a completion handler, a waiter that something else already ended has nothing left to do. */
    @Override
    public boolean expired() {
        return state != WAITING;
    }

    /**
     * A completion handler that ends this wait with {@code source} as its {@link #source()}, and that a
     * coroutine may drop once the wait has ended otherwise (see {@link Coroutine#onDone}).
     */
    public Runnable wakerFrom(Object source) {
        return new Waker(this, source);
    }

    /** Ends the wait because the coroutine was cancelled, if nothing ended it before. Any thread. */
    boolean cancel() {
        if (cancellable && STATE.compareAndSet(this, WAITING, CANCELLED)) {
            resumeWaiter();
            return true;
        }
        return false;
    }

    /** The waiting coroutine itself saw its cancellation before suspending: end the wait without resuming. */
    boolean cancelSelf() {
        return cancellable && STATE.compareAndSet(this, WAITING, CANCELLED);
    }

    /** True if cancellation ended the wait; the waiter must clean up and throw. */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /** True if a plain thread waits, which blocks instead of suspending. */
    public boolean onPlainThread() {
        return coroutine == null;
    }

    /** The loop of the waiting coroutine; null for a plain thread. */
    public EventLoop loop() {
        return coroutine == null ? null : coroutine.loop();
    }

    /** The exception the waiting coroutine throws once cancellation ended its wait. */
    public java.util.concurrent.CancellationException cancellation() {
        return coroutine.cancellation();
    }

    /** True while nothing has ended the wait. */
    public boolean isWaiting() {
        return state == WAITING;
    }

    /** The value the wait ended with; null after a cancellation. */
    public Object item() {
        return item;
    }

    private void resumeWaiter() {
        if (coroutine != null) {
            coroutine.loop().schedule(coroutine);
        } else {
            LockSupport.unpark(thread);
        }
    }

    /** Blocks the plain thread that owns this waiter until the wait ends. */
    void blockThread() {
        boolean interrupted = false;
        while (state < WOKEN) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Blocks the plain thread that owns this waiter until the wait ends, or until {@code deadline}
     * ({@code System.nanoTime()}), when it ends the wait itself with {@code expired} as its source.
     *
     * @throws InterruptedException if the thread was interrupted first (the wait is then cancelled)
     */
    void blockThreadUntil(long deadline, Object expired) throws InterruptedException {
        while (state < WOKEN) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (!wakeFrom(expired, null)) {
                    // Another party claimed the wait a moment ago and is publishing its value.
                    Thread.onSpinWait();
                }
                continue;
            }
            LockSupport.parkNanos(this, left);
            if (Thread.interrupted()) {
                if (STATE.compareAndSet(this, WAITING, CANCELLED)) {
                    throw new InterruptedException();
                }
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Blocks the plain thread that owns this waiter until the wait ends or the thread is interrupted. */
    void blockThreadInterruptibly() throws InterruptedException {
        while (state < WOKEN) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                if (STATE.compareAndSet(this, WAITING, CANCELLED)) {
                    throw new InterruptedException();
                }
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Waker implements Runnable, Expiring {
        private final Waiter waiter;
        private final Object source;

        Waker(Waiter waiter, Object source) {
            this.waiter = waiter;
            this.source = source;
        }

        @Override
        public void run() {
            waiter.wakeFrom(source, null);
        }

        @Override
        public boolean expired() {
            return waiter.state != WAITING;
        }
    }
}
