package dev.jcoro.bench;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server side of {@link EchoLoad}: a 64-byte echo server on 127.0.0.1, in its own JVM so that its CPU
 * time and heap are its own. Two implementations of the same behaviour (read what comes, write it back):
 *
 * <ul>
 *   <li>{@code jcoro}: {@code Scheduler.create(loops)}, an accept coroutine and one coroutine per
 *       connection calling {@link TcpSocket#read} and {@link TcpSocket#write} in a loop;</li>
 *   <li>{@code callback}: {@code loops} hand-written selector threads, a read callback per connection that
 *       writes back what it read (registering for writability only when the socket buffer is full).</li>
 * </ul>
 *
 * <p>Each connection gets one 64-byte heap buffer on both sides. The parent drives it with one-line commands
 * on stdin and reads answers prefixed {@code echo-server:} on stdout (anything else there, such as the
 * agent's messages, is ignored): {@code cpu} prints the CPU nanoseconds used so far by the server's threads
 * and by the whole process; {@code heap} prints the heap in use after full collections; {@code quit} ends.
 */
public final class EchoServer {
    private static final int SIZE = 64;
    private static final String PREFIX = "echo-server: ";

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int loops = Integer.parseInt(args[1]);
        String threadPrefix;
        InetSocketAddress bound;
        if (kind.equals("jcoro")) {
            bound = startJcoro(loops);
            threadPrefix = "jcoro-";
        } else if (kind.equals("callback")) {
            bound = startCallbacks(loops);
            threadPrefix = "callback-";
        } else {
            throw new IllegalArgumentException("kind must be jcoro or callback: " + kind);
        }
        answer("port " + bound.getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line.trim()) {
                case "cpu":
                    answer("cpu " + threadCpu(threadPrefix) + " " + processCpu());
                    break;
                case "heap":
                    answer("heap " + usedAfterGc());
                    break;
                case "quit":
                    System.exit(0);
                    break;
                default:
                    answer("unknown command " + line);
            }
        }
        System.exit(0);
    }

    private static void answer(String s) {
        System.out.println(PREFIX + s);
        System.out.flush();
    }

    private static InetSocketAddress startJcoro(int loops) throws IOException {
        // No watchdog: a report (a thread dump) in the middle of a measurement would be counted as serving.
        Scheduler scheduler = Scheduler.builder().threads(loops).blockedThreshold(Duration.ZERO).build();
        TcpServerSocket server = TcpServerSocket.bind(new InetSocketAddress("127.0.0.1", 0));
        scheduler.launch(() -> {
            while (true) {
                TcpSocket client = server.accept();
                Coroutines.launch(() -> {
                    echo(client);
                    return null;
                });
            }
        });
        return server.localAddress();
    }

    @Suspendable
    private static void echo(TcpSocket socket) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SIZE);
        try (socket) {
            while (socket.read(buf) >= 0) {
                buf.flip();
                socket.write(buf);
                buf.clear();
            }
        }
    }

    /** The hand-written baseline: loop 0 also accepts and deals connections out round-robin. */
    private static InetSocketAddress startCallbacks(int loops) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.configureBlocking(false);
        CallbackLoop[] all = new CallbackLoop[loops];
        for (int i = 0; i < loops; i++) {
            all[i] = new CallbackLoop();
        }
        server.register(all[0].selector, SelectionKey.OP_ACCEPT, new Acceptor(server, all));
        for (int i = 0; i < loops; i++) {
            Thread t = new Thread(all[i], "callback-loop-" + i);
            t.setDaemon(true);
            t.start();
        }
        return (InetSocketAddress) server.getLocalAddress();
    }

    private interface Callback {
        void onReady(SelectionKey key) throws IOException;
    }

    private static final class CallbackLoop implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<SocketChannel> handedIn = new ConcurrentLinkedQueue<>();

        CallbackLoop() throws IOException {
            selector = Selector.open();
        }

        void handIn(SocketChannel ch) {
            handedIn.add(ch);
            selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    selector.select();
                    for (SocketChannel ch; (ch = handedIn.poll()) != null; ) {
                        ch.register(selector, SelectionKey.OP_READ, new Connection(ch));
                    }
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        try {
                            ((Callback) key.attachment()).onReady(key);
                        } catch (IOException e) {
                            key.cancel();
                            key.channel().close();
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Acceptor implements Callback {
        final ServerSocketChannel server;
        final CallbackLoop[] loops;
        int next;

        Acceptor(ServerSocketChannel server, CallbackLoop[] loops) {
            this.server = server;
            this.loops = loops;
        }

        @Override
        public void onReady(SelectionKey key) throws IOException {
            for (SocketChannel ch; (ch = server.accept()) != null; ) {
                ch.configureBlocking(false);
                CallbackLoop to = loops[next++ % loops.length];
                if (to == loops[0]) {
                    ch.register(key.selector(), SelectionKey.OP_READ, new Connection(ch));
                } else {
                    to.handIn(ch);
                }
            }
        }
    }

    /** Reads what arrives and writes it back; waits for writability only while a write is incomplete. */
    private static final class Connection implements Callback {
        final SocketChannel ch;
        final ByteBuffer buf = ByteBuffer.allocate(SIZE);

        Connection(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void onReady(SelectionKey key) throws IOException {
            if (key.isWritable()) {
                ch.write(buf);
                if (buf.hasRemaining()) {
                    return;
                }
                buf.clear();
                key.interestOps(SelectionKey.OP_READ);
            }
            if (key.isReadable()) {
                int n = ch.read(buf);
                if (n < 0) {
                    key.cancel();
                    ch.close();
                    return;
                }
                buf.flip();
                ch.write(buf);
                if (buf.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_WRITE);
                } else {
                    buf.clear();
                }
            }
        }
    }

    /** CPU time of the threads that serve connections (named by the prefix), in nanoseconds. */
    private static long threadCpu(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                sum += Math.max(0, t);
            }
        }
        return sum;
    }

    /** CPU time of the whole process (JIT and GC threads included), like getrusage. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
