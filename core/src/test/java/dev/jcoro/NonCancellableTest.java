package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.sync.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class NonCancellableTest {
    @Test
    void cleanupInANonCancellableBlockRunsToTheEndInACancelledCoroutine() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Channel<String> goodbye = new Channel<>(1);
        try (Scheduler s = Scheduler.create(1)) {
            CountDownLatch serving = new CountDownLatch(1);
            Task<Object> t = s.launch(() -> {
                try {
                    serving.countDown();
                    Coroutines.sleep(Duration.ofMinutes(10));
                    return null;
                } finally {
                    events.add("finally");
                    Coroutines.nonCancellable(() -> {
                        Coroutines.sleep(Duration.ofMillis(20));    // would throw at once without the block
                        goodbye.send("bye");
                        events.add("cleanup done");
                        return null;
                    });
                    events.add("after block");
                    Coroutines.yieldNow();                          // the cancellation surfaces here
                    events.add("not reached");
                }
            });
            assertTrue(serving.await(10, TimeUnit.SECONDS));
            Thread.sleep(10);
            t.cancel();
            assertThrows(CancellationException.class, t::join);
        }
        assertEquals(List.of("finally", "cleanup done", "after block"), events);
        assertEquals("bye", goodbye.tryReceive());
    }

    @Test
    void aCancellationThatArrivesWhileTheBlockWaitsDoesNotEndTheWait() throws Exception {
        AtomicBoolean finished = new AtomicBoolean();
        try (Scheduler s = Scheduler.create(1)) {
            CountDownLatch inBlock = new CountDownLatch(1);
            Task<Object> t = s.launch(() -> Coroutines.nonCancellable(() -> {
                inBlock.countDown();
                Coroutines.sleep(Duration.ofMillis(50));
                finished.set(true);
                return null;
            }));
            assertTrue(inBlock.await(10, TimeUnit.SECONDS));
            t.cancel();
            assertThrows(CancellationException.class, t::join);
        }
        assertTrue(finished.get());
    }

    @Test
    void isCancelledAndEnsureActiveLetALongComputationStop() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AtomicBoolean sawIt = new AtomicBoolean();
        try (Scheduler s = Scheduler.builder().threads(2).blockedThreshold(Duration.ZERO).build()) {
            Task<Object> t = s.launch(() -> {
                while (!Coroutines.isCancelled()) {
                    rounds.incrementAndGet();
                }
                sawIt.set(true);
                Coroutines.ensureActive();
                return "not reached";
            });
            while (rounds.get() < 1000) {
                Thread.onSpinWait();
            }
            t.cancel();
            assertThrows(CancellationException.class, t::join);
        }
        assertTrue(sawIt.get());
        assertFalse(Coroutines.isCancelled(), "false on a plain thread");
        Coroutines.ensureActive();
    }

    @Test
    void cancellingACoroutineCancelsTheChildrenOfItsScopesButNotTheOnesInANonCancellableBlock() throws Exception {
        AtomicInteger cancelledChildren = new AtomicInteger();
        AtomicBoolean shieldedChildFinished = new AtomicBoolean();
        try (Scheduler s = Scheduler.create(2)) {
            CountDownLatch started = new CountDownLatch(2);
            Task<Object> owner = s.launch(() -> Coroutines.scope(scope -> {
                for (int i = 0; i < 2; i++) {
                    scope.launch(() -> {
                        started.countDown();
                        try {
                            Coroutines.sleep(Duration.ofMinutes(10));
                        } catch (CancellationException e) {
                            cancelledChildren.incrementAndGet();
                            throw e;
                        }
                    });
                }
                return Coroutines.nonCancellable(() -> Coroutines.scope(inner -> inner.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(50));
                    shieldedChildFinished.set(true);
                }).join()));
            }));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(10);
            owner.cancel();
            assertThrows(CancellationException.class, owner::join);
        }
        assertEquals(2, cancelledChildren.get());
        assertTrue(shieldedChildFinished.get());
    }
}
