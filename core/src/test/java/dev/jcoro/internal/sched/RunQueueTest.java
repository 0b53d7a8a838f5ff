package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunQueueTest {
    @RegisterExtension
    final UnlaunchedCoroutines coroutines = new UnlaunchedCoroutines();

    @Test
    void theFirstCoroutineWokenByARunningOneTakesTheSlotAndTheOthersQueueInOrder() {
        RunQueue q = new RunQueue();
        Coroutine<?> older = coroutines.make();
        Coroutine<?> first = coroutines.make();
        Coroutine<?> second = coroutines.make();
        Coroutine<?> third = coroutines.make();
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
        Coroutine<?> a = coroutines.make();
        Coroutine<?> b = coroutines.make();
        Coroutine<?> queued = coroutines.make();
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
