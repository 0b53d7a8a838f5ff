package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.internal.sched.SchedulerImpl;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SchedulerTest {
    @Test
    void launchedCoroutineReturnsItsValueToAPlainThreadJoin() throws Exception {
        try (Scheduler s = Scheduler.create(2)) {
            Task<Integer> t = s.launch(() -> 6 * 7);
            assertEquals(42, t.join());
            assertTrue(t.isDone());
        }
    }

    @Test
    void joinRethrowsTheBodysExceptionUnchanged() {
        IOException thrown = new IOException("boom");
        try (Scheduler s = Scheduler.create(1)) {
            Task<Object> t = s.launch(() -> {
                Coroutines.yieldNow();
                throw thrown;
            });
            IOException seen = assertThrows(IOException.class, t::join);
            assertSame(thrown, seen);
        }
    }

    @Test
    void joinInsideACoroutineSuspendsUntilTheOtherEnds() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> outer = s.launch(() -> {
                Task<String> inner = Coroutines.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(50));
                    return "inner";
                });
                return "outer+" + inner.join();
            });
            assertEquals("outer+inner", outer.join());
        }
    }

    @Test
    void joinRethrowsWhatABodyWithoutAResultThrowsAfterASuspensionUnchanged() {
        IllegalArgumentException thrown = new IllegalArgumentException("boom");
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> t = s.launch(() -> {
                Coroutines.yieldNow();
                throw thrown;
            });
            assertSame(thrown, assertThrows(IllegalArgumentException.class, t::join));
        }
    }

    @Test
    void runnableBodyGivesATaskOfVoid() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> t = s.launch(() -> {
                Coroutines.yieldNow();
                ran.incrementAndGet();
            });
            assertEquals(null, t.join());
            assertEquals(1, ran.get());
        }
    }

    @Test
    void newCoroutinesAreSpreadOverTheLoops() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        try (Scheduler s = Scheduler.create(3)) {
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tasks.add(s.launch(() -> {
                    threads.add(Thread.currentThread().getName());
                    Coroutines.sleep(Duration.ofMillis(20));
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        }
        // Round-robin puts ten on each loop; an idle loop may steal some that have not started, so require
        // only that the work did not stay on one loop.
        assertTrue(threads.size() >= 2, threads.toString());
    }

    @Test
    void aChildStartsOnItsParentsLoop() throws Exception {
        try (Scheduler s = Scheduler.create(4)) {
            for (int i = 0; i < 20; i++) {
                Task<Boolean> parent = s.launch(() -> {
                    String here = Thread.currentThread().getName();
                    Task<String> child = Coroutines.launch(() -> Thread.currentThread().getName());
                    return here.equals(child.join());
                });
                assertTrue(parent.join(), "child " + i + " ran on its parent's loop");
            }
        }
    }

    @Test
    void longLivedChildrenOfOneParentSpreadOverTheLoops() throws Exception {
        // An accept loop: one parent launches a handler per connection, each living long.
        Map<String, Integer> perLoop = new ConcurrentHashMap<>();
        try (Scheduler s = Scheduler.create(2)) {
            dev.jcoro.sync.Event closed = new dev.jcoro.sync.Event();
            s.launch(() -> {
                List<Task<Void>> handlers = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    handlers.add(Coroutines.launch(() -> {
                        perLoop.merge(Thread.currentThread().getName(), 1, Integer::sum);
                        closed.await();
                    }));
                    Coroutines.yieldNow();      // as an accept that waits for the next connection
                }
                closed.set();
                for (Task<Void> h : handlers) {
                    h.join();
                }
                return null;
            }).join();
        }
        assertEquals(2, perLoop.size(), perLoop.toString());
        for (int n : perLoop.values()) {
            assertTrue(n >= 40, "each loop holds about half of the handlers: " + perLoop);
        }
    }

    @Test
    void anIdleLoopStealsHalfOfAParentsBacklog() throws Exception {
        try (Scheduler s = Scheduler.builder().threads(2).blockedThreshold(Duration.ZERO).build()) {
            Set<String> ranOn = s.launch(() -> {
                String parentThread = Thread.currentThread().getName();
                Set<String> threads = ConcurrentHashMap.newKeySet();
                AtomicBoolean elsewhere = new AtomicBoolean();
                List<Task<Void>> children = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    children.add(Coroutines.launch(() -> {
                        String t = Thread.currentThread().getName();
                        threads.add(t);
                        if (!t.equals(parentThread)) {
                            elsewhere.set(true);
                        }
                    }));
                }
                // The parent holds its loop, so only a thief can start children until it lets go.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!elsewhere.get() && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
                for (Task<Void> c : children) {
                    c.join();
                }
                return threads;
            }).join();
            assertEquals(2, ranOn.size(), "the idle loop took part of the backlog: " + ranOn);
        }
    }

    @Test
    void aCoroutineStaysOnTheLoopThatStartedIt() throws Exception {
        try (Scheduler s = Scheduler.create(4)) {
            List<Task<Boolean>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tasks.add(s.launch(() -> {
                    Thread first = Thread.currentThread();
                    for (int k = 0; k < 5; k++) {
                        Coroutines.sleep(Duration.ofMillis(1));
                        Coroutines.yieldNow();
                        if (Thread.currentThread() != first) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Task<Boolean> t : tasks) {
                assertTrue(t.join());
            }
        }
    }

    @Test
    void anIdleLoopStealsCoroutinesQueuedBehindAStuckOne() throws Exception {
        CountDownLatch hogStarted = new CountDownLatch(1);
        AtomicBoolean release = new AtomicBoolean();
        try (Scheduler s = Scheduler.builder().threads(2).blockedThreshold(Duration.ZERO).build()) {
            try {
                // Occupy one loop without suspending; round-robin still queues half the new coroutines on it.
                Task<String> hog = s.launch(() -> {
                    hogStarted.countDown();
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                    return Thread.currentThread().getName();
                });
                assertTrue(hogStarted.await(10, TimeUnit.SECONDS));
                // Let the other loop fall asleep first: it must be woken to steal.
                Thread.sleep(50);
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    tasks.add(s.launch(() -> Thread.currentThread().getName()));
                    Thread.sleep(1);
                }
                Set<String> ranOn = new HashSet<>();
                for (Task<String> t : tasks) {
                    ranOn.add(t.join());
                }
                release.set(true);
                String hogThread = hog.join();
                assertEquals(1, ranOn.size(), ranOn.toString());
                assertFalse(ranOn.contains(hogThread));
            } finally {
                release.set(true);
            }
        }
    }

    @Test
    void toCompletableFutureCompletesWithTheResultOrTheFailure() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            CompletableFuture<String> ok = s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(10));
                return "ok";
            }).toCompletableFuture();
            assertEquals("ok", ok.get(10, TimeUnit.SECONDS));
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            CompletableFuture<String> bad = s.launch(() -> {
                Coroutines.yieldNow();
                if (boom != null) {
                    throw boom;
                }
                return "never";
            }).toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertSame(boom, e.getCause());
        }
    }

    @Test
    void closeCancelsRunningCoroutinesAndRunsTheirFinallyBlocks() throws Exception {
        AtomicInteger finallies = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(10);
        List<Task<Void>> tasks = new ArrayList<>();
        Scheduler s = Scheduler.create(2);
        for (int i = 0; i < 10; i++) {
            tasks.add(s.launch(() -> {
                try {
                    started.countDown();
                    Coroutines.sleep(Duration.ofHours(1));
                } finally {
                    finallies.incrementAndGet();
                }
            }));
        }
        assertTrue(started.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        s.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "close took too long");
        assertEquals(10, finallies.get());
        for (Task<Void> t : tasks) {
            assertTrue(t.isDone());
            assertThrows(CancellationException.class, t::join);
        }
        assertEquals(0, ((SchedulerImpl) s).liveCount());
    }

    @Test
    void aCoroutineThatInterruptsItsCarrierDoesNotMakeTheLoopSpin() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        try (Scheduler s = Scheduler.create(1)) {
            long carrier = s.launch(() -> {
                Thread.currentThread().interrupt();
                return Thread.currentThread().getId();
            }).join();
            Thread.sleep(50);
            long cpu0 = threads.getThreadCpuTime(carrier);
            Thread.sleep(500);
            long cpuMillis = TimeUnit.NANOSECONDS.toMillis(threads.getThreadCpuTime(carrier) - cpu0);
            // An idle loop sleeps in select; a pending interrupt would make it spin through all 500 ms.
            assertTrue(cpuMillis < 200, "idle loop used " + cpuMillis + " ms of CPU");
            assertEquals("fine", s.launch(() -> {
                Coroutines.yieldNow();
                return Thread.currentThread().isInterrupted() ? "interrupted" : "fine";
            }).join());
        }
    }

    @Test
    void builderRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Scheduler.create(0));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().threads(0));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().blockingThreads(0));
        assertThrows(IllegalArgumentException.class, () -> Scheduler.builder().blockedThreshold(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> Scheduler.builder().blockedReporter(null));
    }

    @Test
    void launchAfterCloseIsRefused() {
        Scheduler s = Scheduler.create(1);
        s.close();
        assertThrows(IllegalStateException.class, () -> s.launch(() -> 1));
    }

    @Test
    void coroutinesLaunchOutsideACoroutineIsRefused() {
        assertThrows(IllegalStateException.class, () -> Coroutines.launch(() -> 1));
    }

    @Test
    void aCoroutineCannotJoinItself() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<?>[] self = new Task<?>[1];
            CountDownLatch set = new CountDownLatch(1);
            Task<String> t = s.launch(() -> {
                set.await();
                try {
                    self[0].join();
                    return "joined";
                } catch (IllegalStateException e) {
                    return "refused";
                }
            });
            self[0] = t;
            set.countDown();
            assertEquals("refused", t.join());
        }
    }

    @Test
    void coroutinesRunReturnsMainsValueAndClosesItsScheduler() throws Exception {
        Thread[] carrier = new Thread[1];
        String v = Coroutines.run(() -> {
            carrier[0] = Thread.currentThread();
            Coroutines.sleep(Duration.ofMillis(5));
            return "main";
        });
        assertEquals("main", v);
        carrier[0].join(5000);
        assertFalse(carrier[0].isAlive());
    }
}
