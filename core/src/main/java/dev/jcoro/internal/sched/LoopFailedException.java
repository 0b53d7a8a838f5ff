package dev.jcoro.internal.sched;

/**
 * What the task of a coroutine fails with when its loop failed again and again and gave up: the loop's
 * own failure is the cause. Launches made after that go to the scheduler's other loops.
 */
public final class LoopFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LoopFailedException(String loopName, Throwable cause) {
        super("loop " + loopName + " failed and stopped; the coroutine could not go on", cause);
    }
}
