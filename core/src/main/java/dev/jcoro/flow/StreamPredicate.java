package dev.jcoro.flow;

import dev.jcoro.Suspendable;

/**
 * Chooses which values of a stream to keep, for {@link AsyncStream#filter}; may suspend.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface StreamPredicate<T> {
    /**
     * Tests one value.
     *
     * @param value the value
     * @return true to keep it
     * @throws Exception to stop the stream with a failure
     */
    @Suspendable
    boolean test(T value) throws Exception;
}
