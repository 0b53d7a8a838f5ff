package dev.jcoro;

import dev.jcoro.internal.ContinuationSupport;

/** Rethrows, unchanged, an exception that a typed body's declaration says is an {@code E} or unchecked. */
final class Typed {
    private Typed() {
    }

    /**
     * Rethrows {@code e}: the typed forms call the untyped machinery, which declares {@code Exception}, and
     * the body they ran can only have thrown {@code E} or an unchecked exception.
     */
    static <E extends Exception> E rethrow(Exception e) {
        throw ContinuationSupport.<RuntimeException>sneaky(e);
    }
}
