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
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ChannelTest {
    @Test
    void aBufferedChannelKeepsFifoOrder() throws Exception {
        List<Integer> got = Coroutines.run(() -> {
            Channel<Integer> ch = new Channel<>(4);
            Coroutines.launch(() -> {
                for (int i = 0; i < 20; i++) {
                    ch.send(i);
                }
                ch.close();
            });
            List<Integer> out = new ArrayList<>();
            for (ChannelIterator<Integer> it = ch.iterator(); it.hasNext(); ) {
                out.add(it.next());
            }
            return out;
        });
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add(i);
        }
        assertEquals(expected, got);
    }

    @Test
    void aCoroutineThatWaitsOnOneChannelAfterAnotherNeverMixesTheirValues() throws Exception {
        // One coroutine reuses one waiter and one queue entry for all its channel waits: alternating between
        // a channel fed from another loop and one drained by a third must keep every value where it belongs.
        int n = 20_000;
        try (Scheduler s = Scheduler.create(3)) {
            Channel<Integer> in = new Channel<>(0);
            Channel<Integer> out = new Channel<>(0);
            Channel<Integer> side = new Channel<>(1);
            Task<Void> feeder = s.launch(() -> {
                for (int i = 0; i < n; i++) {
                    in.send(i);
                }
            });
            Task<Long> drain = s.launch(() -> {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    int v = out.receive();
                    assertEquals(-i, v, "values leave in order, negated");
                    sum += v;
                    assertEquals(i, side.receive(), "the side channel keeps its own values");
                }
                return sum;
            });
            Task<Void> relay = s.launch(() -> {
                for (int i = 0; i < n; i++) {
                    int v = in.receive();
                    out.send(-v);
                    side.send(v);
                }
            });
            feeder.join();
            relay.join();
            assertEquals(-(long) n * (n - 1) / 2, drain.join());
            assertEquals(0, side.size());
        }
    }

    @Test
    void aRendezvousSendWaitsForItsReceiver() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        try (Scheduler s = Scheduler.create(1)) {
            Channel<String> ch = new Channel<>(0);
            Task<Void> sender = s.launch(() -> {
                events.add("send start");
                ch.send("x");
                events.add("send done");
            });
            Task<String> receiver = s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(50));
                events.add("receive");
                return ch.receive();
            });
            assertEquals("x", receiver.join());
            sender.join();
        }
        assertEquals(List.of("send start", "receive", "send done"), events);
    }

    @Test
    void aFullBufferSuspendsTheSender() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Channel<Integer> ch = new Channel<>(2);
            Task<Integer> sender = s.launch(() -> {
                int sent = 0;
                for (int i = 0; i < 3; i++) {
                    ch.send(i);
                    sent++;
                }
                return sent;
            });
            Thread.sleep(100);
            assertFalse(sender.isDone());
            assertEquals(0, ch.receive());
            assertEquals(3, sender.join());
            assertEquals(1, ch.receive());
            assertEquals(2, ch.receive());
        }
    }

    @Test
    void closeWakesWaitingReceiversWithChannelClosedException() throws Exception {
        try (Scheduler s = Scheduler.create(2)) {
            Channel<String> ch = new Channel<>(0);
            List<Task<String>> receivers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                receivers.add(s.launch(() -> {
                    try {
                        return ch.receive();
                    } catch (ChannelClosedException e) {
                        return "closed";
                    }
                }));
            }
            Thread.sleep(50);
            assertTrue(ch.close());
            assertFalse(ch.close());
            for (Task<String> r : receivers) {
                assertEquals("closed", r.join());
            }
        }
    }

    @Test
    void valuesSentBeforeCloseAreStillReceived() {
        Channel<String> ch = new Channel<>(3);
        ch.send("a");
        ch.send("b");
        ch.close();
        assertThrows(ChannelClosedException.class, () -> ch.send("c"));
        assertEquals("a", ch.receive());
        assertEquals("b", ch.receive());
        assertThrows(ChannelClosedException.class, ch::receive);
    }

    @Test
    void nullIsRefused() {
        assertThrows(NullPointerException.class, () -> new Channel<String>(1).send(null));
    }

    @Test
    void noValueIsLostOrDuplicatedUnderConcurrentSendAndReceiveFromManyLoops() throws Exception {
        int producers = 8;
        int consumers = 8;
        int perProducer = 5_000;
        for (int capacity : new int[] {0, 16}) {
            Channel<Long> ch = new Channel<>(capacity);
            AtomicLong sum = new AtomicLong();
            AtomicLong count = new AtomicLong();
            try (Scheduler s = Scheduler.create(4)) {
                List<Task<Void>> ps = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    long base = (long) p * perProducer;
                    ps.add(s.launch(() -> {
                        for (long i = 1; i <= perProducer; i++) {
                            ch.send(base + i);
                        }
                    }));
                }
                List<Task<Void>> cs = new ArrayList<>();
                for (int c = 0; c < consumers; c++) {
                    cs.add(s.launch(() -> {
                        for (ChannelIterator<Long> it = ch.iterator(); it.hasNext(); ) {
                            sum.addAndGet(it.next());
                            count.incrementAndGet();
                        }
                    }));
                }
                for (Task<Void> p : ps) {
                    p.join();
                }
                ch.close();
                for (Task<Void> c : cs) {
                    c.join();
                }
            }
            long n = (long) producers * perProducer;
            assertEquals(n, count.get(), "capacity " + capacity);
            assertEquals(n * (n + 1) / 2, sum.get(), "capacity " + capacity);
        }
    }

    @Test
    void cancellationRacingWithHandOffNeitherLosesNorDuplicatesValues() throws Exception {
        for (int capacity : new int[] {0, 4}) {
            Channel<Long> ch = new Channel<>(capacity);
            AtomicLong sent = new AtomicLong();
            AtomicLong received = new AtomicLong();
            AtomicLong receivedCount = new AtomicLong();
            AtomicLong sentCount = new AtomicLong();
            java.util.Random random = new java.util.Random(7);
            try (Scheduler s = Scheduler.create(4)) {
                List<Task<Void>> producers = new ArrayList<>();
                for (int p = 0; p < 12; p++) {
                    long base = p * 1_000_000L;
                    producers.add(s.launch(() -> {
                        for (long i = 1; i <= 2_000; i++) {
                            ch.send(base + i);
                            // Counted only once send returned: a cancelled send must not deliver its value.
                            sent.addAndGet(base + i);
                            sentCount.incrementAndGet();
                        }
                    }));
                }
                List<Task<Void>> consumers = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    consumers.add(s.launch(() -> {
                        for (ChannelIterator<Long> it = ch.iterator(); it.hasNext(); ) {
                            received.addAndGet(it.next());
                            receivedCount.incrementAndGet();
                        }
                    }));
                }
                // Cancel half the producers and six of the consumers at random moments; two consumers stay.
                for (int k = 0; k < 6; k++) {
                    Thread.sleep(random.nextInt(5));
                    producers.get(2 * k).cancel();
                    consumers.get(k).cancel();
                }
                for (Task<Void> p : producers) {
                    try {
                        p.join();
                    } catch (java.util.concurrent.CancellationException e) {
                        // Expected for the cancelled half.
                    }
                }
                ch.close();
                for (Task<Void> c : consumers) {
                    try {
                        c.join();
                    } catch (java.util.concurrent.CancellationException e) {
                        // Expected for the cancelled ones.
                    }
                }
            }
            assertEquals(sentCount.get(), receivedCount.get(), "capacity " + capacity);
            assertEquals(sent.get(), received.get(), "capacity " + capacity);
            assertTrue(sentCount.get() >= 6 * 2_000, "the producers that were not cancelled finished");
        }
    }

    @Test
    void plainThreadsAndCoroutinesShareAChannel() throws Exception {
        Channel<Integer> ch = new Channel<>(0);
        try (Scheduler s = Scheduler.create(1)) {
            Task<Integer> consumer = s.launch(() -> ch.receive() + ch.receive());
            ch.send(40);
            ch.send(2);
            assertEquals(42, consumer.join());
        }
    }

    @Test
    void trySendAndTryReceiveNeverWait() throws Exception {
        Channel<String> ch = new Channel<>(1);
        assertTrue(ch.trySend("a"));
        assertFalse(ch.trySend("b"), "full: not sent");
        assertEquals("a", ch.tryReceive());
        assertEquals(null, ch.tryReceive());
        Channel<String> rendezvous = new Channel<>(0);
        assertFalse(rendezvous.trySend("nobody waits"));
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> receiver = s.launch(rendezvous::receive);
            while (!rendezvous.trySend("handed over")) {
                Thread.sleep(1);
            }
            assertEquals("handed over", receiver.join());
        }
        ch.close();
        assertThrows(ChannelClosedException.class, () -> ch.trySend("late"));
        assertThrows(ChannelClosedException.class, ch::tryReceive);
    }

    @Test
    void closeWithACauseHandsTheCauseToReceiversAfterTheBufferedValues() throws Exception {
        Channel<Integer> ch = new Channel<>(4);
        IllegalStateException cause = new IllegalStateException("producer failed");
        ch.trySend(1);
        ch.trySend(2);
        assertTrue(ch.close(cause));
        assertFalse(ch.close(new RuntimeException("second")), "the first cause stays");
        List<Integer> got = new ArrayList<>();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> Coroutines.run(() -> {
            for (ChannelIterator<Integer> it = ch.iterator(); it.hasNext(); ) {
                got.add(it.next());
            }
            return null;
        }));
        assertEquals(List.of(1, 2), got);
        assertEquals(cause, e.getCause());
        assertEquals(cause, assertThrows(ChannelClosedException.class, ch::tryReceive).getCause());
        assertEquals(cause, assertThrows(ChannelClosedException.class, () -> ch.trySend(3)).getCause());
    }

    @Test
    void aWaitingReceiverIsWokenWithTheCloseCause() throws Exception {
        Channel<Integer> ch = new Channel<>(0);
        IllegalStateException cause = new IllegalStateException("upstream gone");
        try (Scheduler s = Scheduler.create(1)) {
            Task<Integer> receiver = s.launch(ch::receive);
            Thread.sleep(20);
            ch.close(cause);
            assertEquals(cause, assertThrows(ChannelClosedException.class, receiver::join).getCause());
        }
    }
}
