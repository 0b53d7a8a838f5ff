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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SemaphoreTest {
    @Test
    void atMostPermitsHoldersAtOnce() throws Exception {
        Semaphore sem = new Semaphore(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        try (Scheduler s = Scheduler.create(4)) {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tasks.add(s.launch(() -> {
                    sem.acquire();
                    try {
                        maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Coroutines.sleep(Duration.ofMillis(5));
                        inside.decrementAndGet();
                    } finally {
                        sem.release();
                    }
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        }
        assertEquals(3, maxInside.get());
        assertEquals(3, sem.availablePermits());
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        // One loop starts the coroutines in launch order, so they queue on the semaphore in that order.
        try (Scheduler s = Scheduler.create(1)) {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                tasks.add(s.launch(() -> {
                    sem.acquire();
                    order.add(n);
                }));
                Thread.sleep(20);
            }
            for (int i = 0; i < 4; i++) {
                sem.release();
                Thread.sleep(20);
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        }
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void tryAcquireAndCancellationKeepTheCountRight() throws Exception {
        Semaphore sem = new Semaphore(1);
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire());
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> waiter = s.launch(sem::acquire);
            Thread.sleep(50);
            waiter.cancel();
            assertThrows(CancellationException.class, waiter::join);
        }
        sem.release();
        assertEquals(1, sem.availablePermits());
    }

    @Test
    void negativePermitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
    }
}
