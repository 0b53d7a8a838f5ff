package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CoroutinesTest {
    @Test
    void sleepingCoroutinesOverlap() throws Exception {
        long t0 = System.nanoTime();
        int sum = Coroutines.run(() -> {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                tasks.add(Coroutines.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(300));
                    return n;
                }));
            }
            int total = 0;
            for (Task<Integer> t : tasks) {
                total += t.join();
            }
            return total;
        });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(4950, sum);
        assertTrue(millis >= 300, "slept only " + millis + " ms");
        // 100 sequential sleeps would take 30 s; overlapping ones take about 0.3 s.
        assertTrue(millis < 10_000, "took " + millis + " ms");
    }

    @Test
    void aHundredThousandSleepersAllWakeAndNoneWakesEarly() throws Exception {
        int n = 100_000;
        java.util.concurrent.atomic.AtomicInteger early = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger woke = new java.util.concurrent.atomic.AtomicInteger();
        try (Scheduler s = Scheduler.create(2)) {
            List<Task<Void>> tasks = new ArrayList<>(n);
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < n; i++) {
                long millis = random.nextInt(1000);
                tasks.add(s.launch(() -> {
                    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                    Coroutines.sleep(Duration.ofMillis(millis));
                    if (System.nanoTime() - due < 0) {
                        early.incrementAndGet();
                    }
                    woke.incrementAndGet();
                }));
            }
            for (Task<Void> t : tasks) {
                t.join();
            }
        }
        assertEquals(n, woke.get());
        assertEquals(0, early.get());
    }

    @Test
    void sleepLastsAtLeastItsDuration() throws Exception {
        long elapsed = Coroutines.run(() -> {
            long t0 = System.nanoTime();
            Coroutines.sleep(Duration.ofMillis(120));
            return System.nanoTime() - t0;
        });
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(120), "woke after " + elapsed + " ns");
    }

    @Test
    void timersFireInDeadlineOrderAndTiesInScheduleOrder() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (Scheduler s = Scheduler.create(1)) {
            s.launch(() -> {
                List<Task<Void>> tasks = new ArrayList<>();
                int[] delays = {50, 10, 40, 20, 30, 20, 10};
                for (int i = 0; i < delays.length; i++) {
                    String label = delays[i] + "/" + i;
                    int d = delays[i];
                    tasks.add(Coroutines.launch(() -> {
                        Coroutines.sleep(Duration.ofMillis(d));
                        order.add(label);
                    }));
                }
                for (Task<Void> t : tasks) {
                    t.join();
                }
                return null;
            }).join();
        }
        assertEquals(List.of("10/1", "10/6", "20/3", "20/5", "30/4", "40/2", "50/0"), order);
    }

    @Test
    void yieldNowLetsTheOtherCoroutinesOfTheLoopRun() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (Scheduler s = Scheduler.create(1)) {
            // Launched from a coroutine of the single loop, so that both start in the same round.
            s.launch(() -> {
                Task<Void> a = Coroutines.launch(() -> {
                    for (int i = 0; i < 3; i++) {
                        order.add("a" + i);
                        Coroutines.yieldNow();
                    }
                });
                Task<Void> b = Coroutines.launch(() -> {
                    for (int i = 0; i < 3; i++) {
                        order.add("b" + i);
                        Coroutines.yieldNow();
                    }
                });
                a.join();
                b.join();
                return null;
            }).join();
        }
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), order);
    }

    @Test
    void awaitReturnsTheValueOfAFutureCompletedByAnotherThread() throws Exception {
        CompletableFuture<String> later = new CompletableFuture<>();
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> t = s.launch(() -> Coroutines.await(later) + "!");
            Thread.sleep(50);
            assertTrue(!t.isDone());
            new Thread(() -> later.complete("value")).start();
            assertEquals("value!", t.join());
        }
    }

    @Test
    void awaitThrowsWhatFailedTheFutureUnwrapped() throws Exception {
        FileNotFoundException cause = new FileNotFoundException("nope");
        Exception seen = Coroutines.run(() -> {
            try {
                Coroutines.await(CompletableFuture.supplyAsync(() -> "x").thenApply(x -> {
                    throw new java.util.concurrent.CompletionException(cause);
                }));
                return null;
            } catch (FileNotFoundException e) {
                return e;
            }
        });
        assertSame(cause, seen);
    }

    @Test
    void awaitOnAPlainThreadBlocksForTheValue() throws Exception {
        assertEquals("plain", Coroutines.await(CompletableFuture.supplyAsync(() -> "plain")));
    }

    @Test
    void offloadRunsOnTheBlockingPoolAndKeepsTheLoopFree() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> blocked = s.launch(() -> Coroutines.offload(() -> {
                Thread.sleep(2000);
                return Thread.currentThread().getName();
            }));
            // The single loop stays free while the blocking call runs elsewhere.
            Task<Long> other = s.launch(() -> {
                long t0 = System.nanoTime();
                Coroutines.sleep(Duration.ofMillis(10));
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            });
            assertTrue(other.join() < 1500, "the loop was blocked");
            String poolThread = blocked.join();
            assertTrue(poolThread.contains("blocking"), poolThread);
        }
    }

    @Test
    void offloadRethrowsTheBlockingCallsExceptionUnchanged() throws Exception {
        FileNotFoundException cause = new FileNotFoundException("missing");
        Exception seen = Coroutines.run(() -> {
            try {
                Coroutines.offload(() -> {
                    throw cause;
                });
                return null;
            } catch (FileNotFoundException e) {
                return e;
            }
        });
        assertSame(cause, seen);
    }

    @Test
    void offloadOnAPlainThreadRunsInPlace() throws Exception {
        Thread me = Thread.currentThread();
        assertSame(me, Coroutines.offload(Thread::currentThread));
    }

    @Test
    void offloadPoolIsBoundedByItsSetting() throws Exception {
        try (Scheduler s = Scheduler.builder().threads(1).blockingThreads(2).build()) {
            List<Task<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tasks.add(s.launch(() -> Coroutines.offload(() -> {
                    Thread.sleep(20);
                    return Thread.currentThread().getName();
                })));
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (Task<String> t : tasks) {
                names.add(t.join());
            }
            assertTrue(names.size() <= 2, names.toString());
            assertTrue(names.stream().allMatch(n -> n.contains("-blocking-")), "ran off the loop, on the pool: " + names);
        }
    }

    @Test
    void sequentialOffloadsReuseAnIdleThread() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            java.util.Set<String> names = s.launch(() -> {
                java.util.Set<String> seen = new java.util.HashSet<>();
                for (int i = 0; i < 10; i++) {
                    seen.add(Coroutines.offload(() -> Thread.currentThread().getName()));
                    // Let the pool thread return to waiting before the next hand-off.
                    Coroutines.sleep(Duration.ofMillis(20));
                }
                return seen;
            }).join();
            // One thread when the box is quiet; a loaded box may start a second before the first is idle again.
            assertTrue(names.size() <= 3, names.toString());
            assertTrue(names.stream().allMatch(n -> n.contains("-blocking-")), "ran off the loop, on the pool: " + names);
        }
    }

    @Test
    void runInsideACoroutineIsRefused() throws Exception {
        String outcome = Coroutines.run(() -> {
            try {
                Coroutines.run(() -> "nested");
                return "ran";
            } catch (IllegalStateException e) {
                return "refused";
            }
        });
        assertEquals("refused", outcome);
    }

    @Test
    void sleepOnAPlainThreadSleepsTheThread() {
        long t0 = System.nanoTime();
        Coroutines.sleep(Duration.ofMillis(30));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    void sleepInsideANestedGeneratorIsRefusedWithAClearMessage() throws Exception {
        String message = Coroutines.run(() -> {
            Generator<Integer> g = new Generator<>(out -> {
                Coroutines.sleep(Duration.ofMillis(1));
                out.emit(1);
            });
            try {
                g.next();
                return "no error";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        });
        assertTrue(message.contains("nested"), message);
    }

    @Test
    void coroutinesRunOnDifferentSchedulersDoNotShareThreads() throws Exception {
        String a = Coroutines.run(() -> Thread.currentThread().getName());
        String b = Coroutines.run(() -> Thread.currentThread().getName());
        assertNotEquals(a, b);
    }
}
