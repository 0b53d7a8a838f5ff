package dev.jcoro.internal.sched;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;
import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.internal.jfr.RuntimeEvents;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A coroutine: a {@link Continuation} that runs a body on one {@link EventLoop}, plus what a {@link Task}
 * needs — result, cancellation, completion callbacks.
 *
 * <p>Only its loop resumes it. It may be woken from any thread, but only through a {@link Waiter}, whose
 * compare-and-set makes sure it is resumed once per suspension.
 *
 * @param <T> the type of the result
 */
public final class Coroutine<T> implements Task<T>, SuspendableRunnable {
    private static final AtomicLong IDS = new AtomicLong();
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int DONE = 2;
    private static final AtomicIntegerFieldUpdater<Coroutine> PHASE =
            AtomicIntegerFieldUpdater.newUpdater(Coroutine.class, "phase");
    private static final AtomicIntegerFieldUpdater<Coroutine> CANCEL =
            AtomicIntegerFieldUpdater.newUpdater(Coroutine.class, "cancelRequested");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Coroutine, Object> HANDLERS =
            AtomicReferenceFieldUpdater.newUpdater(Coroutine.class, Object.class, "handlers");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Coroutine, TaskFuture> FUTURE =
            AtomicReferenceFieldUpdater.newUpdater(Coroutine.class, TaskFuture.class, "future");
    /** Marks {@link #handlers} once the coroutine has ended: handlers added later run at once. */
    private static final Object ENDED = new Object();

    final long id = IDS.incrementAndGet();
    final SchedulerImpl scheduler;
    final Continuation continuation;
    private final SuspendableCallable<T> body;
    /** The loop that runs it; may change (work stealing) only before it starts. */
    private volatile EventLoop loop;
    private volatile int phase;
    private volatile int cancelRequested;
    /** The wait it is suspended in, for cancellation to end; null while it runs. */
    private volatile Waiter waiter;
    private volatile Object handlers;
    private volatile TaskFuture<T> future;
    private T result;
    private Throwable failure;
    /** Set while it sits in its loop's ready queue after {@link Suspension#yieldNow()}; for the dump. */
    boolean yielding;
    /** The watchdog reports a coroutine once. */
    volatile boolean blockReported;
    /** Links of its loop's list of started, unfinished coroutines. */
    Coroutine<?> prevLive;
    Coroutine<?> nextLive;

    Coroutine(SchedulerImpl scheduler, EventLoop loop, SuspendableCallable<T> body) {
        this.scheduler = scheduler;
        this.loop = loop;
        this.body = body;
        this.continuation = new Continuation(this);
    }

    /**
     * The coroutine running on this thread, or null on a thread that is not running one.
     */
    public static Coroutine<?> current() {
        EventLoop loop = EventLoop.current();
        return loop == null ? null : loop.current;
    }

    /**
     * The coroutine that a suspension on this thread would pause, or null outside coroutines.
     *
     * @throws IllegalStateException if the code runs in a {@link Continuation} or generator nested inside
     *     the coroutine, where a suspension would pause the nested continuation instead
     */
    static Coroutine<?> currentForSuspend() {
        Coroutine<?> co = current();
        if (co != null && Continuation.current() != co.continuation) {
            throw new IllegalStateException("cannot suspend coroutine #" + co.id + " from inside a nested "
                    + "Continuation or Generator: run the waiting call outside it, or launch a separate coroutine");
        }
        return co;
    }

    /** The body of the continuation: runs the user's code and keeps its outcome. */
    @Override
    @Suspendable
    public void run() {
        try {
            result = body.call();
        } catch (Throwable t) {
            failure = t;
        }
    }

    EventLoop loop() {
        return loop;
    }

    /** The scheduler that runs it. */
    public SchedulerImpl scheduler() {
        return scheduler;
    }

    /** Moves a coroutine that has not started yet to another loop (work stealing). */
    void moveTo(EventLoop thief) {
        loop = thief;
    }

    /** Claims the start; false if it was cancelled before it could start. Called by its loop. */
    boolean markStarted() {
        if (!PHASE.compareAndSet(this, NEW, STARTED)) {
            return false;
        }
        RuntimeEvents.coroutineStarted(id);
        return true;
    }

    /** Records the wait it is about to suspend in; false if it was cancelled meanwhile and must not suspend. */
    boolean park(Waiter w) {
        waiter = w;
        return !(cancelRequested != 0 && w.cancelSelf());
    }

    void unpark() {
        waiter = null;
    }

    boolean isCancelRequested() {
        return cancelRequested != 0;
    }

    /**
     * Throws if cancellation was requested; every suspension point calls this first.
     *
     * @throws CancellationException if the coroutine has been cancelled
     */
    public void throwIfCancelled() {
        if (cancelRequested != 0) {
            throw cancellation();
        }
    }

    /** The exception a cancelled coroutine throws at its suspension points. */
    public CancellationException cancellation() {
        return new CancellationException("coroutine #" + id + " was cancelled");
    }

    /** Called by its loop once the body ended: publishes the outcome and runs the completion handlers. */
    void finish() {
        phase = DONE;
        scheduler.ended();
        RuntimeEvents.coroutineEnded(id, failure, cancelRequested != 0);
        runHandlers();
    }

    /** Records a failure raised by the continuation machinery rather than by the body. */
    void failWith(Throwable t) {
        failure = t;
    }

    /** Ends a coroutine its loop gave up on at close, without running it further. */
    void abandon() {
        if (failure == null) {
            failure = new CancellationException("coroutine #" + id + " was abandoned: it did not end within the "
                    + "scheduler's close grace period after being cancelled");
        }
        cancelRequested = 1;
        finish();
    }

    @Override
    public boolean cancel() {
        if (phase == DONE || !CANCEL.compareAndSet(this, 0, 1)) {
            return false;
        }
        if (PHASE.compareAndSet(this, NEW, STARTED)) {
            failure = new CancellationException("coroutine #" + id + " was cancelled before it started");
            finish();
            return true;
        }
        Waiter w = waiter;
        if (w != null) {
            w.cancel();
        }
        return true;
    }

    @Override
    public boolean isDone() {
        return phase == DONE;
    }

    @Override
    @Suspendable
    public T join() throws Exception {
        if (phase != DONE) {
            Coroutine<?> me = currentForSuspend();
            if (me == this) {
                throw new IllegalStateException("coroutine #" + id + " cannot join itself");
            }
            Waiter w = Waiter.forCurrent("join", this);
            onDone(w);
            Suspension.awaitInterruptibly(w);
            if (w.isCancelled()) {
                throw me.cancellation();
            }
        }
        return outcome();
    }

    /** Waits for the end ignoring the caller's cancellation: used to let a cancelled child finish its cleanup. */
    @Suspendable
    void awaitEndUncancellable() {
        if (phase != DONE) {
            Waiter w = Waiter.uncancellable("wait for the cleanup of", this);
            onDone(w);
            Suspension.await(w);
        }
    }

    /**
     * The result of an ended coroutine, or its exception rethrown unchanged. A cancelled coroutine always
     * reports {@link CancellationException}, whatever its body did after the request.
     */
    T outcome() throws Exception {
        Throwable f = failure;
        if (cancelRequested != 0) {
            if (f instanceof CancellationException) {
                throw (CancellationException) f;
            }
            CancellationException e = cancellation();
            if (f != null) {
                e.initCause(f);
            }
            throw e;
        }
        if (f != null) {
            throw ContinuationSupport.<Exception>sneaky(f);
        }
        return result;
    }

    /** What the coroutine threw, or null; meaningful once done. */
    Throwable failure() {
        return failure;
    }

    /**
     * Runs {@code handler} once the coroutine has ended: on its loop's thread when it ends, or at once on
     * the caller's thread if it has ended already. Handlers must be short and must not suspend.
     */
    public void onDone(Runnable handler) {
        while (true) {
            Object head = handlers;
            if (head == ENDED) {
                handler.run();
                return;
            }
            if (HANDLERS.compareAndSet(this, head, new Handler(handler, head))) {
                return;
            }
        }
    }

    private void runHandlers() {
        Object head = HANDLERS.getAndSet(this, ENDED);
        Handler reversed = null;
        for (Object h = head; h != null; h = ((Handler) h).next) {
            reversed = new Handler(((Handler) h).action, reversed);
        }
        for (Handler h = reversed; h != null; h = (Handler) h.next) {
            h.action.run();
        }
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        TaskFuture<T> f = future;
        if (f == null) {
            TaskFuture<T> created = new TaskFuture<>(this);
            if (FUTURE.compareAndSet(this, null, created)) {
                onDone(created::settle);
                return created;
            }
            f = future;
        }
        return f;
    }

    /** One line for the dump: id, state and what it waits for. */
    String describe() {
        if (loop.current == this) {
            return "coroutine #" + id + " [running]";
        }
        int p = phase;
        if (p == NEW) {
            return "coroutine #" + id + " [not started]";
        }
        if (p == DONE) {
            return "coroutine #" + id + " [done]";
        }
        Waiter w = waiter;
        String state = w != null ? "suspended: " + w.describe() : yielding ? "ready: yielded" : "ready";
        return "coroutine #" + id + " [" + state + (cancelRequested != 0 ? ", cancelled" : "") + "]";
    }

    @Override
    public String toString() {
        return "coroutine #" + id;
    }

    /** Adapts a body without a result. */
    static final class RunnableBody implements SuspendableCallable<Void> {
        private final SuspendableRunnable body;

        RunnableBody(SuspendableRunnable body) {
            this.body = body;
        }

        @Override
        @Suspendable
        public Void call() {
            body.run();
            return null;
        }
    }

    private static final class Handler {
        final Runnable action;
        final Object next;

        Handler(Runnable action, Object next) {
            this.action = action;
            this.next = next;
        }
    }
}
