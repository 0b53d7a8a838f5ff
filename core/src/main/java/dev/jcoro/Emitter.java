package dev.jcoro;

/**
 * Hands values from a {@link GeneratorBody} to the {@link Generator}'s consumer.
 *
 * @param <T> the type of the values
 */
public interface Emitter<T> {
    /**
     * Hands {@code value} to the consumer and pauses the generator body until the consumer asks for the next one.
     *
     * @param value the next value; may be {@code null}
     */
    @Suspendable
    void emit(T value);
}
