package dev.jcoro.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code @CoroutineTest} methods run with the agent: sleeps, timeouts, timers and socket timeouts follow
 * virtual time. The limits in real time ({@code timeoutSeconds}) are what a real hour could never meet.
 */
class CoroutineTestVirtualTimeTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    @CoroutineTest(timeoutSeconds = 10)
    void anHourOfSleepPassesInVirtualTime() {
        Coroutines.sleep(Duration.ofHours(1));
        assertEquals(Duration.ofHours(1), VirtualTime.now());
    }

    @CoroutineTest(timeoutSeconds = 10)
    void withTimeoutThrowsAtItsDeadlineInVirtualTime() throws Exception {
        try {
            Coroutines.withTimeout(Duration.ofMinutes(2), () -> {
                Coroutines.sleep(Duration.ofHours(3));
                return "too late";
            });
        } catch (TimeoutException expected) {
            assertEquals(Duration.ofMinutes(2), VirtualTime.now());
            return;
        }
        throw new AssertionError("withTimeout did not time out");
    }

    @CoroutineTest(timeoutSeconds = 10)
    void withTimeoutReturnsWhatAFasterBodyReturns() throws Exception {
        String value = Coroutines.withTimeout(Duration.ofMinutes(2), () -> {
            Coroutines.sleep(Duration.ofSeconds(90));
            return "in time";
        });
        assertEquals("in time", value);
        assertEquals(Duration.ofSeconds(90), VirtualTime.now());
    }

    /** The example of docs/guide.md. */
    @CoroutineTest(timeoutSeconds = 10)
    void theSlowReplicaIsCutOffAtTwoMinutes() throws Exception {
        Task<String> fast = Coroutines.launch(() -> { Coroutines.sleep(Duration.ofSeconds(90)); return "fast"; });
        try {
            Coroutines.withTimeout(Duration.ofMinutes(2), () -> { Coroutines.sleep(Duration.ofHours(1)); return "slow"; });
            fail("the slow replica should time out");
        } catch (TimeoutException expected) {
            assertEquals(Duration.ofMinutes(2), VirtualTime.now());
        }
        assertEquals("fast", fast.join());
    }

    @CoroutineTest(timeoutSeconds = 10)
    void sleepersWakeInOrderOfTheirDeadlinesAtExactTimes() throws Exception {
        List<String> woke = new ArrayList<>();
        List<Task<Void>> sleepers = new ArrayList<>();
        long[] minutes = {30, 5, 60, 5, 15};
        for (int i = 0; i < minutes.length; i++) {
            String name = "s" + i;
            Duration d = Duration.ofMinutes(minutes[i]);
            sleepers.add(Coroutines.launch(() -> {
                Coroutines.sleep(d);
                woke.add(name + "@" + VirtualTime.now().toMinutes() + "m");
            }));
        }
        for (int i = 0; i < sleepers.size(); i++) {
            sleepers.get(i).join();
        }
        assertEquals(List.of("s1@5m", "s3@5m", "s4@15m", "s0@30m", "s2@60m"), woke);
        assertEquals(Duration.ofHours(1), VirtualTime.now());
    }

    @CoroutineTest(timeoutSeconds = 10)
    void timeStandsStillWhileAnyCoroutineCanRun() throws Exception {
        Task<Duration> sleeper = Coroutines.launch(() -> {
            Coroutines.sleep(Duration.ofSeconds(1));
            return VirtualTime.now();
        });
        for (int i = 0; i < 1_000; i++) {
            Coroutines.yieldNow();
        }
        assertEquals(Duration.ZERO, VirtualTime.now(), "a coroutine that kept yielding was ready the whole time");
        assertEquals(Duration.ofSeconds(1), sleeper.join());
    }

    @CoroutineTest(timeoutSeconds = 20)
    void aReadTimeoutFiresOnlyOnceEveryCoroutineWaits() throws Exception {
        try (TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            Task<Void> slowPeer = Coroutines.launch(() -> serveOneByteAfter(server, Duration.ofSeconds(10)));
            try (TcpSocket client = TcpSocket.connect(server.localAddress())) {
                client.setReadTimeout(Duration.ofSeconds(5));
                try {
                    client.read(ByteBuffer.allocate(8));
                    throw new AssertionError("the read should have timed out");
                } catch (SocketTimeoutException expected) {
                    assertEquals(Duration.ofSeconds(5), VirtualTime.now());
                }
            }
            slowPeer.join();
        }
    }

    @CoroutineTest(timeoutSeconds = 20)
    void aReplyBeforeTheReadTimeoutArrivesAtItsVirtualTime() throws Exception {
        try (TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            Task<Void> peer = Coroutines.launch(() -> serveOneByteAfter(server, Duration.ofSeconds(3)));
            try (TcpSocket client = TcpSocket.connect(server.localAddress())) {
                client.setReadTimeout(Duration.ofSeconds(5));
                ByteBuffer buf = ByteBuffer.allocate(8);
                assertEquals(1, client.read(buf));
                assertEquals(42, buf.get(0));
                assertEquals(Duration.ofSeconds(3), VirtualTime.now());
            }
            peer.join();
        }
    }

    @CoroutineTest(timeoutSeconds = 20)
    void aConnectTimeoutFiresAtItsVirtualDeadline() throws Exception {
        // A server that never accepts, with a backlog of one: once its queue is full the kernel drops further
        // connection attempts, so the next connect waits until its timeout.
        try (TcpServerSocket server = TcpServerSocket.bind(LOOPBACK, 1)) {
            List<TcpSocket> queued = new ArrayList<>();
            try {
                while (true) {
                    queued.add(TcpSocket.connect(server.localAddress(), Duration.ofSeconds(5)));
                    if (queued.size() > 16) {
                        throw new AssertionError("the kernel accepted " + queued.size() + " connections on a backlog of 1");
                    }
                }
            } catch (SocketTimeoutException expected) {
                assertEquals(Duration.ofSeconds(5), VirtualTime.now());
            } finally {
                for (int i = 0; i < queued.size(); i++) {
                    queued.get(i).close();
                }
            }
        }
    }

    @Suspendable
    private static void serveOneByteAfter(TcpServerSocket server, Duration delay) {
        try (TcpSocket peer = server.accept()) {
            Coroutines.sleep(delay);
            peer.write(ByteBuffer.wrap(new byte[] {42}));
        } catch (IOException clientGone) {
            // The client timed out and closed first: nothing is left to answer.
        }
    }

    @CoroutineTest(virtualTime = false, timeoutSeconds = 10)
    void realTimeIsAnOptOut() {
        Coroutines.sleep(Duration.ofMillis(30));
        assertTrue(VirtualTime.now().compareTo(Duration.ofMillis(30)) >= 0, VirtualTime.now().toString());
    }

    @CoroutineTest(timeoutSeconds = 10)
    void anOffloadCompletesBeforeTimeMovesOn() throws Exception {
        Task<Duration> sleeper = Coroutines.launch(() -> {
            Coroutines.sleep(Duration.ofMinutes(1));
            return VirtualTime.now();
        });
        String value = Coroutines.offload(() -> {
            Thread.sleep(100);
            return "from the pool";
        });
        assertEquals("from the pool", value);
        assertEquals(Duration.ZERO, VirtualTime.now());
        assertEquals(Duration.ofMinutes(1), sleeper.join());
    }
}
