package dev.jcoro.internal;

/**
 * Why a continuation could not suspend. Each reason is a value, so that every refusal is reported the
 * same way and tests can tell them apart.
 */
public enum Pinned {
    /** A frame between the suspension and the continuation holds a monitor ({@code synchronized}). */
    MONITOR("holds a monitor (synchronized)",
            "move the suspending call out of the synchronized block, or use dev.jcoro.sync.Mutex"),
    /** A frame between the suspension and the continuation was not rewritten by jcoro. */
    UNINSTRUMENTED_FRAME("is not instrumented",
            "annotate it (or the interface method it implements) with @Suspendable, or run the blocking part with Coroutines.offload"),
    /** A frame saved by the suspension does not belong to the method that restores it. */
    FRAME_MISMATCH("found a saved frame that is not its own",
            "a frame between them was not instrumented; annotate every method on the path with @Suspendable");

    private final String what;
    private final String advice;

    Pinned(String what, String advice) {
        this.what = what;
        this.advice = advice;
    }

    /** Builds the exception that reports this reason for {@code frame}, a method described for the user. */
    public IllegalStateException exception(String frame, String detail) {
        String text = "Pinned: " + name() + ": cannot suspend: " + frame + " " + what
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
                + "; " + advice;
        return new IllegalStateException(text);
    }
}
