package dev.jcoro;

import java.util.concurrent.CompletableFuture;

/**
 * A coroutine launched on a {@link Scheduler}, seen from outside: wait for its result, cancel it, or
 * bridge it to a {@link CompletableFuture}.
 *
 * <pre>{@code
 * Task<String> page = scheduler.launch(() -> fetch("/index"));
 * String body = page.join();      // suspends inside a coroutine, blocks on a plain thread
 * }</pre>
 *
 * <p>All methods may be called from any thread.
 *
 * @param <T> the type of the coroutine's result
 */
public interface Task<T> {
    /**
     * Waits for the coroutine to end and returns its result. Inside a coroutine this suspends the caller;
     * on a plain thread it blocks the thread.
     *
     * @return the value the coroutine's body returned
     * @throws java.util.concurrent.CancellationException if the task was cancelled, or if the coroutine that
     *     calls {@code join} is cancelled while it waits
     * @throws InterruptedException if a plain thread is interrupted while it blocks here
     * @throws IllegalStateException if a coroutine joins itself
     * @throws Exception whatever the coroutine's body threw, unchanged (not wrapped)
     */
    @Suspendable
    T join() throws Exception;

    /**
     * Like {@link #join()}, but waits at most {@code timeout}; the task goes on running if the time runs
     * out. (Not an overload of {@code join}: that would make the method reference {@code task::join},
     * common as a launch body, ambiguous.) A result that arrives before the deadline is returned even if the deadline passes while the
     * caller is being resumed.
     *
     * <pre>{@code
     * try {
     *     return page.joinWithin(Duration.ofSeconds(1));
     * } catch (TimeoutException e) {
     *     return cachedPage;          // the fetch continues in the background
     * }
     * }</pre>
     *
     * @param timeout the longest wait; zero or negative only looks whether it has ended
     * @return the value the coroutine's body returned
     * @throws java.util.concurrent.TimeoutException if the task has not ended within {@code timeout}
     * @throws java.util.concurrent.CancellationException if the task was cancelled, or if the coroutine that
     *     calls {@code join} is cancelled while it waits
     * @throws InterruptedException if a plain thread is interrupted while it blocks here
     * @throws IllegalStateException if a coroutine joins itself
     * @throws Exception whatever the coroutine's body threw, unchanged (not wrapped)
     */
    @Suspendable
    T joinWithin(java.time.Duration timeout) throws Exception;

    /**
     * Asks the coroutine to stop: its current or next suspension throws
     * {@link java.util.concurrent.CancellationException}, so its {@code finally} blocks run. A coroutine
     * that has not started yet never runs. Returns at once; use {@link #join()} to wait for the end.
     *
     * @return true if this call requested the cancellation; false if the task had already ended or had
     *     been cancelled before
     */
    boolean cancel();

    /**
     * Tells whether the coroutine has ended: normally, by an exception, or cancelled.
     *
     * @return true once the task has ended
     */
    boolean isDone();

    /**
     * A future completed with the coroutine's result, or exceptionally with what it threw
     * ({@link java.util.concurrent.CancellationException} when cancelled). Cancelling the future cancels
     * the task.
     *
     * @return the same future on every call
     */
    CompletableFuture<T> toCompletableFuture();
}
