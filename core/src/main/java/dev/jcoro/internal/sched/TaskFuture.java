package dev.jcoro.internal.sched;

import java.util.concurrent.CompletableFuture;

/**
 * The future of {@code Task.toCompletableFuture()}: settled with the coroutine's outcome when it ends, and
 * cancelling it cancels the coroutine.
 *
 * @param <T> the type of the result
 */
final class TaskFuture<T> extends CompletableFuture<T> {
    private final Coroutine<T> task;

    TaskFuture(Coroutine<T> task) {
        this.task = task;
    }

    /** Called once the coroutine has ended. */
    void settle() {
        try {
            complete(task.outcome());
        } catch (Throwable t) {
            completeExceptionally(t);
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        task.cancel();
        return super.cancel(mayInterruptIfRunning);
    }
}
