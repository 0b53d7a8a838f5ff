package dev.jcoro.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.Task;
import dev.jcoro.internal.sched.SchedulerImpl;
import dev.jcoro.sync.Semaphore;
import dev.jcoro.sync.WaitGroup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 concurrent loopback connections echoing 64 bytes each through {@link TcpSocket}, all open at the
 * same moment, then closed; afterwards no coroutine and no file descriptor may be left on either side.
 *
 * <p>Sizing: both ends of 10,000 connections need 20,000 file descriptors, which is exactly this
 * machine's {@code ulimit -n} (soft and hard 20000), and the limit cannot be raised here. So the server
 * runs in a child JVM and each process holds one end. Where the limit is lower still, the count shrinks to
 * what fits (limit minus descriptors in use minus a margin of 256) and the test prints the count it used.
 * Connects are paced by a semaphore of 256 so that a 2-core box does not overflow the accept queue.
 */
@Timeout(120)
class EchoLoadTest {
    private static final int TARGET = 10_000;
    private static final int MESSAGE = 64;

    @Test
    void tenThousandConcurrentConnectionsEchoAndLeaveNothingBehind() throws Exception {
        Process server = startServer();
        try (BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
             PrintStream serverIn = new PrintStream(server.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            String[] hello = serverOut.readLine().split(" ");
            assertEquals("PORT", hello[0]);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(hello[1]));
            long serverBaseFds = Long.parseLong(hello[2]);

            int n = (int) Math.min(TARGET, EchoServerProcess.maxFds() - EchoServerProcess.openFds() - 256);
            System.out.println("EchoLoadTest: " + n + " connections (fd limit " + EchoServerProcess.maxFds() + ")");
            assertTrue(n >= 100, "too few file descriptors for a load test: " + n);

            long t0 = System.nanoTime();
            AtomicInteger echoed = new AtomicInteger();
            try (Scheduler s = Scheduler.create(2)) {
                long clientBaseFds = EchoServerProcess.openFds();
                Semaphore connecting = new Semaphore(256);
                WaitGroup allConnected = new WaitGroup();
                allConnected.add(n);
                AtomicInteger maxOpen = new AtomicInteger();
                AtomicInteger open = new AtomicInteger();
                List<Task<Object>> clients = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int id = i;
                    clients.add(s.launch(() -> {
                        TcpSocket c;
                        connecting.acquire();
                        try {
                            c = TcpSocket.connect(address);
                            // Counted before done(): once the last done() wakes the others, they may finish
                            // and close before this coroutine would otherwise get to count itself open.
                            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        } finally {
                            connecting.release();
                            allConnected.done();
                        }
                        try (c) {
                            allConnected.await();
                            byte[] msg = message(id);
                            c.write(ByteBuffer.wrap(msg));
                            assertArrayEquals(msg, readExactly(c, MESSAGE));
                            echoed.incrementAndGet();
                        } finally {
                            open.decrementAndGet();
                        }
                        return null;
                    }));
                }
                for (Task<Object> t : clients) {
                    t.join();
                }
                assertEquals(n, echoed.get());
                assertEquals(n, maxOpen.get(), "all connections must be open at the same time");
                assertEquals(0, ((SchedulerImpl) s).liveCount(), "client coroutines left");
                waitUntil(() -> EchoServerProcess.openFds() - clientBaseFds, 16, "client file descriptors left");
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("EchoLoadTest: " + n + " connections echoed in " + millis + " ms");

            waitUntil(() -> serverStat(serverIn, serverOut, 1), 0, "server connections left open");
            waitUntil(() -> serverStat(serverIn, serverOut, 2), 1, "server coroutines left besides the acceptor");
            waitUntil(() -> serverStat(serverIn, serverOut, 3) - serverBaseFds, 16, "server file descriptors left");
            serverIn.println("QUIT");
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
    }

    private static byte[] message(int id) {
        byte[] m = new byte[MESSAGE];
        for (int i = 0; i < MESSAGE; i++) {
            m[i] = (byte) (id * 31 + i);
        }
        return m;
    }

    @Suspendable
    private static byte[] readExactly(TcpSocket c, int size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(size);
        while (buf.hasRemaining()) {
            if (c.read(buf) < 0) {
                throw new IOException("end of stream after " + buf.position() + " bytes");
            }
        }
        return buf.array();
    }

    private static long serverStat(PrintStream in, BufferedReader out, int field) {
        in.println("STATS");
        try {
            return Long.parseLong(out.readLine().split(" ")[field]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls for up to ten seconds until {@code value} is at most {@code limit}: closing is asynchronous. */
    private static void waitUntil(LongSupplier value, long limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long v;
        while ((v = value.getAsLong()) > limit && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(v <= limit, what + ": " + v + " (at most " + limit + " expected)");
    }

    /** The echo server in a child JVM with the same agent and class path as this one. */
    private static Process startServer() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-javaagent:")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EchoServerProcess.class.getName());
        cmd.add("2");
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
