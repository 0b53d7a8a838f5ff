package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.Event;
import dev.jcoro.sync.Select;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The loop's rule for moving a virtual clock: only when every coroutine waits and nothing real is under way. */
@Timeout(60)
class VirtualTimeTest {
    private static final Duration NO_WATCHDOG = Duration.ZERO;
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** Joins in real time, bounded well below the virtual durations involved. */
    private static <T> T finish(Task<T> task) throws Exception {
        return task.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void anHourOfSleepEndsWithTheClockExactlyAnHourOn() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            Duration woke = finish(ts.scheduler().launch(() -> {
                Coroutines.sleep(Duration.ofHours(1));
                return ts.elapsed();
            }));
            assertEquals(Duration.ofHours(1), woke);
        }
    }

    @Test
    void sleepersWakeInDeadlineOrderAtExactReadings() throws Exception {
        List<String> wakeUps = new CopyOnWriteArrayList<>();
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            finish(ts.scheduler().launch(() -> {
                List<Task<Void>> sleepers = List.of(
                        Coroutines.launch(() -> nap(ts, "c", 300, wakeUps)),
                        Coroutines.launch(() -> nap(ts, "a", 100, wakeUps)),
                        Coroutines.launch(() -> nap(ts, "b", 200, wakeUps)),
                        Coroutines.launch(() -> nap(ts, "a2", 100, wakeUps)));
                for (int i = 0; i < sleepers.size(); i++) {
                    sleepers.get(i).join();
                }
                return null;
            }));
        }
        assertEquals(List.of("a@PT0.1S", "a2@PT0.1S", "b@PT0.2S", "c@PT0.3S"), wakeUps);
    }

    @dev.jcoro.Suspendable
    private static void nap(TestScheduler ts, String name, long millis, List<String> wakeUps) {
        Coroutines.sleep(Duration.ofMillis(millis));
        wakeUps.add(name + "@" + ts.elapsed());
    }

    @Test
    void withTimeoutExpiresAtItsVirtualDeadline() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            Duration expired = finish(ts.scheduler().launch(() -> {
                try {
                    Coroutines.withTimeout(Duration.ofSeconds(30), () -> {
                        Coroutines.sleep(Duration.ofMinutes(10));
                        return "late";
                    });
                    return Duration.ZERO;
                } catch (TimeoutException expected) {
                    return ts.elapsed();
                }
            }));
            assertEquals(Duration.ofSeconds(30), expired);
        }
    }

    @Test
    void anOffloadInFlightHoldsTheClock() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            // Launched from one coroutine, so that both exist before the loop first goes idle.
            finish(ts.scheduler().launch(() -> {
                Task<Void> sleeper = Coroutines.launch(() -> {
                    Coroutines.sleep(Duration.ofHours(1));
                    events.add("sleeper woke at " + ts.elapsed());
                });
                Task<Object> worker = Coroutines.launch(() -> Coroutines.offload(() -> {
                    Thread.sleep(200);
                    events.add("offload done at " + ts.elapsed());
                    return null;
                }));
                worker.join();
                sleeper.join();
                return null;
            }));
        }
        assertEquals(List.of("offload done at PT0S", "sleeper woke at PT1H"), events);
    }

    @Test
    void aCancelledOffloadHoldsTheClockUntilItsCallEnds() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            finish(ts.scheduler().launch(() -> {
                Task<Void> sleeper = Coroutines.launch(() -> {
                    Coroutines.sleep(Duration.ofHours(1));
                    events.add("sleeper woke at " + ts.elapsed());
                });
                CompletableFuture<Void> started = new CompletableFuture<>();
                Task<String> worker = Coroutines.launch(() -> {
                    String value = Coroutines.offload(() -> {
                        started.complete(null);
                        // Deaf to the cancellation's interrupt: the coroutine waits for this call to end.
                        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                        while (System.nanoTime() - end < 0) {
                            Thread.interrupted();
                        }
                        events.add("offload done at " + ts.elapsed());
                        return "done";
                    });
                    // The call finished its work, so its value survives the cancellation that came meanwhile.
                    events.add("worker got " + value + " at " + ts.elapsed());
                    return value;
                });
                Coroutines.await(started);
                worker.cancel();
                try {
                    worker.join();
                } catch (CancellationException expected) {
                    events.add("worker ended cancelled");
                }
                sleeper.join();
                return null;
            }));
        }
        assertEquals(List.of("offload done at PT0S", "worker got done at PT0S", "worker ended cancelled",
                "sleeper woke at PT1H"), events);
    }

    @Test
    void joinWithinGivesUpAtItsVirtualDeadline() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            List<Duration> readings = finish(ts.scheduler().launch(() -> {
                Task<String> slow = Coroutines.launch(() -> {
                    Coroutines.sleep(Duration.ofHours(2));
                    return "slow";
                });
                Duration gaveUp;
                try {
                    slow.joinWithin(Duration.ofHours(1));
                    gaveUp = Duration.ZERO;
                } catch (TimeoutException expected) {
                    gaveUp = ts.elapsed();
                }
                slow.join();
                return List.of(gaveUp, ts.elapsed());
            }));
            assertEquals(List.of(Duration.ofHours(1), Duration.ofHours(2)), readings);
        }
    }

    @Test
    void selectTimeoutWinsAtItsVirtualDeadline() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            Channel<String> silent = new Channel<>(1);
            String got = finish(ts.scheduler().launch(() -> new Select<String>()
                    .onReceive(silent, v -> "received " + v)
                    .onTimeout(Duration.ofMinutes(30), () -> "idle at " + ts.elapsed())
                    .await()));
            assertEquals("idle at PT30M", got);
        }
    }

    @Test
    void eventAwaitWithinAndWithTimeoutOrEmptyEndAtTheirVirtualDeadlines() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            List<Object> seen = finish(ts.scheduler().launch(() -> {
                boolean set = new Event().awaitWithin(Duration.ofMinutes(10));
                Duration afterEvent = ts.elapsed();
                Optional<String> reply = Coroutines.withTimeoutOrEmpty(Duration.ofMinutes(5), () -> {
                    Coroutines.sleep(Duration.ofHours(1));
                    return "late";
                });
                return List.of(set, afterEvent, reply, ts.elapsed());
            }));
            assertEquals(List.of(false, Duration.ofMinutes(10), Optional.empty(), Duration.ofMinutes(15)), seen);
        }
    }

    @Test
    void aReplyThatComesBeforeTheReadTimeoutIsRead() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG);
             TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            ts.scheduler().launch(() -> {
                replyAfter(server, Duration.ofSeconds(2));
                return null;
            });
            String got = finish(ts.scheduler().launch(() -> {
                try (TcpSocket client = TcpSocket.connect(server.localAddress())) {
                    client.setReadTimeout(Duration.ofSeconds(5));
                    ByteBuffer buf = ByteBuffer.allocate(16);
                    int n = client.read(buf);
                    return n + " bytes at " + ts.elapsed();
                }
            }));
            assertEquals("1 bytes at PT2S", got);
        }
    }

    @Test
    void aReadTimeoutFiresWhenTheOnlyPeerSleepsLonger() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG);
             TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            Task<Object> peer = ts.scheduler().launch(() -> {
                replyAfter(server, Duration.ofSeconds(10));
                return null;
            });
            Duration timedOut = finish(ts.scheduler().launch(() -> {
                try (TcpSocket client = TcpSocket.connect(server.localAddress())) {
                    client.setReadTimeout(Duration.ofSeconds(5));
                    try {
                        client.read(ByteBuffer.allocate(16));
                        return Duration.ZERO;
                    } catch (SocketTimeoutException expected) {
                        return ts.elapsed();
                    }
                }
            }));
            assertEquals(Duration.ofSeconds(5), timedOut);
            finish(peer);
            assertTrue(ts.elapsed().compareTo(Duration.ofSeconds(10)) >= 0, ts.elapsed().toString());
        }
    }

    @dev.jcoro.Suspendable
    private static void replyAfter(TcpServerSocket server, Duration delay) throws Exception {
        try (TcpSocket peer = server.accept()) {
            Coroutines.sleep(delay);
            try {
                peer.write(ByteBuffer.wrap(new byte[] {42}));
            } catch (java.io.IOException closedByClient) {
                // The client gave up first; the write has nowhere to go.
            }
        }
    }

    @Test
    void aFrozenClockLeavesSleepersAsleep() throws Exception {
        try (TestScheduler ts = TestScheduler.start(true, NO_WATCHDOG)) {
            ts.freezeTime();
            Task<Void> sleeper = ts.scheduler().launch(() -> Coroutines.sleep(Duration.ofSeconds(1)));
            assertTrue(ts.awaitSettled(Duration.ofSeconds(10)));
            assertEquals(1, ts.liveCoroutines());
            assertEquals(Duration.ZERO, ts.elapsed());
            assertTrue(ts.dump().contains("sleep"), ts.dump());
            assertTrue(!sleeper.isDone());
        }
    }

    @Test
    void realTimeTestSchedulersFollowTheSystemClock() throws Exception {
        try (TestScheduler ts = TestScheduler.start(false, NO_WATCHDOG)) {
            Duration slept = finish(ts.scheduler().launch(() -> {
                Coroutines.sleep(Duration.ofMillis(50));
                return ts.elapsed();
            }));
            assertTrue(slept.compareTo(Duration.ofMillis(50)) >= 0, slept.toString());
        }
    }
}
