package dev.jcoro;

/**
 * The body of a structured block run by {@link Coroutines#scope(ScopeBody)}.
 *
 * @param <T> the type of the block's result
 */
@FunctionalInterface
public interface ScopeBody<T> {
    /**
     * Runs the block; may launch children on {@code scope} and suspend.
     *
     * @param scope the scope that owns the children launched here
     * @return the block's result
     * @throws Exception if the block fails; the scope then cancels its children
     */
    @Suspendable
    T run(TaskScope scope) throws Exception;
}
