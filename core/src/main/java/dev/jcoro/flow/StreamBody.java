package dev.jcoro.flow;

import dev.jcoro.Suspendable;

/**
 * The producer of an {@link AsyncStream}: run once per collection, it emits values to the collector it is
 * given and may suspend anywhere (read a socket, sleep, wait on a channel).
 *
 * @param <T> the type of the values
 */
@FunctionalInterface
public interface StreamBody<T> {
    /**
     * Produces the values.
     *
     * @param out where the values go; {@code out.emit} returns once the collector has taken the value
     * @throws Exception to end the stream with a failure, which {@code collect} rethrows
     */
    @Suspendable
    void produce(StreamCollector<T> out) throws Exception;
}
