package dev.jcoro;

/**
 * A {@link SuspendableCallable} that throws only the checked exception {@code E} its code declares. The
 * runtime's entry points take it in overloads beside their {@code SuspendableCallable} forms, so that a
 * lambda that throws nothing checked makes {@code Coroutines.run}, {@code withTimeout} or
 * {@code nonCancellable} throw nothing checked either, and one that throws {@code IOException} makes them
 * throw {@code IOException}, not {@code Exception}:
 *
 * <pre>{@code
 * void fetch() throws IOException, TimeoutException {          // no "throws Exception" needed
 *     String line = Coroutines.withTimeout(Duration.ofSeconds(2), () -> readLine(socket));  // throws IOException
 * }
 * }</pre>
 *
 * <p>Lambdas pick the typed overloads by themselves (this interface is the more specific); a variable of
 * type {@code SuspendableCallable} keeps the old forms, which throw {@code Exception}. One consequence: a
 * {@code catch} of a checked exception that the lambda cannot throw, legal against {@code throws
 * Exception}, is an error against the typed form; drop it.
 *
 * @param <T> the type of the result
 * @param <E> the checked exception the body may throw ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface TypedCallable<T, E extends Exception> extends SuspendableCallable<T> {
    /**
     * Computes the result; may suspend the running coroutine.
     *
     * @return the result
     * @throws E if the result cannot be computed
     */
    @Override
    @Suspendable
    T call() throws E;
}
