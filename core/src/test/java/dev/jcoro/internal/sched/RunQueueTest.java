package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunQueueTest {
    private SchedulerImpl scheduler;

    @BeforeEach
    void open() {
        scheduler = (SchedulerImpl) Scheduler.create(1);
    }

    @AfterEach
    void close() {
        scheduler.close();
    }

    private Coroutine<?> coroutine() {
        return new Coroutine<>(scheduler, scheduler.loops[0], () -> null, Context.EMPTY);
    }

    @Test
    void theFirstCoroutineWokenByARunningOneTakesTheSlotAndTheOthersQueueInOrder() {
        RunQueue q = new RunQueue();
        Coroutine<?> older = coroutine();
        Coroutine<?> first = coroutine();
        Coroutine<?> second = coroutine();
        Coroutine<?> third = coroutine();
        q.add(older);
        q.resumeBegins();
        q.wokenByRunning(first);
        q.wokenByRunning(second);
        q.wokenByRunning(third);
        assertSame(first, q.takeNext());
        assertNull(q.takeNext());
        assertSame(older, q.poll());
        assertSame(second, q.poll());
        assertSame(third, q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void aCoroutineDisplacedFromTheSlotGoesToTheBackOfTheQueue() {
        RunQueue q = new RunQueue();
        Coroutine<?> a = coroutine();
        Coroutine<?> b = coroutine();
        Coroutine<?> queued = coroutine();
        q.add(queued);
        q.resumeBegins();
        q.wokenByRunning(a);
        q.resumeBegins();     // the next resume, before the loop took a out of the slot
        q.wokenByRunning(b);
        assertSame(b, q.takeNext());
        assertSame(queued, q.poll());
        assertSame(a, q.poll());
    }
}
