package dev.jcoro;

/**
 * A body of work that may suspend and returns a value, like {@link java.util.concurrent.Callable}.
 *
 * @param <T> the type of the result
 */
@FunctionalInterface
public interface SuspendableCallable<T> {
    /**
     * Computes the result; may suspend the running coroutine.
     *
     * @return the result
     * @throws Exception if the result cannot be computed
     */
    @Suspendable
    T call() throws Exception;
}
