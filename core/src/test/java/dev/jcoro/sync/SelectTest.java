package dev.jcoro.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SelectTest {
    @Test
    void theReadyChannelWinsAndTheOtherKeepsItsValue() throws Exception {
        Channel<String> a = new Channel<>(1);
        Channel<String> b = new Channel<>(1);
        b.trySend("b1");
        String got = Coroutines.run(() -> new Select<String>()
                .onReceive(a, v -> "a:" + v)
                .onReceive(b, v -> "b:" + v)
                .await());
        assertEquals("b:b1", got);
        assertNull(a.tryReceive());
        a.trySend("a1");
        assertEquals("a1", a.tryReceive());
    }

    @Test
    void whenSeveralAreReadyTheFirstClauseWins() throws Exception {
        Channel<Integer> a = new Channel<>(1);
        Channel<Integer> b = new Channel<>(1);
        a.trySend(1);
        b.trySend(2);
        int got = Coroutines.run(() -> new Select<Integer>().onReceive(a, v -> v).onReceive(b, v -> v).await());
        assertEquals(1, got);
        assertEquals(2, b.tryReceive());
    }

    @Test
    void aWaitingSelectTakesTheFirstValueSentToAnyOfItsChannels() throws Exception {
        Channel<String> a = new Channel<>(0);
        Channel<String> b = new Channel<>(0);
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> selector = s.launch(() -> new Select<String>()
                    .onReceive(a, v -> "a:" + v)
                    .onReceive(b, v -> "b:" + v)
                    .await());
            Thread.sleep(30);
            s.launch(() -> b.send("late")).join();
            assertEquals("b:late", selector.join());
            // The losing clause was withdrawn: a's next value goes to a plain receiver, not to the old select.
            Task<String> receiver = s.launch(a::receive);
            s.launch(() -> a.send("next")).join();
            assertEquals("next", receiver.join());
        }
    }

    @Test
    void aSendClauseThatLosesSendsNothing() throws Exception {
        Channel<Integer> a = new Channel<>(0);
        Channel<Integer> b = new Channel<>(0);
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> selector = s.launch(() -> new Select<String>()
                    .onSend(a, 1, () -> "sent to a")
                    .onSend(b, 2, () -> "sent to b")
                    .await());
            Thread.sleep(30);
            assertEquals(1, s.launch(a::receive).join());
            assertEquals("sent to a", selector.join());
            assertNull(b.tryReceive());
        }
    }

    @Test
    void theTimeoutClauseWinsWhenNothingHappensAndTakesNothing() throws Exception {
        Channel<String> a = new Channel<>(1);
        String got = Coroutines.run(() -> new Select<String>()
                .onReceive(a, v -> v)
                .onTimeout(Duration.ofMillis(30), () -> "timed out")
                .await());
        assertEquals("timed out", got);
        a.trySend("after");
        assertEquals("after", a.tryReceive());
    }

    @Test
    void aTaskThatEndsWinsTheJoinClause() throws Exception {
        Channel<String> never = new Channel<>(0);
        String got = Coroutines.run(() -> {
            Task<Integer> worker = Coroutines.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(20));
                return 42;
            });
            return new Select<String>()
                    .onReceive(never, v -> v)
                    .onJoin(worker, t -> "worker ended: " + t.isDone())
                    .await() + " " + worker.join();
        });
        assertEquals("worker ended: true 42", got);
    }

    @Test
    void anEventWinsItsClause() throws Exception {
        Event e = new Event();
        String got = Coroutines.run(() -> {
            Coroutines.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(20));
                e.set();
            });
            return new Select<String>().onEvent(e, () -> "set").onTimeout(Duration.ofSeconds(10), () -> "no").await();
        });
        assertEquals("set", got);
    }

    @Test
    void aClosedChannelClauseThrowsWithTheCloseCause() throws Exception {
        Channel<String> a = new Channel<>(0);
        IOException cause = new IOException("producer failed");
        a.close(cause);
        ChannelClosedException e = assertThrows(ChannelClosedException.class,
                () -> Coroutines.run(() -> new Select<String>().onReceive(a, v -> v).await()));
        assertSame(cause, e.getCause());
    }

    @Test
    void aCancelledSelectTakesNothingAndLeavesTheChannelsUsable() throws Exception {
        Channel<String> a = new Channel<>(0);
        try (Scheduler s = Scheduler.create(2)) {
            CountDownLatch started = new CountDownLatch(1);
            Task<String> selector = s.launch(() -> {
                started.countDown();
                return new Select<String>().onReceive(a, v -> v).onSend(a, "mine", () -> "sent").await();
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(30);
            assertTrue(selector.cancel());
            assertThrows(CancellationException.class, selector::join);
            assertNull(a.tryReceive());
            Task<String> receiver = s.launch(a::receive);
            s.launch(() -> a.send("after")).join();
            assertEquals("after", receiver.join());
        }
    }

    /**
     * Many selects on two loops race for values on two channels, under timeouts and cancellations: each
     * value sent is received exactly once, or is still in its channel.
     */
    @Test
    void underRacesEveryValueIsTakenByExactlyOneClause() throws Exception {
        int producers = 8;
        int perProducer = 500;
        Channel<Integer> a = new Channel<>(4);
        Channel<Integer> b = new Channel<>(0);
        ConcurrentHashMap<Integer, Integer> received = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        try (Scheduler s = Scheduler.create(2)) {
            List<Task<?>> consumers = new ArrayList<>();
            for (int c = 0; c < 6; c++) {
                long seed = c;
                consumers.add(s.launch(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    while (true) {
                        Integer v = new Select<Integer>()
                                .onReceive(a, x -> x)
                                .onReceive(b, x -> x)
                                .onTimeout(Duration.ofMillis(1 + rnd.nextInt(3)), () -> null)
                                .await();
                        if (v != null && received.put(v, v) != null) {
                            duplicates.incrementAndGet();
                        }
                    }
                }));
            }
            List<Task<?>> senders = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                senders.add(s.launch(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        int v = base + i;
                        new Select<Void>().onSend(a, v, () -> null).onSend(b, v, () -> null).await();
                    }
                }));
            }
            // A consumer cancelled in the middle of a select must not take a value with it.
            Thread.sleep(20);
            consumers.get(0).cancel();
            for (Task<?> t : senders) {
                t.join();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (received.size() + a.size() < producers * perProducer && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            for (Task<?> t : consumers) {
                t.cancel();
            }
        }
        assertEquals(0, duplicates.get());
        Integer left;
        while ((left = a.tryReceive()) != null) {
            received.put(left, left);
        }
        assertEquals(producers * perProducer, received.size());
    }
}
