package dev.jcoro.flow;

import dev.jcoro.Suspendable;

/**
 * Receives the values of an {@link AsyncStream}, one at a time: the producer's {@code emit} calls it
 * directly, so the producer waits while it runs — the stream's back-pressure.
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface StreamCollector<T> {
    /**
     * Takes one value; may suspend, which holds the producer back until it returns.
     *
     * @param value the value
     * @throws Exception to stop the stream; the producer's {@code emit} throws it, so its {@code finally}
     *     blocks run, and {@code collect} rethrows it
     */
    @Suspendable
    void emit(T value) throws Exception;
}
