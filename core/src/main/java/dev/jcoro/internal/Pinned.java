package dev.jcoro.internal;

/**
 * Why a continuation could not suspend. Each reason is a value, so that every refusal is reported the
 * same way and tests can tell them apart.
 */
public enum Pinned {
    /** A frame between the suspension and the continuation holds a monitor ({@code synchronized}). */
    MONITOR("holds a monitor (synchronized)",
            "move the suspending call out of the synchronized block, or use dev.jcoro.sync.Mutex"),
    /**
     * A frame between the suspension and the continuation is instrumented but not suspendable: a method
     * without {@code @Suspendable}, or a lambda of a functional interface whose method is not.
     */
    PLAIN_CALLER("is not @Suspendable, so it cannot pause",
            "annotate it (or the interface method it implements) with @Suspendable, or run the blocking part with Coroutines.offload"),
    /** A frame between the suspension and the continuation was not rewritten by jcoro at all. */
    UNINSTRUMENTED_FRAME("is not instrumented",
            "run with -javaagent:jcoro-agent.jar or instrument the class at build time, and do not exclude it; "
                    + "a call through a plain interface or reflection cannot suspend: make the interface method @Suspendable"),
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
        return exception(frame, detail, advice);
    }

    /** As {@link #exception(String, String)}, with advice that fits the frame better than the reason's own. */
    public IllegalStateException exception(String frame, String detail, String specificAdvice) {
        String text = "Pinned: " + name() + ": cannot suspend: " + frame + " " + what
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
                + "; " + specificAdvice;
        return new IllegalStateException(text);
    }
}
