package dev.jcoro.internal.sched;

import dev.jcoro.internal.ContinuationSupport;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A value or an exception handed from another thread to a waiting coroutine. */
final class Outcome {
    private final Object value;
    private final Throwable failure;

    private Outcome(Object value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    static Outcome of(Object value, Throwable failure) {
        return new Outcome(value, unwrap(failure));
    }

    /** The value, or the exception rethrown unchanged. */
    @SuppressWarnings("unchecked")
    <T> T get() throws Exception {
        if (failure != null) {
            throw ContinuationSupport.<Exception>sneaky(failure);
        }
        return (T) value;
    }

    /** True if the work threw. */
    boolean failed() {
        return failure != null;
    }

    /** Futures wrap what failed them; the waiter wants what the work itself threw. */
    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
