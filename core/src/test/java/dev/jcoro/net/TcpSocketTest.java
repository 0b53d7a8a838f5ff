package dev.jcoro.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.ChannelClosedException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TcpSocketTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    /** Echoes every byte until the peer closes its side. */
    @Suspendable
    static void echo(TcpSocket s) throws IOException {
        try (s) {
            ByteBuffer buf = ByteBuffer.allocate(1024);
            while (s.read(buf) >= 0) {
                buf.flip();
                s.write(buf);
                buf.clear();
            }
        }
    }

    /** Reads exactly {@code n} bytes. */
    @Suspendable
    static String readExactly(TcpSocket s, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (s.read(buf) < 0) {
                throw new IOException("end of stream after " + buf.position() + " bytes");
            }
        }
        return new String(buf.array(), US_ASCII);
    }

    @Test
    void echoesThroughAServerCoroutine() throws Exception {
        try (Scheduler s = Scheduler.create(2); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                echo(server.accept());
                return null;
            });
            Task<String> client = s.launch(() -> {
                try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                    c.write(ByteBuffer.wrap("hello, coroutines".getBytes(US_ASCII)));
                    return readExactly(c, 17);
                }
            });
            assertEquals("hello, coroutines", client.join());
        }
    }

    @Test
    void readReturnsMinusOneAtTheEndOfTheStream() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                try (TcpSocket c = server.accept()) {
                    c.write(ByteBuffer.wrap("bye".getBytes(US_ASCII)));
                }
                return null;
            });
            Task<List<Integer>> reads = s.launch(() -> {
                List<Integer> counts = new ArrayList<>();
                try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                    ByteBuffer buf = ByteBuffer.allocate(16);
                    int n;
                    while ((n = c.read(buf)) >= 0) {
                        counts.add(n);
                    }
                    counts.add(n);
                    assertEquals("bye", new String(buf.array(), 0, buf.position(), US_ASCII));
                }
                return counts;
            });
            List<Integer> counts = reads.join();
            assertEquals(-1, counts.get(counts.size() - 1));
            assertEquals(3, counts.stream().filter(n -> n > 0).mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void writeSendsAllOfALargeBufferWhileThePeerReadsSlowly() throws Exception {
        int size = 8 * 1024 * 1024;
        try (Scheduler s = Scheduler.create(2); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            Task<Long> reader = s.launch(() -> {
                try (TcpSocket c = server.accept()) {
                    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
                    long total = 0;
                    long checksum = 0;
                    int n;
                    while ((n = c.read(buf)) >= 0) {
                        for (int i = 0; i < n; i++) {
                            checksum += buf.get(i) & 0xFF;
                        }
                        total += n;
                        buf.clear();
                        Coroutines.yieldNow();
                    }
                    return total * 1000 + checksum % 1000;
                }
            });
            byte[] data = new byte[size];
            long checksum = 0;
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 31);
                checksum += data[i] & 0xFF;
            }
            long expected = (long) size * 1000 + checksum % 1000;
            s.launch(() -> {
                try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                    ByteBuffer src = ByteBuffer.wrap(data);
                    c.write(src);
                    assertEquals(0, src.remaining());
                }
                return null;
            }).join();
            assertEquals(expected, reader.join());
        }
    }

    @Test
    void aReadTimeoutThrowsSocketTimeoutException() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TcpSocket quiet = server.accept();
                Coroutines.sleep(Duration.ofSeconds(30));
                quiet.close();
                return null;
            });
            Task<Long> t = s.launch(() -> {
                try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                    c.setReadTimeout(Duration.ofMillis(100));
                    long t0 = System.nanoTime();
                    try {
                        c.read(ByteBuffer.allocate(8));
                        return -1L;
                    } catch (SocketTimeoutException e) {
                        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    }
                }
            });
            long millis = t.join();
            assertTrue(millis >= 100 && millis < 10_000, millis + " ms");
        }
    }

    @Test
    void connectGivesUpAfterItsTimeoutWhenTheAcceptQueueIsFull() throws Exception {
        // Linux drops the SYNs of a listener whose accept queue is full, so connecting then hangs.
        try (Scheduler s = Scheduler.create(1); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK, 1)) {
            Task<String> t = s.launch(() -> {
                List<TcpSocket> made = new ArrayList<>();
                try {
                    for (int i = 0; i < 64; i++) {
                        made.add(TcpSocket.connect(server.localAddress(), Duration.ofMillis(300)));
                    }
                    return "all " + made.size() + " connected";
                } catch (SocketTimeoutException e) {
                    return "timed out";
                } finally {
                    for (TcpSocket m : made) {
                        m.close();
                    }
                }
            });
            assertEquals("timed out", t.join());
        }
    }

    @Test
    void connectingToAClosedPortFails() throws Exception {
        InetSocketAddress unused;
        try (TcpServerSocket probe = TcpServerSocket.bind(LOOPBACK)) {
            unused = probe.localAddress();
        }
        assertThrows(ConnectException.class, () -> Coroutines.run(() -> TcpSocket.connect(unused)));
    }

    @Test
    void closingFromAnotherThreadWakesAWaitingReader() throws Exception {
        try (Scheduler s = Scheduler.create(2); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TcpSocket quiet = server.accept();
                Coroutines.sleep(Duration.ofSeconds(30));
                quiet.close();
                return null;
            });
            TcpSocket[] client = new TcpSocket[1];
            Task<String> reader = s.launch(() -> {
                client[0] = TcpSocket.connect(server.localAddress());
                try {
                    client[0].read(ByteBuffer.allocate(8));
                    return "read";
                } catch (ClosedChannelException e) {
                    // AsynchronousCloseException when woken while waiting (the usual case), or its parent
                    // ClosedChannelException if the close came before the wait began.
                    return "woken by close";
                }
            });
            while (client[0] == null) {
                Thread.sleep(5);
            }
            Thread.sleep(50);
            client[0].close();
            assertEquals("woken by close", reader.join());
        }
    }

    @Test
    void closingTheServerSocketWakesAWaitingAccept() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            TcpServerSocket server = TcpServerSocket.bind(LOOPBACK);
            Task<String> acceptor = s.launch(() -> {
                try {
                    server.accept();
                    return "accepted";
                } catch (ClosedChannelException e) {
                    // AsynchronousCloseException when woken while waiting (the usual case), or its parent
                    // ClosedChannelException if the close came before the wait began.
                    return "woken by close";
                }
            });
            Thread.sleep(50);
            server.close();
            assertEquals("woken by close", acceptor.join());
        }
    }

    @Test
    void cancellingAWaitingReaderWakesItAtOnce() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                TcpSocket quiet = server.accept();
                Coroutines.sleep(Duration.ofSeconds(30));
                quiet.close();
                return null;
            });
            Task<Integer> reader = s.launch(() -> {
                try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                    return c.read(ByteBuffer.allocate(8));
                }
            });
            Thread.sleep(100);
            long t0 = System.nanoTime();
            reader.cancel();
            assertThrows(CancellationException.class, reader::join);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        }
    }

    @Test
    void aSocketAcceptedOnOneLoopIsServedByACoroutineOnAnother() throws Exception {
        try (Scheduler s = Scheduler.create(2); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            // Workers that wait for a socket; launched until there is one on each loop (an idle loop may steal
            // a coroutine that has not started, so where a launch lands is not fixed).
            List<Channel<TcpSocket>> inboxes = new ArrayList<>();
            List<String> workerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Task<String>> workers = new ArrayList<>();
            for (int i = 0; i < 50 && workerThreads.stream().distinct().count() < 2; i++) {
                Channel<TcpSocket> inbox = new Channel<>(1);
                CountDownLatch ready = new CountDownLatch(1);
                inboxes.add(inbox);
                workers.add(s.launch(() -> {
                    workerThreads.add(Thread.currentThread().getName());
                    ready.countDown();
                    TcpSocket accepted;
                    try {
                        accepted = inbox.receive();
                    } catch (ChannelClosedException e) {
                        return "idle";
                    }
                    try (accepted) {
                        String got = readExactly(accepted, 2);
                        accepted.write(ByteBuffer.wrap(got.getBytes(US_ASCII)));
                    }
                    return "served on " + Thread.currentThread().getName();
                }));
                assertTrue(ready.await(10, TimeUnit.SECONDS));
            }
            assertEquals(2, workerThreads.stream().distinct().count(), workerThreads.toString());
            Task<String> acceptor = s.launch(() -> {
                TcpSocket accepted = server.accept();
                accepted.write(ByteBuffer.wrap("1".getBytes(US_ASCII)));
                String me = Thread.currentThread().getName();
                int chosen = -1;
                for (int i = 0; i < inboxes.size(); i++) {
                    if (chosen < 0 && !workerThreads.get(i).equals(me)) {
                        chosen = i;
                        inboxes.get(i).send(accepted);
                    } else {
                        inboxes.get(i).close();
                    }
                }
                return me;
            });
            Task<String> client = s.launch(() -> {
                try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                    String first = readExactly(c, 1);
                    Coroutines.sleep(Duration.ofMillis(50));
                    c.write(ByteBuffer.wrap("ab".getBytes(US_ASCII)));
                    return first + readExactly(c, 2);
                }
            });
            assertEquals("1ab", client.join());
            String acceptThread = acceptor.join();
            List<String> served = new ArrayList<>();
            for (Task<String> w : workers) {
                String outcome = w.join();
                if (!outcome.equals("idle")) {
                    served.add(outcome);
                }
            }
            assertEquals(1, served.size(), served.toString());
            assertTrue(!served.get(0).endsWith(acceptThread), served + " / " + acceptThread);
        }
    }

    @Test
    void socketsWorkOnPlainThreadsByBlocking() throws Exception {
        try (TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            Thread echoer = new Thread(() -> {
                try {
                    echo(server.accept());
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            echoer.start();
            try (TcpSocket c = TcpSocket.connect(server.localAddress())) {
                c.write(ByteBuffer.wrap("plain".getBytes(US_ASCII)));
                assertEquals("plain", readExactly(c, 5));
            }
            echoer.join(10_000);
        }
    }

    @Test
    void anUnresolvedLocalNameIsResolvedOffTheLoop() throws Exception {
        try (Scheduler s = Scheduler.create(1); TcpServerSocket server = TcpServerSocket.bind(LOOPBACK)) {
            s.launch(() -> {
                echo(server.accept());
                return null;
            });
            InetSocketAddress byName = InetSocketAddress.createUnresolved("127.0.0.1", server.localAddress().getPort());
            Task<String> t = s.launch(() -> {
                String loop = Thread.currentThread().getName();
                String pool = loop.substring(0, loop.indexOf("-loop-")) + "-blocking-";
                try (TcpSocket c = TcpSocket.connect(byName)) {
                    // The name was resolved by a thread of this scheduler's blocking pool, which now exists.
                    boolean pooled = Thread.getAllStackTraces().keySet().stream().anyMatch(th -> th.getName().startsWith(pool));
                    c.write(ByteBuffer.wrap("n".getBytes(US_ASCII)));
                    return readExactly(c, 1) + (pooled ? " resolved on " + pool : " resolved on the loop");
                }
            });
            String result = t.join();
            assertTrue(result.startsWith("n resolved on jcoro-") && result.endsWith("-blocking-"), result);
        }
    }
}
