package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.sync.Channel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An operation that completed wins over a timeout or a cancellation processed after it. Each test makes
 * the race certain instead of likely: on a single loop, the party that completes the operation then holds
 * the loop past the deadline, so the timer (or the cancellation) is seen before the body can resume.
 */
@Timeout(60)
class NothingLostTest {
    private static Scheduler oneLoop() {
        return Scheduler.builder().threads(1).blockedThreshold(Duration.ZERO).build();
    }

    /** Holds the carrier: the loop cannot run anything else meanwhile. */
    private static void holdTheLoop(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Test
    void aValueReceivedBeforeTheDeadlineIsReturnedEvenIfTheTimerFiresFirst() throws Exception {
        Channel<String> ch = new Channel<>(0);
        try (Scheduler s = oneLoop()) {
            Task<String> receiver = s.launch(() -> Coroutines.withTimeout(Duration.ofMillis(50), ch::receive));
            Task<Void> sender = s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(20));
                ch.send("v");        // the receiving body is now ready to return "v"...
                holdTheLoop(100);    // ...but the deadline passes before it runs
            });
            sender.join();
            assertEquals("v", receiver.join());
        }
    }

    @Test
    void aSendCompletedBeforeTheDeadlineDoesNotThrowSoItIsNeverRetried() throws Exception {
        Channel<String> ch = new Channel<>(0);
        try (Scheduler s = oneLoop()) {
            Task<String> sender = s.launch(() -> {
                Coroutines.withTimeout(Duration.ofMillis(50), () -> {
                    ch.send("once");
                    return null;
                });
                return "sent";
            });
            Task<String> receiver = s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(20));
                String v = ch.receive();
                holdTheLoop(100);
                return v;
            });
            assertEquals("once", receiver.join());
            assertEquals("sent", sender.join());
            assertEquals(null, ch.tryReceive());
        }
    }

    @Test
    void aValueReceivedBeforeTheCallerIsCancelledReachesTheCallerWhoseNextWaitThrows() throws Exception {
        Channel<String> ch = new Channel<>(0);
        AtomicReference<String> got = new AtomicReference<>();
        try (Scheduler s = oneLoop()) {
            CountDownLatch waiting = new CountDownLatch(1);
            Task<Object> caller = s.launch(() -> {
                waiting.countDown();
                got.set(Coroutines.withTimeout(Duration.ofSeconds(10), ch::receive));
                Coroutines.sleep(Duration.ofMillis(1));
                return null;
            });
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            Thread.sleep(20);
            s.launch(() -> {
                ch.send("kept");
                caller.cancel();
            }).join();
            assertThrows(CancellationException.class, caller::join);
            assertEquals("kept", got.get());
        }
    }

    @Test
    void anOffloadedCallThatFinishesDespiteTheCancellationIsNotLost() throws Exception {
        AtomicReference<String> got = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        try (Scheduler s = Scheduler.create(1)) {
            Task<Object> t = s.launch(() -> {
                got.set(Coroutines.offload(() -> {
                    running.countDown();
                    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                    while (System.nanoTime() - end < 0) {
                        Thread.onSpinWait();   // ignores the interrupt, as some blocking libraries do
                    }
                    return "committed";
                }));
                Coroutines.sleep(Duration.ofMillis(1));
                return null;
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::join);
            assertEquals("committed", got.get());
        }
    }

    @Test
    void anOffloadedCallCancelledBeforeItStartsNeverRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> ran = new AtomicReference<>("no");
        try (Scheduler s = Scheduler.builder().threads(1).blockingThreads(1).build()) {
            Task<String> occupier = s.launch(() -> Coroutines.offload(() -> {
                release.await();
                return "occupier";
            }));
            Thread.sleep(50);
            Task<String> queued = s.launch(() -> Coroutines.offload(() -> {
                ran.set("yes");
                return "queued";
            }));
            Thread.sleep(50);
            assertTrue(queued.cancel());
            assertThrows(CancellationException.class, queued::join);
            release.countDown();
            assertEquals("occupier", occupier.join());
            Thread.sleep(50);
            assertEquals("no", ran.get());
        }
    }

    @Test
    void theTaskHandedOutIsNotARunnableBodyAndItsContinuationRefusesAnOutsideResume() throws Exception {
        AtomicReference<Continuation> leaked = new AtomicReference<>();
        CountDownLatch suspended = new CountDownLatch(1);
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> t = s.launch(() -> {
                leaked.set(Continuation.current());
                suspended.countDown();
                Coroutines.sleep(Duration.ofMillis(200));
                return "ran once";
            });
            assertFalse(t instanceof SuspendableRunnable);
            assertTrue(suspended.await(10, TimeUnit.SECONDS));
            Thread.sleep(20);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaked.get().resume());
            assertTrue(e.getMessage().contains("loop alone resumes it"), e.getMessage());
            assertEquals("ran once", t.join());
        }
    }

    @Test
    void theContinuationOfACoroutineWithoutAResultRefusesAnOutsideResume() throws Exception {
        AtomicReference<Continuation> leaked = new AtomicReference<>();
        CountDownLatch suspended = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> t = s.launch(() -> {
                runs.incrementAndGet();
                leaked.set(Continuation.current());
                suspended.countDown();
                Coroutines.sleep(Duration.ofMillis(200));
            });
            assertTrue(suspended.await(10, TimeUnit.SECONDS));
            Thread.sleep(20);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaked.get().resume());
            assertTrue(e.getMessage().contains("loop alone resumes it"), e.getMessage());
            assertEquals(null, t.join());
            assertEquals(1, runs.get());
        }
    }
}
