package dev.jcoro.net;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.internal.sched.SchedulerImpl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server half of {@link EchoLoadTest}, run in a child JVM so that each process holds one end of every
 * connection. Prints {@code PORT <port> <open fds>}, then answers {@code STATS} on stdin with
 * {@code STATS <open connections> <live coroutines> <open fds>}, and exits on {@code QUIT} or end of input.
 */
public final class EchoServerProcess {
    private EchoServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger open = new AtomicInteger();
        try (Scheduler s = Scheduler.create(Integer.parseInt(args[0]));
             TcpServerSocket server = TcpServerSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
            s.launch(() -> acceptLoop(server, open));
            System.out.println("PORT " + server.localAddress().getPort() + " " + openFds());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null && !line.equals("QUIT")) {
                if (line.equals("STATS")) {
                    System.out.println("STATS " + open.get() + " " + ((SchedulerImpl) s).liveCount() + " " + openFds());
                    System.out.flush();
                }
            }
        }
    }

    @Suspendable
    private static Void acceptLoop(TcpServerSocket server, AtomicInteger open) throws IOException {
        while (true) {
            TcpSocket c = server.accept();
            open.incrementAndGet();
            // Served by a new coroutine, which round-robin usually places on another loop than the acceptor's.
            Coroutines.launch(() -> {
                try {
                    TcpSocketTest.echo(c);
                } finally {
                    open.decrementAndGet();
                }
                return null;
            });
        }
    }

    static long openFds() {
        return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getOpenFileDescriptorCount();
    }

    static long maxFds() {
        return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
    }
}
