package dev.jcoro;

/**
 * The body of a {@link Generator}: produces values by calling {@link Emitter#emit}.
 *
 * @param <T> the type of the values produced
 */
@FunctionalInterface
public interface GeneratorBody<T> {
    /**
     * Produces the generator's values, in order.
     *
     * @param out where each value goes; every {@code emit} pauses the body until the next value is asked for
     */
    @Suspendable
    void generate(Emitter<T> out);
}
