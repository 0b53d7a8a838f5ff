package dev.jcoro.test;

import dev.jcoro.Suspendable;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit Jupiter test method that runs as a coroutine, on a one-loop scheduler of its own with
 * virtual time. The method needs no {@code @Suspendable}: this annotation carries it.
 *
 * <pre>{@code
 * @CoroutineTest
 * void retriesAfterAnHour() {
 *     Coroutines.sleep(Duration.ofHours(1));        // returns at once in real time
 *     assertEquals(Duration.ofHours(1), VirtualTime.now());
 * }
 * }</pre>
 *
 * <p>Virtual time: the scheduler's clock stands still while any of its coroutines can run, and jumps to the
 * next timer ({@code Coroutines.sleep}, {@code withTimeout}, socket read and connect timeouts) once every
 * coroutine waits, no offload or awaited future is under way and no socket is ready. Launch the coroutines
 * of the test from the test method (they then share its scheduler and its clock).
 *
 * <p>When the method returns, the clock stops and the coroutines it left running are a failure: the test
 * fails with a dump of each one, what it waits for and its logical stack. A test that does not end within
 * {@link #timeoutSeconds()} of real time fails with the same dump.
 *
 * <p>The test class must be instrumented: run the tests with {@code -javaagent:jcoro-agent.jar}, or
 * instrument the test classes ahead of time.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(CoroutineTestExtension.class)
@Suspendable
public @interface CoroutineTest {
    /**
     * Whether the test's timers follow virtual time (the default) or the system clock. Turn it off for a
     * test that talks to a server outside the test, whose replies virtual time would not wait for.
     *
     * @return true for virtual time
     */
    boolean virtualTime() default true;

    /**
     * How long the test may take in real (wall-clock) time before it fails with a dump of its coroutines.
     *
     * @return the limit in seconds, at least 1
     */
    long timeoutSeconds() default 60;
}
