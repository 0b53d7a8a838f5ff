package dev.jcoro;

/**
 * The children of one structured block, opened with {@link Coroutines#scope(ScopeBody)}. The block does
 * not end before every child has ended; the first child that fails cancels the others, and its exception
 * comes out of {@code scope}.
 *
 * <pre>{@code
 * int total = Coroutines.scope(scope -> {
 *     Task<Integer> a = scope.launch(() -> count("a"));
 *     Task<Integer> b = scope.launch(() -> count("b"));
 *     return a.join() + b.join();
 * });
 * }</pre>
 *
 * <p>Methods may be called from any thread, as long as the scope has not ended.
 */
public interface TaskScope {
    /**
     * Starts a child coroutine that belongs to this scope.
     *
     * @param body the child's code
     * @param <T> the type of the child's result
     * @return the child task
     * @throws IllegalStateException if the scope has already ended, or its scheduler is closed
     */
    <T> Task<T> launch(SuspendableCallable<T> body);

    /**
     * Starts a child coroutine without a result that belongs to this scope.
     *
     * @param body the child's code
     * @return the child task
     * @throws IllegalStateException if the scope has already ended, or its scheduler is closed
     */
    Task<Void> launch(SuspendableRunnable body);
}
