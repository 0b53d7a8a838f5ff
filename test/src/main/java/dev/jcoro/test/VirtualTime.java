package dev.jcoro.test;

import dev.jcoro.internal.sched.TestScheduler;
import java.time.Duration;

/**
 * The clock of the running {@link CoroutineTest}: how far its timers have come since the test started.
 *
 * <pre>{@code
 * Coroutines.sleep(Duration.ofMinutes(5));
 * assertEquals(Duration.ofMinutes(5), VirtualTime.now());
 * }</pre>
 */
public final class VirtualTime {
    private VirtualTime() {
    }

    /**
     * The time since the test started, on its scheduler's clock: virtual time, exact to the nanosecond, or
     * real time in a test with {@code virtualTime = false}. Call it from any coroutine of the test.
     *
     * @return the elapsed time
     * @throws IllegalStateException if the caller is not a coroutine of a {@code @CoroutineTest}
     */
    public static Duration now() {
        TestScheduler ts = TestScheduler.current();
        if (ts == null) {
            throw new IllegalStateException("VirtualTime.now() is read from a coroutine of a @CoroutineTest method; "
                    + "this thread runs none");
        }
        return ts.elapsed();
    }
}
