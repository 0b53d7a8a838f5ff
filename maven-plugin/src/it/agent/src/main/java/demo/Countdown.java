package demo;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.util.List;

/** Coroutine code of a project that runs with the agent instead of the plugin. */
public final class Countdown {
    private Countdown() {
    }

    /** Adds n, n-1, ..., 1 to {@code out}, pausing after each. */
    @Suspendable
    public static void count(int n, List<Integer> out) {
        for (int i = n; i > 0; i--) {
            out.add(i);
            Continuation.suspend();
        }
    }
}
