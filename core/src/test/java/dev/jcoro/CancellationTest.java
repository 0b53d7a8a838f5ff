package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.sync.Channel;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CancellationTest {
    @Test
    void cancellingASleepingCoroutineWakesItAtOnceAndRunsItsFinally() throws Exception {
        AtomicReference<String> finallySaw = new AtomicReference<>();
        CountDownLatch sleeping = new CountDownLatch(1);
        try (Scheduler s = Scheduler.create(2)) {
            Task<Void> t = s.launch(() -> {
                try {
                    sleeping.countDown();
                    Coroutines.sleep(Duration.ofMinutes(10));
                } finally {
                    finallySaw.set("finally");
                }
            });
            assertTrue(sleeping.await(10, TimeUnit.SECONDS));
            Thread.sleep(20);
            long t0 = System.nanoTime();
            assertTrue(t.cancel());
            assertThrows(CancellationException.class, t::join);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "cancellation was not prompt");
            assertEquals("finally", finallySaw.get());
            assertTrue(t.isDone());
        }
    }

    @Test
    void aSleepOfTheLongestDurationSleepsUntilCancelled() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> forever = s.launch(() -> Coroutines.sleep(Duration.ofSeconds(Long.MAX_VALUE)));
            Task<String> bounded = s.launch(() -> Coroutines.withTimeout(Duration.ofSeconds(Long.MAX_VALUE), () -> "ok"));
            assertEquals("ok", bounded.join());
            Thread.sleep(50);
            assertFalse(forever.isDone());
            forever.cancel();
            assertThrows(CancellationException.class, forever::join);
        }
    }

    @Test
    void aCoroutineCancelledBeforeItStartsNeverRuns() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        CountDownLatch hold = new CountDownLatch(1);
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ZERO).build()) {
            s.launch(() -> {
                hold.await();
                return null;
            });
            Task<Void> t = s.launch(() -> ran.set(true));
            assertTrue(t.cancel());
            assertTrue(t.isDone());
            hold.countDown();
            assertThrows(CancellationException.class, t::join);
            Thread.sleep(50);
            assertFalse(ran.get());
        }
    }

    @Test
    void cancelReturnsFalseOnceDoneOrAlreadyCancelled() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<Integer> done = s.launch(() -> 1);
            assertEquals(1, done.join());
            assertFalse(done.cancel());
            assertEquals(1, done.join());
            Task<Void> sleeper = s.launch(() -> Coroutines.sleep(Duration.ofMinutes(10)));
            assertTrue(sleeper.cancel());
            assertFalse(sleeper.cancel());
            assertThrows(CancellationException.class, sleeper::join);
        }
    }

    @Test
    void cancellationSurfacesAtTheNextSuspensionOfARunningCoroutine() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicInteger stepsAfterCancel = new AtomicInteger();
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ZERO).build()) {
            Task<Object> t = s.launch(() -> {
                running.countDown();
                cancelled.await();
                stepsAfterCancel.incrementAndGet();
                Coroutines.yieldNow();
                stepsAfterCancel.incrementAndGet();
                return null;
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertTrue(t.cancel());
            cancelled.countDown();
            assertThrows(CancellationException.class, t::join);
            assertEquals(1, stepsAfterCancel.get());
        }
    }

    @Test
    void cancellingAReceiverWakesItAndLeavesTheChannelUsable() throws Exception {
        Channel<String> ch = new Channel<>(0);
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> receiver = s.launch(ch::receive);
            Thread.sleep(50);
            assertTrue(receiver.cancel());
            assertThrows(CancellationException.class, receiver::join);
            Task<String> second = s.launch(ch::receive);
            Task<Void> sender = s.launch(() -> ch.send("hello"));
            assertEquals("hello", second.join());
            sender.join();
        }
    }

    @Test
    void cancellingAJoinerDoesNotCancelTheTaskItWaitsFor() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> worker = s.launch(() -> Coroutines.await(gate));
            Task<String> joiner = s.launch(worker::join);
            Thread.sleep(50);
            joiner.cancel();
            assertThrows(CancellationException.class, joiner::join);
            gate.complete("done");
            assertEquals("done", worker.join());
        }
    }

    @Test
    void cancellingAnOffloadingCoroutineInterruptsTheBlockingCall() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        try (Scheduler s = Scheduler.create(1)) {
            Task<Object> t = s.launch(() -> Coroutines.offload(() -> {
                inCall.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    interrupted.countDown();
                }
                return null;
            }));
            assertTrue(inCall.await(10, TimeUnit.SECONDS));
            t.cancel();
            assertThrows(CancellationException.class, t::join);
            assertTrue(interrupted.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void cancellingACoroutineThatAwaitsAFutureWakesItButLeavesTheFutureAlone() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> t = s.launch(() -> Coroutines.await(never));
            Thread.sleep(30);
            long t0 = System.nanoTime();
            t.cancel();
            assertThrows(CancellationException.class, t::join);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
            assertFalse(never.isDone());
        }
    }

    @Test
    void closingTheSchedulerFromOneOfItsCoroutinesDoesNotDeadlock() throws Exception {
        Scheduler s = Scheduler.create(2);
        AtomicBoolean otherFinally = new AtomicBoolean();
        s.launch(() -> {
            try {
                Coroutines.sleep(Duration.ofMinutes(10));
            } finally {
                otherFinally.set(true);
            }
        });
        Task<Void> closer = s.launch(() -> {
            Coroutines.sleep(Duration.ofMillis(20));
            s.close();
        });
        CompletableFuture<String> outcome = closer.toCompletableFuture()
                .handle((v, e) -> e == null ? "returned" : e.getClass().getSimpleName());
        // The closer, woken from its sleep, closes the scheduler it runs on and then ends normally.
        assertEquals("returned", outcome.get(30, TimeUnit.SECONDS));
        s.close();
        assertTrue(otherFinally.get());
        assertTrue(closer.isDone());
    }

    @Test
    void cancellingTheFutureCancelsTheTask() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<Void> t = s.launch(() -> Coroutines.sleep(Duration.ofMinutes(10)));
            Thread.sleep(20);
            assertTrue(t.toCompletableFuture().cancel(true));
            assertThrows(CancellationException.class, t::join);
        }
    }

    @Test
    void aCoroutineThatCatchesCancellationStillReportsItToJoin() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> t = s.launch(() -> {
                try {
                    Coroutines.sleep(Duration.ofMinutes(10));
                    return "slept";
                } catch (CancellationException e) {
                    return "caught";
                }
            });
            Thread.sleep(20);
            t.cancel();
            assertThrows(CancellationException.class, t::join);
        }
    }
}
