package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.flow.AsyncStream;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import dev.jcoro.sync.ChannelIterator;
import dev.jcoro.sync.Condition;
import dev.jcoro.sync.Event;
import dev.jcoro.sync.Mutex;
import dev.jcoro.sync.Select;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/guide-runtime.md's newer sections, as they are written there, run with values checked. */
@Timeout(60)
class GuideRuntimeExamplesTest {
    static final CoroutineLocal<String> REQUEST_ID = new CoroutineLocal<>();

    @Test
    void cleanupThatSurvivesCancellation() throws Exception {
        Channel<String> connection = new Channel<>(4);
        try (Scheduler scheduler = Scheduler.create(1)) {
            Task<Object> session = scheduler.launch(() -> {
                try {
                    Coroutines.sleep(Duration.ofMinutes(10));      // serve(connection)
                    return null;
                } finally {
                    Coroutines.nonCancellable(() -> {
                        connection.send("GOODBYE");
                        Coroutines.sleep(Duration.ofMillis(20));
                        connection.close();
                        return null;
                    });
                }
            });
            Thread.sleep(20);
            session.cancel();
            assertEquals(CancellationException.class, assertThrowsAny(session::join).getClass());
        }
        assertEquals("GOODBYE", connection.tryReceive());
        assertTrue(connection.isClosed());
    }

    @Test
    void timeoutsThatReturnEmptyAndBoundedJoins() throws Exception {
        String value = Coroutines.run(() -> {
            Optional<String> cached = Coroutines.withTimeoutOrEmpty(Duration.ofMillis(50), () -> {
                Coroutines.sleep(Duration.ofSeconds(5));               // a cache that does not answer
                return "cached";
            });
            return cached.orElseGet(() -> "slow lookup");
        });
        assertEquals("slow lookup", value);
        String report = Coroutines.run(() -> {
            Task<String> r = Coroutines.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(300));
                return "report";
            });
            try {
                return r.joinWithin(Duration.ofMillis(20));
            } catch (TimeoutException e) {
                return "pending, still running: " + !r.isDone();
            }
        });
        assertEquals("pending, still running: true", report);
    }

    @Suspendable
    static String readLine(TcpSocket socket) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            one.clear();
            if (socket.read(one) < 0) {
                return sb.length() == 0 ? null : sb.toString();
            }
            char c = (char) one.get(0);
            if (c == '\n') {
                return sb.toString();
            }
            sb.append(c);
        }
    }

    static String firstLine(TcpSocket socket) throws IOException {
        try {
            return Coroutines.withTimeout(Duration.ofSeconds(2), () -> readLine(socket));
        } catch (TimeoutException e) {
            socket.close();
            return null;
        }
    }

    static int answer() {
        return Coroutines.run(() -> 6 * 7);
    }

    static byte[] load(Path path) throws IOException {
        return Coroutines.run(() -> Coroutines.offloadTyped(() -> Files.readAllBytes(path)));
    }

    @Test
    void checkedExceptionsThatStayTyped(@TempDir Path dir) throws IOException {
        assertEquals(42, answer());
        Path f = dir.resolve("f");
        Files.write(f, new byte[] {7});
        assertArrayEquals(new byte[] {7}, load(f));
    }

    @Test
    void coroutineLocalValues() throws Exception {
        String out = Coroutines.run(() -> {
            REQUEST_ID.set("req-42");
            Coroutines.sleep(Duration.ofMillis(10));
            Task<String> audit = Coroutines.launch(() -> "audit " + REQUEST_ID.get());
            String inBlocking = Coroutines.offload(() -> REQUEST_ID.get());
            String scoped = REQUEST_ID.with("req-43", () -> REQUEST_ID.get());
            return audit.join() + " " + inBlocking + " " + scoped + " " + REQUEST_ID.get();
        });
        assertEquals("audit req-42 req-42 req-43 req-42", out);
    }

    @Test
    void conditions() throws Exception {
        Mutex lock = new Mutex();
        Condition notEmpty = lock.newCondition();
        ArrayDeque<String> jobs = new ArrayDeque<>();
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> consumer = s.launch(() -> {
                lock.lock();
                try {
                    while (jobs.isEmpty()) {
                        notEmpty.await();
                    }
                    return jobs.poll();
                } finally {
                    lock.unlock();
                }
            });
            Thread.sleep(20);
            s.launch(() -> {
                lock.lock();
                try {
                    jobs.add("job");
                    notEmpty.signal();
                } finally {
                    lock.unlock();
                }
            }).join();
            assertEquals("job", consumer.join());
        }
    }

    static List<String> query(boolean fail) throws SQLException {
        if (fail) {
            throw new SQLException("connection lost");
        }
        return List.of("r1", "r2");
    }

    @Test
    void channelsClosedWithACauseAndTheUndeliveredHook() throws Exception {
        List<String> got = new ArrayList<>();
        Throwable cause = Coroutines.run(() -> {
            Channel<String> rows = new Channel<>(64);
            Coroutines.launch(() -> {
                try {
                    for (String r : query(false)) {
                        rows.send(r);
                    }
                    query(true);
                    rows.close();
                } catch (SQLException e) {
                    rows.close(e);
                }
                return null;
            });
            try {
                for (ChannelIterator<String> it = rows.iterator(); it.hasNext(); ) {
                    got.add(it.next());
                }
                return null;
            } catch (ChannelClosedException e) {
                return e.getCause();
            }
        });
        assertEquals(List.of("r1", "r2"), got);
        assertEquals("connection lost", cause.getMessage());
        List<ByteBuffer> released = new CopyOnWriteArrayList<>();
        Channel<ByteBuffer> buffers = new Channel<>(16, released::add);
        assertTrue(buffers.trySend(ByteBuffer.allocate(1)));
    }

    @Test
    void selectTheFirstOfSeveral() throws Exception {
        Channel<Integer> orders = new Channel<>(16);
        Channel<String> audit = new Channel<>(0);
        Event shutdown = new Event();
        List<String> whats = Coroutines.run(() -> {
            Task<Void> refresh = Coroutines.launch(() -> Coroutines.sleep(Duration.ofMillis(30)));
            List<String> out = new ArrayList<>();
            orders.send(7);
            for (int i = 0; i < 3; i++) {
                out.add(new Select<String>()
                        .onReceive(orders, order -> "order " + order)
                        .onSend(audit, "heartbeat", () -> "audited")
                        .onJoin(refresh, task -> "refresh ended")
                        .onEvent(shutdown, () -> "stopping")
                        .onTimeout(Duration.ofMillis(10), () -> "idle")
                        .await());
            }
            return out;
        });
        assertEquals("order 7", whats.get(0));
        assertTrue(whats.contains("idle") || whats.contains("refresh ended"), whats.toString());
        assertFalse(whats.contains("audited"), "nobody received the heartbeat");
    }

    @Test
    void events() throws Exception {
        Event ready = new Event();
        boolean inTime = Coroutines.run(() -> {
            Coroutines.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(10));      // loadConfiguration()
                ready.set();
            });
            ready.await();
            return ready.awaitWithin(Duration.ofSeconds(5));
        });
        assertTrue(inTime);
    }

    @Test
    void asyncStreamsOverASocketAndAPublisher() throws Exception {
        try (TcpServerSocket server = TcpServerSocket.bind(new InetSocketAddress("127.0.0.1", 0));
             Scheduler scheduler = Scheduler.create(2)) {
            InetSocketAddress address = server.localAddress();
            scheduler.launch(() -> {
                while (true) {
                    TcpSocket c = server.accept();
                    try (c) {
                        c.write(ByteBuffer.wrap("alpha\n\nbeta\ngamma\n".getBytes(StandardCharsets.US_ASCII)));
                    }
                }
            });
            AsyncStream<String> lines = AsyncStream.generate(out -> {
                try (TcpSocket s = TcpSocket.connect(address)) {
                    String line;
                    while ((line = readLine(s)) != null) {
                        out.emit(line);
                    }
                }
            });
            List<Integer> lengths = scheduler.launch(() -> lines
                    .filter(l -> !l.isBlank())
                    .map(String::length)
                    .take(10)
                    .toList()).join();
            assertEquals(List.of(5, 4, 5), lengths);
            List<String> stored = new CopyOnWriteArrayList<>();
            scheduler.launch(() -> {
                lines.buffer(32).collect(line -> stored.add(line));
                return null;
            }).join();
            assertEquals(List.of("alpha", "", "beta", "gamma"), stored);
            Flow.Publisher<String> pub = lines.toPublisher(scheduler);
            AsyncStream<String> back = AsyncStream.fromPublisher(pub, 16);
            assertEquals(List.of("alpha", "", "beta", "gamma"), scheduler.launch(back::toList).join());
        }
    }

    private static Throwable assertThrowsAny(org.junit.jupiter.api.function.Executable e) {
        try {
            e.execute();
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("nothing thrown");
    }
}
