package dev.jcoro.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConditionTest {
    @Test
    void consumersWaitOnTheConditionUntilProducersSignal() throws Exception {
        Mutex lock = new Mutex();
        Condition notEmpty = lock.newCondition();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        try (Scheduler s = Scheduler.create(2)) {
            List<Task<Integer>> consumers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                consumers.add(s.launch(() -> {
                    int sum = 0;
                    for (int i = 0; i < 25; i++) {
                        lock.lock();
                        try {
                            while (queue.isEmpty()) {
                                notEmpty.await();
                            }
                            sum += queue.poll();
                        } finally {
                            lock.unlock();
                        }
                    }
                    return sum;
                }));
            }
            s.launch(() -> {
                for (int i = 1; i <= 100; i++) {
                    lock.lock();
                    try {
                        queue.add(i);
                        notEmpty.signal();
                    } finally {
                        lock.unlock();
                    }
                    if (i % 10 == 0) {
                        Coroutines.yieldNow();
                    }
                }
            }).join();
            int total = 0;
            for (Task<Integer> t : consumers) {
                total += t.join();
            }
            assertEquals(5050, total);
        }
    }

    @Test
    void aCancelledWaiterTakesTheMutexBackBeforeItThrows() throws Exception {
        Mutex lock = new Mutex();
        Condition c = lock.newCondition();
        AtomicBoolean heldInFinally = new AtomicBoolean();
        try (Scheduler s = Scheduler.create(1)) {
            Task<Object> waiter = s.launch(() -> {
                lock.lock();
                try {
                    c.await();
                    return null;
                } finally {
                    heldInFinally.set(lock.isHeldByCurrent());
                    lock.unlock();
                }
            });
            Thread.sleep(20);
            assertFalse(lock.isLocked(), "the waiter let the mutex go while it waits");
            waiter.cancel();
            assertThrows(CancellationException.class, waiter::join);
            assertTrue(heldInFinally.get());
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void aTimedWaitTimesOutHoldingTheMutexAgain() throws Exception {
        Mutex lock = new Mutex();
        Condition c = lock.newCondition();
        boolean[] held = new boolean[1];
        boolean signalled = Coroutines.run(() -> {
            lock.lock();
            try {
                boolean r = c.awaitWithin(Duration.ofMillis(20));
                held[0] = lock.isHeldByCurrent();
                return r;
            } finally {
                lock.unlock();
            }
        });
        assertFalse(signalled);
        assertTrue(held[0]);
    }

    @Test
    void waitingOrSignallingWithoutTheMutexIsRefused() {
        Mutex lock = new Mutex();
        Condition c = lock.newCondition();
        assertThrows(IllegalStateException.class, c::signal);
        assertThrows(IllegalStateException.class, () -> Coroutines.run(() -> {
            c.await();
            return null;
        }));
    }

    @Test
    void unlockByACoroutineThatDoesNotHoldTheMutexFailsClearly() throws Exception {
        Mutex lock = new Mutex();
        try (Scheduler s = Scheduler.create(1)) {
            s.launch(lock::lock).join();
            Task<Void> intruder = s.launch(lock::unlock);
            IllegalStateException e = assertThrows(IllegalStateException.class, intruder::join);
            assertTrue(e.getMessage().contains("does not hold the mutex"), e.getMessage());
            assertTrue(lock.isLocked());
        }
    }
}
