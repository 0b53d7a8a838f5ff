package dev.jcoro.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WaitGroupTest {
    @Test
    void awaitReturnsOnceEveryJobIsDone() throws Exception {
        AtomicInteger finished = new AtomicInteger();
        int seen = Coroutines.run(() -> {
            WaitGroup wg = new WaitGroup();
            for (int i = 0; i < 20; i++) {
                wg.add(1);
                int n = i;
                Coroutines.launch(() -> {
                    try {
                        Coroutines.sleep(Duration.ofMillis(n));
                        finished.incrementAndGet();
                    } finally {
                        wg.done();
                    }
                });
            }
            wg.await();
            return finished.get();
        });
        assertEquals(20, seen);
    }

    @Test
    void awaitOnAZeroCountReturnsAtOnce() {
        WaitGroup wg = new WaitGroup();
        wg.await();
        assertEquals(0, wg.count());
    }

    @Test
    void manyWaitersOnDifferentLoopsAreAllReleased() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicInteger released = new AtomicInteger();
        try (Scheduler s = Scheduler.create(3)) {
            Task<?>[] waiters = new Task<?>[12];
            for (int i = 0; i < waiters.length; i++) {
                waiters[i] = s.launch(() -> {
                    wg.await();
                    released.incrementAndGet();
                });
            }
            Thread.sleep(50);
            assertEquals(0, released.get());
            wg.done();
            for (Task<?> w : waiters) {
                w.join();
            }
        }
        assertEquals(12, released.get());
    }

    @Test
    void goingBelowZeroIsRefused() {
        WaitGroup wg = new WaitGroup();
        assertThrows(IllegalStateException.class, wg::done);
        assertEquals(0, wg.count());
    }

    @Test
    void aCancelledWaiterLeavesTheGroupUsable() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> w = s.launch(wg::await);
            Thread.sleep(30);
            w.cancel();
            assertThrows(CancellationException.class, w::join);
            Task<Void> w2 = s.launch(wg::await);
            wg.done();
            w2.join();
        }
    }
}
