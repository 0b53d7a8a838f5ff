package dev.jcoro;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Test helper: drives a continuation to its end and counts how often it suspended. */
public final class Steps {
    private Steps() {
    }

    /** Resumes {@code c} until done on this thread; returns the number of suspensions. */
    public static int runToEnd(Continuation c) {
        int suspensions = -1;
        while (!c.isDone()) {
            c.resume();
            suspensions++;
        }
        return suspensions;
    }

    /** Runs {@code body} in a new continuation until done; returns the number of suspensions. */
    public static int runToEnd(SuspendableRunnable body) {
        return runToEnd(new Continuation(body));
    }

    /** Resumes {@code c} until done, each time on a different thread of a fresh pool. */
    public static int runHopping(Continuation c) throws Exception {
        ExecutorService[] pools = {Executors.newSingleThreadExecutor(), Executors.newSingleThreadExecutor()};
        try {
            int suspensions = -1;
            for (int i = 0; !c.isDone(); i++) {
                Future<?> f = pools[i % 2].submit(c::resume);
                f.get();
                suspensions++;
            }
            return suspensions;
        } finally {
            for (ExecutorService p : pools) {
                p.shutdownNow();
            }
        }
    }
}
