package dev.jcoro.flow;

import dev.jcoro.Suspendable;

/**
 * Maps a stream's value to another, for {@link AsyncStream#map}; may suspend.
 *
 * @param <T> the type of the values in
 * @param <R> the type of the values out
 */
@FunctionalInterface
public interface StreamFunction<T, R> {
    /**
     * Maps one value.
     *
     * @param value the value
     * @return its image
     * @throws Exception to stop the stream with a failure
     */
    @Suspendable
    R apply(T value) throws Exception;
}
