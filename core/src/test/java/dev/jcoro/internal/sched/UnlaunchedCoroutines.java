package dev.jcoro.internal.sched;

import dev.jcoro.Scheduler;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Coroutines that are made but never launched, on a one-loop scheduler opened before each test and closed
 * after it: what the tests of a loop's queues put in them. Registered with {@code @RegisterExtension}.
 */
final class UnlaunchedCoroutines implements BeforeEachCallback, AfterEachCallback {
    private SchedulerImpl scheduler;

    @Override
    public void beforeEach(ExtensionContext context) {
        scheduler = (SchedulerImpl) Scheduler.create(1);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        scheduler.close();
    }

    /** A new coroutine of the scheduler's only loop, not started. */
    Coroutine<?> make() {
        return new Coroutine<>(scheduler, scheduler.loops[0], () -> null, Context.EMPTY);
    }
}
