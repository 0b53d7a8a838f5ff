package dev.jcoro.internal.sched;

import dev.jcoro.Coroutines;
import dev.jcoro.ScopeBody;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;
import dev.jcoro.TaskScope;
import dev.jcoro.internal.ContinuationSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A structured block ({@code Coroutines.scope}): its body and every child it launches are coroutines the
 * owner waits for. The first one that fails cancels all the others; the owner then waits until they have
 * all ended (their {@code finally} blocks run) and rethrows that first failure unchanged.
 */
public final class Scope implements TaskScope {
    private final SchedulerImpl scheduler;
    private final ConcurrentLinkedQueue<Coroutine<?>> children = new ConcurrentLinkedQueue<>();
    /** Children not yet ended. Counting starts at one for the body, so it cannot reach zero before it starts. */
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private volatile Waiter owner;
    private volatile boolean ended;

    private Scope(SchedulerImpl scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code body} as a structured block. Outside a coroutine, runs it in a scheduler of its own.
     */
    @Suspendable
    public static <T> T run(ScopeBody<T> body) throws Exception {
        if (body == null) {
            throw new NullPointerException("body");
        }
        Coroutine<?> co = Coroutine.currentForSuspend();
        if (co == null) {
            return Coroutines.run(() -> run(body));
        }
        co.throwIfCancelled();
        Scope scope = new Scope(co.scheduler);
        Coroutine<T> main = scope.adopt(co.scheduler.launchHere(co.loop(), () -> body.run(scope)));
        return scope.awaitAll(co, main);
    }

    /**
     * Runs the callables concurrently, each in its own child, and returns their results in order. The first
     * failure cancels the others and is rethrown unchanged.
     */
    @Suspendable
    public static <T> List<T> gather(List<? extends SuspendableCallable<? extends T>> calls) throws Exception {
        return run(scope -> {
            List<Task<? extends T>> tasks = new ArrayList<>(calls.size());
            for (SuspendableCallable<? extends T> c : calls) {
                tasks.add(scope.launch(c));
            }
            List<T> results = new ArrayList<>(tasks.size());
            for (int i = 0; i < tasks.size(); i++) {
                results.add(tasks.get(i).join());
            }
            return results;
        });
    }

    @Override
    public <T> Task<T> launch(SuspendableCallable<T> body) {
        if (ended) {
            throw new IllegalStateException("this scope has ended: launch children only while its block runs");
        }
        return adopt((Coroutine<T>) scheduler.launch(body));
    }

    @Override
    public Task<Void> launch(SuspendableRunnable body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        return launch(Coroutine.withoutResult(body));
    }

    private <T> Coroutine<T> adopt(Coroutine<T> child) {
        active.incrementAndGet();
        children.add(child);
        if (firstFailure.get() != null) {
            child.cancel();
        }
        child.onDone(() -> childEnded(child));
        return child;
    }

    /** Runs on the child's loop when it ends. */
    private void childEnded(Coroutine<?> child) {
        Throwable f = child.failure();
        if (f != null && !child.isCancelRequested() && firstFailure.compareAndSet(null, f)) {
            cancelAll();
        }
        if (active.decrementAndGet() == 0) {
            Waiter w = owner;
            if (w != null) {
                w.wake(null);
            }
        }
    }

    private void cancelAll() {
        for (Coroutine<?> c : children) {
            c.cancel();
        }
    }

    @Suspendable
    private <T> T awaitAll(Coroutine<?> co, Coroutine<T> main) throws Exception {
        Waiter w = Waiter.forCurrent("scope", main);
        owner = w;
        if (active.get() == 0) {
            w.wake(null);
        }
        Suspension.await(w);
        if (w.isCancelled()) {
            cancelAll();
            Waiter rest = Waiter.uncancellable("scope children to end after cancellation", main);
            owner = rest;
            if (active.get() == 0) {
                rest.wake(null);
            }
            Suspension.await(rest);
            ended = true;
            throw co.cancellation();
        }
        ended = true;
        Throwable f = firstFailure.get();
        if (f != null) {
            throw ContinuationSupport.<Exception>sneaky(f);
        }
        return main.outcome();
    }
}
