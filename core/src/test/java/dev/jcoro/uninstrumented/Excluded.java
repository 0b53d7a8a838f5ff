package dev.jcoro.uninstrumented;

import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;

/**
 * A helper the fuzz programs call whose class the tests' agent excludes: it is annotated, so callers
 * treat it as suspendable, but it is never rewritten, as with a library left out of instrumentation.
 * It takes only core types, so the programs' plain twins call the same method.
 */
public final class Excluded {
    private Excluded() {
    }

    /**
     * Calls {@code body}; cannot save itself if {@code body} suspends, and then returns the placeholder
     * result (null) to its caller, which refuses the suspension.
     */
    @Suspendable
    public static Object relay(SuspendableCallable<?> body) throws Exception {
        return body.call();
    }
}
