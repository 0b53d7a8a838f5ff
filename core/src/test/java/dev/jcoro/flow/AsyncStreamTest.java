package dev.jcoro.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class AsyncStreamTest {
    /** A producer that waits between values, as one reading a socket would. */
    static AsyncStream<Integer> ticks(int count, AtomicInteger produced, List<String> log) {
        return AsyncStream.generate(out -> {
            try {
                for (int i = 1; i <= count; i++) {
                    Coroutines.sleep(Duration.ofMillis(1));
                    produced.incrementAndGet();
                    out.emit(i);
                }
            } finally {
                log.add("producer finally");
            }
        });
    }

    @Test
    void operatorsChainAndTheStreamIsColdEachCollectionRunsTheProducerAgain() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        AsyncStream<String> s = ticks(10, produced, log).filter(i -> i % 2 == 0).map(i -> "#" + i);
        assertEquals(0, produced.get(), "building the chain runs nothing");
        assertEquals(List.of("#2", "#4", "#6", "#8", "#10"), Coroutines.run(s::toList));
        assertEquals(List.of("#2", "#4", "#6", "#8", "#10"), Coroutines.run(s::toList));
        assertEquals(20, produced.get());
    }

    @Test
    void takeStopsTheProducerAfterTheLastValueAndRunsItsFinally() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        List<Integer> got = Coroutines.run(() -> ticks(1000, produced, log).take(3).toList());
        assertEquals(List.of(1, 2, 3), got);
        assertEquals(3, produced.get());
        assertEquals(List.of("producer finally"), log);
        assertEquals(List.of(), Coroutines.run(() -> ticks(5, produced, log).take(0).toList()));
    }

    @Test
    void theProducerWaitsForASlowCollector() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        List<Integer> aheadBy = new ArrayList<>();
        Coroutines.run(() -> {
            int[] taken = {0};
            ticks(20, produced, new ArrayList<>()).collect(v -> {
                taken[0]++;
                aheadBy.add(produced.get() - taken[0]);
                Coroutines.sleep(Duration.ofMillis(2));
            });
            return null;
        });
        for (int a : aheadBy) {
            assertEquals(0, a, "an unbuffered producer never runs ahead");
        }
    }

    @Test
    void bufferLetsTheProducerRunAheadByItsCapacity() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        List<Integer> aheadBy = new CopyOnWriteArrayList<>();
        List<String> log = new CopyOnWriteArrayList<>();
        List<Integer> got = Coroutines.run(() -> {
            List<Integer> out = new ArrayList<>();
            ticks(30, produced, log).buffer(4).collect(v -> {
                out.add(v);
                aheadBy.add(produced.get() - out.size());
                Coroutines.sleep(Duration.ofMillis(3));
            });
            return out;
        });
        assertEquals(30, got.size());
        assertTrue(aheadBy.stream().anyMatch(a -> a > 0), "the producer ran ahead: " + aheadBy);
        assertTrue(aheadBy.stream().allMatch(a -> a <= 4 + 1), "at most capacity plus the one in hand: " + aheadBy);
    }

    @Test
    void aFailureAnywhereEndsTheCollectionWithThatExceptionUnchangedBufferedOrNot() throws Exception {
        IOException boom = new IOException("socket reset");
        AsyncStream<Integer> failing = AsyncStream.generate(out -> {
            out.emit(1);
            throw boom;
        });
        assertSame(boom, assertThrows(IOException.class, () -> Coroutines.run(failing::toList)));
        assertSame(boom, assertThrows(IOException.class, () -> Coroutines.run(() -> failing.buffer(2).toList())));
        IllegalStateException inMap = new IllegalStateException("bad value");
        assertSame(inMap, assertThrows(IllegalStateException.class, () -> Coroutines.run(() ->
                AsyncStream.of(1, 2, 3).map(v -> {
                    if (v == 2) {
                        throw inMap;
                    }
                    return v;
                }).toList())));
    }

    @Test
    void takeAfterBufferCancelsTheBufferedProducer() throws Exception {
        AtomicInteger produced = new AtomicInteger();
        List<String> log = new CopyOnWriteArrayList<>();
        assertEquals(List.of(1, 2), Coroutines.run(() -> ticks(100_000, produced, log).buffer(8).take(2).toList()));
        assertEquals(List.of("producer finally"), log);
        assertTrue(produced.get() < 100, "the producer stopped early: " + produced.get());
    }

    @Test
    void aPublisherFeedsAStreamWithBackPressure() throws Exception {
        try (SubmissionPublisher<Integer> pub = new SubmissionPublisher<>();
             Scheduler s = Scheduler.create(1)) {
            Task<List<Integer>> collector = s.launch(() -> AsyncStream.fromPublisher(pub, 4).map(v -> v * 10).toList());
            while (pub.getNumberOfSubscribers() == 0) {
                Thread.sleep(1);
            }
            for (int i = 0; i < 100; i++) {
                pub.submit(i);       // blocks whenever the stream has not asked for more
            }
            pub.close();
            List<Integer> got = collector.join();
            assertEquals(100, got.size());
            assertEquals(990, got.get(99));
        }
    }

    @Test
    void aPublishersErrorEndsTheCollectionWithThatError() throws Exception {
        IOException boom = new IOException("upstream failed");
        try (SubmissionPublisher<Integer> pub = new SubmissionPublisher<>();
             Scheduler s = Scheduler.create(1)) {
            Task<List<Integer>> collector = s.launch(() -> AsyncStream.fromPublisher(pub, 2).toList());
            while (pub.getNumberOfSubscribers() == 0) {
                Thread.sleep(1);
            }
            pub.submit(1);
            pub.closeExceptionally(boom);
            assertSame(boom, assertThrows(IOException.class, collector::join));
        }
    }

    /** A subscriber that asks for values only when told to. */
    static final class ManualSubscriber<T> implements Flow.Subscriber<T> {
        final List<T> items = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        final AtomicReference<Throwable> error = new AtomicReference<>();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(T item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            done.countDown();
        }

        @Override
        public void onComplete() {
            done.countDown();
        }
    }

    @Test
    void asAPublisherTheStreamEmitsOnlyWhatWasRequested() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Scheduler s = Scheduler.create(2)) {
            ManualSubscriber<Integer> sub = new ManualSubscriber<>();
            ticks(10, new AtomicInteger(), log).toPublisher(s).subscribe(sub);
            sub.subscription.request(3);
            Thread.sleep(100);
            assertEquals(List.of(1, 2, 3), sub.items);
            sub.subscription.request(Long.MAX_VALUE);
            assertTrue(sub.done.await(10, TimeUnit.SECONDS));
            assertEquals(10, sub.items.size());
            assertEquals(null, sub.error.get());
        }
        assertEquals(List.of("producer finally"), log);
    }

    @Test
    void cancellingTheSubscriptionStopsTheProducerAndABadRequestIsAnError() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (Scheduler s = Scheduler.create(1)) {
            ManualSubscriber<Integer> sub = new ManualSubscriber<>();
            ticks(1000, new AtomicInteger(), log).toPublisher(s).subscribe(sub);
            sub.subscription.request(2);
            Thread.sleep(50);
            sub.subscription.cancel();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(List.of("producer finally"), log);
            assertEquals(2, sub.items.size());

            ManualSubscriber<Integer> bad = new ManualSubscriber<>();
            AsyncStream.of(1, 2).toPublisher(s).subscribe(bad);
            bad.subscription.request(0);
            assertTrue(bad.done.await(10, TimeUnit.SECONDS));
            assertTrue(bad.error.get() instanceof IllegalArgumentException, String.valueOf(bad.error.get()));
        }
    }

    @Test
    void aStreamSurvivesARoundTripThroughAPublisher() throws Exception {
        try (Scheduler s = Scheduler.create(2)) {
            Flow.Publisher<Integer> pub = AsyncStream.of(1, 2, 3, 4, 5).toPublisher(s);
            assertEquals(List.of(1, 4, 9, 16, 25),
                    s.launch(() -> AsyncStream.fromPublisher(pub, 2).map(v -> v * v).toList()).join());
        }
    }
}
