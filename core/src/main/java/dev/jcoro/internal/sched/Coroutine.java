package dev.jcoro.internal.sched;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;
import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.internal.Instrumented;
import dev.jcoro.internal.ResumeGuard;
import dev.jcoro.internal.jfr.RuntimeEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A coroutine: a {@link Continuation} that runs a body on one {@link EventLoop}, plus what a {@link Task}
 * needs — result, cancellation, completion callbacks.
 *
 * <p>Only its loop resumes it: its continuation refuses a {@code resume()} from anywhere else. It may be
 * woken from any thread, but only through a {@link Waiter}, whose compare-and-set makes sure it is resumed
 * once per suspension.
 *
 * @param <T> the type of the result
 */
public final class Coroutine<T> implements Task<T> {
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
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Coroutine, Waiter> WAITER =
            AtomicReferenceFieldUpdater.newUpdater(Coroutine.class, Waiter.class, "waiter");
    /** Marks {@link #handlers} once the coroutine has ended: handlers added later run at once. */
    private static final Object ENDED = new Object();
    /** Expired handlers are dropped once per this many additions (a power of two). */
    private static final int PRUNE_EVERY = 32;

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
    /** Depth of {@code Coroutines.nonCancellable} blocks it is in; while above 0 cancellation waits. Own thread writes. */
    private volatile int shield;
    /** Its coroutine-local values; replaced, never mutated, so children share it on launch. Own thread writes. */
    Context context;
    private volatile Object handlers;
    private int handlersAdded;
    private volatile TaskFuture<T> future;
    private T result;
    private Throwable failure;
    /** Set while it sits in its loop's ready queue after {@link Suspension#yieldNow()}; for the dump. */
    boolean yielding;
    /** The waiter its channel sends and receives reuse; see {@link Waiter#reusableForCurrent}. Own thread only. */
    Waiter spareWaiter;
    /** The watchdog reports a coroutine once. */
    volatile boolean blockReported;
    /** Links of its loop's list of started, unfinished coroutines. */
    Coroutine<?> prevLive;
    Coroutine<?> nextLive;

    Coroutine(SchedulerImpl scheduler, EventLoop loop, SuspendableCallable<T> body, Context context) {
        this.scheduler = scheduler;
        this.loop = loop;
        this.body = body;
        this.context = context;
        if (body instanceof RunnableBody) {
            RunnableBody forwarder = (RunnableBody) body;
            forwarder.co = this;
            this.continuation = new Continuation(forwarder);
        } else {
            this.continuation = new Continuation(new Body<>(this));
        }
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
        return !(cancelRequested != 0 && shield == 0 && w.cancelSelf());
    }

    void unpark() {
        // No fence needed: a canceller that still reads the old waiter finds it ended and does nothing.
        WAITER.lazySet(this, null);
    }

    boolean isCancelRequested() {
        return cancelRequested != 0;
    }

    /** True if cancellation was requested and no non-cancellable block holds it off: the next wait throws. */
    public boolean isCancelledNow() {
        return cancelRequested != 0 && shield == 0;
    }

    /**
     * Throws if cancellation was requested (outside a non-cancellable block); every suspension point calls
     * this first.
     *
     * @throws CancellationException if the coroutine has been cancelled
     */
    public void throwIfCancelled() {
        if (cancelRequested != 0 && shield == 0) {
            throw cancellation();
        }
    }

    /** Enters a non-cancellable block. Own thread only. */
    void enterShield() {
        shield++;
    }

    /** Leaves a non-cancellable block. Own thread only. */
    void leaveShield() {
        shield--;
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

    /**
     * Records a failure that came out of the continuation: what a body without a result threw, or a refusal
     * raised by the continuation machinery.
     */
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
        dropUndelivered();
        finish();
    }

    /**
     * Ends a coroutine whose loop failed for good (or that no loop is left to run), without running it
     * further: its task fails with {@code cause}.
     */
    void failAbandoned(Throwable cause) {
        failure = cause;
        dropUndelivered();
        finish();
    }

    /** A value handed to this coroutine's wait that it will never see goes to its sender's undelivered hook. */
    private void dropUndelivered() {
        Waiter w = waiter;
        if (w != null) {
            w.dropUndelivered();
        }
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
        // Read after the request: a wait entered inside a non-cancellable block set the shield before the
        // waiter, so seeing that waiter means seeing its shield.
        Waiter w = waiter;
        if (w != null && shield == 0) {
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

    @Override
    @Suspendable
    public T joinWithin(Duration timeout) throws Exception {
        if (phase != DONE) {
            Coroutine<?> me = currentForSuspend();
            if (me == this) {
                throw new IllegalStateException("coroutine #" + id + " cannot join itself");
            }
            Waiter w = Waiter.forCurrent("join", this);
            onDone(w);
            if (!Suspension.awaitFor(w, Deadlines.nanos(timeout))) {
                throw new TimeoutException("coroutine #" + id + " did not end within " + timeout.toMillis() + " ms");
            }
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

    /**
     * What the body itself produced, even if cancellation was requested after: its value, or what it threw,
     * unchanged. For callers that must not lose a result the body reached (a timeout that lost the race).
     */
    T bodyOutcome() throws Exception {
        Throwable f = failure;
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
     * the caller's thread if it has ended already. Handlers must be short and must not suspend. A handler
     * that is {@link Expiring} may be dropped unrun once it has expired.
     */
    public void onDone(Runnable handler) {
        while (true) {
            Object head = handlers;
            if (head == ENDED) {
                handler.run();
                return;
            }
            if (HANDLERS.compareAndSet(this, head, new Handler(handler, head))) {
                // A racy count is enough to space the pruning out.
                if ((++handlersAdded & (PRUNE_EVERY - 1)) == 0) {
                    pruneExpiredHandlers();
                }
                return;
            }
        }
    }

    /**
     * Drops the handlers that have expired, keeping the others in order. Gives up if a handler is added
     * or the coroutine ends meanwhile (the compare-and-set of the head fails); the next pruning tries again.
     */
    private void pruneExpiredHandlers() {
        Object head = handlers;
        if (head == ENDED) {
            return;
        }
        ArrayList<Runnable> keep = new ArrayList<>();
        int all = 0;
        for (Object h = head; h != null; h = ((Handler) h).next) {
            all++;
            Runnable action = ((Handler) h).action;
            if (!(action instanceof Expiring && ((Expiring) action).expired())) {
                keep.add(action);
            }
        }
        if (keep.size() == all) {
            return;
        }
        Handler rebuilt = null;
        for (int i = keep.size() - 1; i >= 0; i--) {
            rebuilt = new Handler(keep.get(i), rebuilt);
        }
        HANDLERS.compareAndSet(this, head, rebuilt);
    }

    /** How many completion handlers wait right now; for tests. */
    int pendingHandlers() {
        Object head = handlers;
        int n = 0;
        for (Object h = head; h != null && h != ENDED; h = ((Handler) h).next) {
            n++;
        }
        return n;
    }

    /**
     * Runs every completion handler in the order they were added. One that throws does not keep the others
     * (joiners among them) from running; the first failure is rethrown afterwards, for the loop to report.
     */
    private void runHandlers() {
        Object head = HANDLERS.getAndSet(this, ENDED);
        Handler reversed = null;
        for (Object h = head; h != null; h = ((Handler) h).next) {
            reversed = new Handler(((Handler) h).action, reversed);
        }
        Throwable first = null;
        for (Handler h = reversed; h != null; h = (Handler) h.next) {
            try {
                h.action.run();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                } else {
                    first.addSuppressed(t);
                }
            }
        }
        if (first != null) {
            throw ContinuationSupport.<RuntimeException>sneaky(first);
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

    /**
     * The continuation's body for a coroutine with a result. A separate object, so that neither the
     * {@link Task} handed to users nor the continuation reachable through {@code Continuation.current()}
     * offers a way to run the body again or resume the coroutine from outside its loop.
     */
    private static final class Body<T> extends ResumeGuard {
        private final Coroutine<T> co;

        Body(Coroutine<T> co) {
            this.co = co;
        }

        /** Runs the user's code and keeps its outcome. */
        @Override
        @Suspendable
        public void run() {
            try {
                co.result = co.body.call();
            } catch (Throwable t) {
                co.failure = t;
            }
        }

        @Override
        public void checkResume() {
            co.checkResume();
        }
    }

    /**
     * The body of a coroutine that runs {@code body} and has no result; a coroutine made with it runs
     * {@code body} without a frame of its own around it (see {@link RunnableBody}). One per coroutine.
     */
    static SuspendableCallable<Void> withoutResult(SuspendableRunnable body) {
        return new RunnableBody(body);
    }

    /** Refuses a {@code resume()} of its continuation unless its own loop makes it, to run it now. */
    private void checkResume() {
        EventLoop l = loop;
        if (!l.inLoop() || l.current != this) {
            throw new IllegalStateException("Continuation.resume(): " + this + " belongs to scheduler "
                    + scheduler.name() + ", whose loop alone resumes it when what it waits for arrives; "
                    + "wake it through a Channel, an Event or its Task instead");
        }
    }

    /**
     * The body of a coroutine without a result, which is also its continuation's body: a stateless forwarder
     * that calls the user's runnable and keeps no frame of its own, so that each suspension and resume of such a
     * coroutine saves and restores one frame less than through {@link Body}. {@code Continuation.resume()}
     * checks after a capture that the runnable saved itself as the outermost frame, and names the runnable
     * ({@link #refusalSubject()}) if it did not. What the runnable throws leaves the continuation, and the
     * coroutine's loop records it as its failure. Made by the launch, one per coroutine.
     */
    // Marked as if rewritten so that neither the agent nor the build-time instrumenter gives it frames.
    @Instrumented
    private static final class RunnableBody extends ResumeGuard implements SuspendableCallable<Void> {
        private final SuspendableRunnable body;
        /** The coroutine whose body this is; set once, by its constructor. */
        private Coroutine<?> co;

        RunnableBody(SuspendableRunnable body) {
            this.body = body;
        }

        /** Runs the user's runnable, or continues it after a suspension: it restores itself. */
        @Override
        public void run() {
            body.run();
        }

        @Override
        public Object refusalSubject() {
            return body;
        }

        /**
         * Runs the runnable and returns null. The coroutine never calls it (its continuation calls
         * {@link #run()}); it is here because a coroutine's body has the callable's type.
         */
        @Override
        public Void call() {
            body.run();
            return null;
        }

        @Override
        public void checkResume() {
            co.checkResume();
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
