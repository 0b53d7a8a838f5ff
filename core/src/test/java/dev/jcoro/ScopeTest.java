package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ScopeTest {
    @Test
    void scopeReturnsOnlyAfterEveryChildHasEnded() throws Exception {
        List<String> ended = Collections.synchronizedList(new ArrayList<>());
        String v = Coroutines.run(() -> {
            String r = Coroutines.scope(scope -> {
                scope.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(80));
                    ended.add("slow");
                });
                scope.launch(() -> {
                    Coroutines.sleep(Duration.ofMillis(10));
                    ended.add("fast");
                });
                return "body";
            });
            ended.add("scope");
            return r;
        });
        assertEquals("body", v);
        assertEquals(List.of("fast", "slow", "scope"), ended);
    }

    @Test
    void theFirstFailureCancelsTheOtherChildrenAndIsRethrownUnchanged() throws Exception {
        IOException boom = new IOException("boom");
        AtomicInteger cancelledSiblings = new AtomicInteger();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        long t0 = System.nanoTime();
        Coroutines.run(() -> {
            try {
                Coroutines.scope(scope -> {
                    for (int i = 0; i < 5; i++) {
                        scope.launch(() -> {
                            try {
                                Coroutines.sleep(Duration.ofMinutes(10));
                            } catch (CancellationException e) {
                                cancelledSiblings.incrementAndGet();
                                throw e;
                            }
                        });
                    }
                    scope.launch(() -> {
                        Coroutines.sleep(Duration.ofMillis(30));
                        throw boom;
                    });
                    Coroutines.sleep(Duration.ofMinutes(10));
                    return "body finished";
                });
            } catch (IOException e) {
                seen.set(e);
            }
            return null;
        });
        assertSame(boom, seen.get());
        assertEquals(5, cancelledSiblings.get());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aFailingBodyCancelsTheChildren() {
        IllegalStateException boom = new IllegalStateException("body failed");
        AtomicInteger childFinally = new AtomicInteger();
        IllegalStateException seen = assertThrows(IllegalStateException.class, () -> Coroutines.run(() ->
                Coroutines.scope(scope -> {
                    scope.launch(() -> {
                        try {
                            Coroutines.sleep(Duration.ofMinutes(10));
                        } finally {
                            childFinally.incrementAndGet();
                        }
                    });
                    Coroutines.sleep(Duration.ofMillis(20));
                    throw boom;
                })));
        assertSame(boom, seen);
        assertEquals(1, childFinally.get());
    }

    @Test
    void cancellingTheOwnerCancelsTheChildrenAndWaitsForThem() throws Exception {
        CountDownLatch childStarted = new CountDownLatch(1);
        AtomicInteger childFinally = new AtomicInteger();
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> owner = s.launch(() -> Coroutines.scope(scope -> {
                scope.launch(() -> {
                    try {
                        childStarted.countDown();
                        Coroutines.sleep(Duration.ofMinutes(10));
                    } finally {
                        childFinally.incrementAndGet();
                    }
                });
                Coroutines.sleep(Duration.ofMinutes(10));
                return "done";
            }));
            assertTrue(childStarted.await(10, TimeUnit.SECONDS));
            owner.cancel();
            assertThrows(CancellationException.class, owner::join);
            assertEquals(1, childFinally.get());
        }
    }

    @Test
    void launchingOnAnEndedScopeIsRefused() throws Exception {
        TaskScope[] kept = new TaskScope[1];
        Coroutines.run(() -> Coroutines.scope(scope -> {
            kept[0] = scope;
            return null;
        }));
        assertThrows(IllegalStateException.class, () -> kept[0].launch(() -> 1));
    }

    @Test
    void gatherReturnsResultsInTheOrderGiven() throws Exception {
        long t0 = System.nanoTime();
        List<String> results = Coroutines.run(() -> Coroutines.gather(
                () -> {
                    Coroutines.sleep(Duration.ofMillis(150));
                    return "first";
                },
                () -> {
                    Coroutines.sleep(Duration.ofMillis(10));
                    return "second";
                },
                () -> "third"));
        assertEquals(List.of("first", "second", "third"), results);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void gatherOfAListRunsThemConcurrently() throws Exception {
        List<SuspendableCallable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            calls.add(() -> {
                Coroutines.sleep(Duration.ofMillis(200));
                return n * n;
            });
        }
        long t0 = System.nanoTime();
        List<Integer> squares = Coroutines.run(() -> Coroutines.gather(calls));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (int i = 0; i < 50; i++) {
            assertEquals(i * i, squares.get(i));
        }
        // Fifty 200 ms sleeps one after another would take 10 s.
        assertTrue(millis < 5_000, millis + " ms");
    }

    @Test
    void gatherRethrowsTheFirstFailureAndCancelsTheRest() {
        IOException boom = new IOException("boom");
        AtomicInteger cancelled = new AtomicInteger();
        IOException seen = assertThrows(IOException.class, () -> Coroutines.run(() -> Coroutines.gather(
                () -> {
                    try {
                        Coroutines.sleep(Duration.ofMinutes(10));
                    } catch (CancellationException e) {
                        cancelled.incrementAndGet();
                        throw e;
                    }
                    return "slow";
                },
                () -> {
                    Coroutines.sleep(Duration.ofMillis(20));
                    throw boom;
                })));
        assertSame(boom, seen);
        assertEquals(1, cancelled.get());
    }

    @Test
    void scopeOnAPlainThreadRunsInItsOwnScheduler() throws Exception {
        int v = Coroutines.scope(scope -> {
            Task<Integer> a = scope.launch(() -> 20);
            Task<Integer> b = scope.launch(() -> 22);
            return a.join() + b.join();
        });
        assertEquals(42, v);
    }
}
