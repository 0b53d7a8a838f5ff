package dev.jcoro;

import java.util.concurrent.Callable;

/**
 * A blocking call for {@link Coroutines#offloadTyped(BlockingCallable)} that throws only the checked
 * exception {@code E} its code declares, so that {@code offloadTyped(() -> Files.readAllBytes(path))} throws
 * {@code IOException} rather than {@code Exception}.
 *
 * @param <T> the type of the result
 * @param <E> the checked exception the call may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface BlockingCallable<T, E extends Exception> extends Callable<T> {
    /**
     * Runs the blocking call; runs on a thread of the blocking pool, where blocking is fine.
     *
     * @return the result
     * @throws E if the call fails
     */
    @Override
    T call() throws E;
}
