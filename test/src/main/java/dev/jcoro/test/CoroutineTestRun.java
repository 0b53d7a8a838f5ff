package dev.jcoro.test;

import dev.jcoro.Task;
import dev.jcoro.internal.sched.SchedulerConfig;
import dev.jcoro.internal.sched.TestScheduler;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of a {@link CoroutineTest} method: starts its scheduler, runs the method as a coroutine, waits for
 * it within the real-time limit, checks for coroutines left running, and closes the scheduler.
 */
final class CoroutineTestRun {
    /** How long, in real time, the coroutines left over may take to reach a wait before they are counted. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(5);

    private final CoroutineTest settings;
    private final Method method;
    private final Object target;
    private final Object[] arguments;

    CoroutineTestRun(CoroutineTest settings, Method method, Object target, Object[] arguments) {
        this.settings = settings;
        this.method = method;
        this.target = target;
        this.arguments = arguments;
    }

    /**
     * Runs the test.
     *
     * @throws Throwable what the test method threw, unchanged (with a leak report added as suppressed if it
     *     also left coroutines running); else an {@link AssertionError} for a leak or a timeout
     */
    void run() throws Throwable {
        try (TestScheduler ts = TestScheduler.start(settings.virtualTime(), SchedulerConfig.defaultBlockedThreshold())) {
            Task<Object> body = ts.scheduler().launch(new TestMethodBody(method, target, arguments, ts));
            Throwable failure = await(body, ts);
            ts.freezeTime();
            AssertionError leak = leakCheck(ts);
            if (failure != null) {
                if (leak != null) {
                    failure.addSuppressed(leak);
                }
                throw failure;
            }
            if (leak != null) {
                throw leak;
            }
        }
    }

    /**
     * Waits for the body; returns what it threw, or null if it returned.
     *
     * @throws AssertionError if it did not end within the real-time limit (with the dump, which the leak
     *     check would only repeat)
     */
    private Throwable await(Task<Object> body, TestScheduler ts) throws InterruptedException {
        try {
            body.toCompletableFuture().get(settings.timeoutSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (CancellationException e) {
            return e;
        } catch (TimeoutException e) {
            ts.freezeTime();
            throw new AssertionError(name() + " did not end within " + settings.timeoutSeconds() + " s of real time"
                    + (ts.isVirtualTime() ? " (virtual time reached " + ts.elapsed() + ")" : "")
                    + "; its coroutines:\n" + ts.dump());
        }
    }

    /** Fails on coroutines still alive once the ones left over have all reached a wait. */
    private AssertionError leakCheck(TestScheduler ts) throws InterruptedException {
        boolean settled = ts.awaitSettled(SETTLE_LIMIT);
        int live = ts.liveCoroutines();
        if (live == 0) {
            return null;
        }
        return new AssertionError(name() + " left " + live + (live == 1 ? " coroutine" : " coroutines")
                + " running when it ended" + (settled ? "" : " (still busy after " + SETTLE_LIMIT.toSeconds() + " s)")
                + "; join or cancel every coroutine a test launches. Leaked:\n" + ts.dump());
    }

    private String name() {
        return "@CoroutineTest " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
