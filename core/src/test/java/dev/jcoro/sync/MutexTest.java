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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class MutexTest {
    private int counter;

    @Test
    void lockExcludesOtherCoroutinesAcrossLoopsEvenWhenTheHolderSuspends() throws Exception {
        Mutex m = new Mutex();
        counter = 0;
        try (Scheduler s = Scheduler.create(4)) {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tasks.add(s.launch(() -> {
                    for (int k = 0; k < 50; k++) {
                        m.lock();
                        try {
                            int seen = counter;
                            Coroutines.yieldNow();
                            counter = seen + 1;
                        } finally {
                            m.unlock();
                        }
                    }
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        }
        assertEquals(2000, counter);
        assertFalse(m.isLocked());
    }

    @Test
    void waitersGetTheLockInArrivalOrder() throws Exception {
        Mutex m = new Mutex();
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        // One loop starts the coroutines in launch order, so they queue on the mutex in that order.
        try (Scheduler s = Scheduler.create(1)) {
            assertTrue(m.tryLock());
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                tasks.add(s.launch(() -> {
                    m.lock();
                    order.add(n);
                    m.unlock();
                }));
            }
            m.unlock();
            for (Task<Void> t : tasks) {
                t.join();
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void aCancelledWaiterDoesNotGetTheLock() throws Exception {
        Mutex m = new Mutex();
        try (Scheduler s = Scheduler.create(1)) {
            m.lock();
            Task<String> waiter = s.launch(() -> {
                m.lock();
                return "locked";
            });
            Thread.sleep(50);
            waiter.cancel();
            assertThrows(CancellationException.class, waiter::join);
            m.unlock();
            assertTrue(m.tryLock());
            m.unlock();
        }
    }

    @Test
    void randomCancellationOfWaitersNeverLeaksTheLock() throws Exception {
        Mutex m = new Mutex();
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Random random = new java.util.Random(11);
        try (Scheduler s = Scheduler.create(4)) {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tasks.add(s.launch(() -> {
                    for (int k = 0; k < 200; k++) {
                        m.lock();
                        try {
                            if (inside.incrementAndGet() != 1) {
                                overlaps.incrementAndGet();
                            }
                            Coroutines.yieldNow();
                        } finally {
                            inside.decrementAndGet();
                            m.unlock();
                        }
                    }
                }));
            }
            for (int i = 0; i < 32; i++) {
                Thread.sleep(random.nextInt(3));
                tasks.get(2 * i).cancel();
            }
            for (Task<Void> t : tasks) {
                try {
                    t.join();
                } catch (CancellationException e) {
                    // Expected for the cancelled half.
                }
            }
        }
        assertEquals(0, overlaps.get());
        assertFalse(m.isLocked());
        assertTrue(m.tryLock());
    }

    @Test
    void unlockingAnUnlockedMutexIsRefused() {
        assertThrows(IllegalStateException.class, () -> new Mutex().unlock());
    }

    @Test
    void aPlainThreadWaitsForACoroutineToUnlock() throws Exception {
        Mutex m = new Mutex();
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> holder = s.launch(() -> {
                m.lock();
                Coroutines.sleep(Duration.ofMillis(100));
                m.unlock();
            });
            Thread.sleep(30);
            long t0 = System.nanoTime();
            m.lock();
            assertTrue(System.nanoTime() - t0 > 20_000_000L);
            m.unlock();
            holder.join();
        }
    }
}
