package dev.jcoro;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A Python-style generator: an {@link Iterator} whose values come from a body that runs step by step,
 * pausing at each {@link Emitter#emit}.
 *
 * <pre>{@code
 * Generator<Integer> fib = new Generator<>(out -> {
 *     int a = 0, b = 1;
 *     while (true) {
 *         out.emit(a);
 *         int next = a + b; a = b; b = next;
 *     }
 * });
 * fib.next(); fib.next(); fib.next();   // 0, 1, 1
 * }</pre>
 *
 * <p>The body runs on the thread that calls {@link #hasNext()} or {@link #next()}; an exception it throws
 * comes out of that call. Like any iterator, a generator is used by one thread at a time.
 *
 * @param <T> the type of the values
 */
public final class Generator<T> implements Iterator<T> {
    private final Continuation continuation;
    private T pending;
    private boolean hasPending;

    /**
     * Creates a generator; the body does not start until the first value is asked for.
     *
     * @param body produces the values
     * @throws NullPointerException if {@code body} is null
     */
    public Generator(GeneratorBody<T> body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        this.continuation = new Continuation(new Body<>(body, this));
    }

    /**
     * Runs the body up to its next value, if it has not produced one already.
     *
     * @return true if there is a next value; false once the body has ended
     */
    @Override
    public boolean hasNext() {
        if (!hasPending && !continuation.isDone()) {
            continuation.resume();
        }
        return hasPending;
    }

    /**
     * Returns the next value, running the body up to it.
     *
     * @return the next value
     * @throws NoSuchElementException once the body has ended
     */
    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the generator has ended");
        }
        T value = pending;
        pending = null;
        hasPending = false;
        return value;
    }

    /** Runs the user's body with an emitter that parks each value in the generator and pauses. */
    private static final class Body<T> implements SuspendableRunnable, Emitter<T> {
        private final GeneratorBody<T> body;
        private final Generator<T> generator;

        Body(GeneratorBody<T> body, Generator<T> generator) {
            this.body = body;
            this.generator = generator;
        }

        @Override
        @Suspendable
        public void run() {
            body.generate(this);
        }

        @Override
        @Suspendable
        public void emit(T value) {
            generator.pending = value;
            generator.hasPending = true;
            Continuation.suspend();
        }
    }
}
