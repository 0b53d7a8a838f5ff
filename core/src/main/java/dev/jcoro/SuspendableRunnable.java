package dev.jcoro;

/** A body of work that may suspend and returns nothing; the body of a {@link Continuation}. */
@FunctionalInterface
public interface SuspendableRunnable {
    /** Runs the work; may suspend the running continuation. */
    @Suspendable
    void run();
}
