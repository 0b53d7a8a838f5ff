package dev.jcoro.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class EventTest {
    @Test
    void settingTheEventReleasesEveryWaiterOnEveryLoop() throws Exception {
        Event ready = new Event();
        AtomicInteger released = new AtomicInteger();
        try (Scheduler s = Scheduler.create(2)) {
            List<Task<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                waiters.add(s.launch(() -> {
                    ready.await();
                    released.incrementAndGet();
                }));
            }
            Thread.sleep(30);
            assertEquals(0, released.get());
            assertTrue(ready.set());
            assertFalse(ready.set());
            for (Task<Void> t : waiters) {
                t.join();
            }
            assertEquals(50, released.get());
            s.launch(ready::await).join();
        }
    }

    @Test
    void aTimedWaitReturnsFalseWhenTheTimeRunsOutAndTrueOnceSet() throws Exception {
        Event e = new Event();
        assertFalse(Coroutines.run(() -> e.awaitWithin(Duration.ofMillis(20))));
        e.set();
        assertTrue(Coroutines.run(() -> e.awaitWithin(Duration.ofMillis(20))));
        assertTrue(e.awaitWithin(Duration.ZERO), "a plain thread sees it set too");
    }

    @Test
    void aPlainThreadBlocksUntilACoroutineSetsIt() throws Exception {
        Event e = new Event();
        try (Scheduler s = Scheduler.create(1)) {
            s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(30));
                e.set();
            });
            e.await();
            assertTrue(e.isSet());
        }
    }

    @Test
    void aCancelledWaiterLeavesTheEventUnset() throws Exception {
        Event e = new Event();
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> waiter = s.launch(e::await);
            Thread.sleep(20);
            waiter.cancel();
            assertThrows(CancellationException.class, waiter::join);
            assertFalse(e.isSet());
        }
    }
}
