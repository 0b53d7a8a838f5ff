package dev.jcoro.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What does a loopback 64-byte echo cost the server, in CPU per round trip and heap per idle connection:
 * a jcoro {@code TcpServerSocket} server against a hand-written selector-and-callbacks server
 * ({@link EchoServer}), driven by the same load generator in the same run?
 *
 * <pre>
 * java -javaagent:instrument/target/jcoro-agent.jar -cp bench/target/benchmarks.jar dev.jcoro.bench.EchoLoad \
 *      [loops=2] [connections=1000] [warmup=3] [seconds=5] [clients=1]
 * </pre>
 *
 * <p>For each server (callback first, then jcoro) it starts the server in a child JVM with {@code loops}
 * threads (with the agent this JVM was given, and {@code -Xmx1g}), opens {@code connections} connections to
 * 127.0.0.1 from {@code clients} generator threads, each connection a closed loop (send 64 bytes, wait for
 * the 64 back, repeat), warms up, then measures: server CPU (its serving threads, and its whole process, as
 * getrusage would) over the round trips made meanwhile. Then the generator stops, every connection idles,
 * and the server's heap after full collections is taken with and without them. It prints one JSON line per
 * server and the ratios, and stops by itself.
 */
public final class EchoLoad {
    private static final int SIZE = 64;

    private EchoLoad() {
    }

    public static void main(String[] args) throws Exception {
        int loops = arg(args, "loops", 2);
        int connections = arg(args, "connections", 1000);
        int warmup = arg(args, "warmup", 3);
        int seconds = arg(args, "seconds", 5);
        int clients = arg(args, "clients", 1);
        if (connections < 1 || connections > 1000) {
            throw new IllegalArgumentException("connections must be 1 to 1000 (a bounded local load): " + connections);
        }
        Result callback = run("callback", loops, connections, warmup, seconds, clients);
        Result jcoro = run("jcoro", loops, connections, warmup, seconds, clients);
        System.out.printf(Locale.ROOT, "{\"ratio\": \"jcoro / callback\", \"loops\": %d, \"threadCpuPerRoundTrip\": %.2f,"
                        + " \"processCpuPerRoundTrip\": %.2f, \"idleBytesPerConnection\": %.2f}%n", loops,
                jcoro.threadUs / callback.threadUs, jcoro.processUs / callback.processUs,
                jcoro.idleBytes / callback.idleBytes);
    }

    private static int arg(String[] args, String name, int dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return dflt;
    }

    private static final class Result {
        double threadUs;
        double processUs;
        double idleBytes;
    }

    private static Result run(String kind, int loops, int connections, int warmup, int seconds, int clients)
            throws Exception {
        Server server = new Server(kind, loops);
        try {
            List<SocketChannel> all = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                all.add(SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port)));
            }
            Generator[] gens = new Generator[clients];
            for (int g = 0; g < clients; g++) {
                gens[g] = new Generator();
            }
            for (int i = 0; i < all.size(); i++) {
                gens[i % clients].add(all.get(i));
            }
            for (Generator g : gens) {
                g.thread.start();
            }
            Thread.sleep(warmup * 1000L);
            long[] cpu0 = server.cpu();
            long rt0 = roundTrips(gens);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long[] cpu1 = server.cpu();
            long rt1 = roundTrips(gens);
            long t1 = System.nanoTime();
            for (Generator g : gens) {
                g.stop = true;
            }
            for (Generator g : gens) {
                g.thread.join(10_000);
                if (g.thread.isAlive()) {
                    throw new IllegalStateException(kind + " server: replies outstanding 10 s after the load stopped");
                }
            }
            long withIdle = server.heap();
            for (SocketChannel ch : all) {
                ch.close();
            }
            // The server ends each connection when it reads the end of stream; give it a moment.
            Thread.sleep(1000);
            long without = server.heap();
            long n = rt1 - rt0;
            Result r = new Result();
            r.threadUs = (cpu1[0] - cpu0[0]) / 1e3 / n;
            r.processUs = (cpu1[1] - cpu0[1]) / 1e3 / n;
            r.idleBytes = (withIdle - without) / (double) connections;
            System.out.printf(Locale.ROOT, "{\"server\": \"%s\", \"jdk\": %d, \"loops\": %d, \"connections\": %d,"
                            + " \"roundTripsPerSecond\": %.0f, \"serverThreadCpuUsPerRoundTrip\": %.2f,"
                            + " \"serverProcessCpuUsPerRoundTrip\": %.2f, \"idleBytesPerConnection\": %.0f}%n",
                    kind, Runtime.version().feature(), loops, connections, n / ((t1 - t0) / 1e9), r.threadUs,
                    r.processUs, r.idleBytes);
            return r;
        } finally {
            server.close();
        }
    }

    private static long roundTrips(Generator[] gens) {
        long sum = 0;
        for (Generator g : gens) {
            sum += g.roundTrips.sum();
        }
        return sum;
    }

    /** One load-generator thread: its own selector, its share of the connections, each a closed loop. */
    private static final class Generator implements Runnable {
        final Thread thread = new Thread(this, "echo-load");
        final Selector selector;
        final LongAdder roundTrips = new LongAdder();
        final List<SocketChannel> mine = new ArrayList<>();
        volatile boolean stop;

        Generator() throws IOException {
            selector = Selector.open();
            thread.setDaemon(true);
        }

        void add(SocketChannel ch) {
            mine.add(ch);
        }

        @Override
        public void run() {
            try {
                int outstanding = 0;
                for (SocketChannel ch : mine) {
                    ch.configureBlocking(false);
                    Conn c = new Conn();
                    ch.register(selector, SelectionKey.OP_READ, c);
                    send(ch, c);
                    outstanding++;
                }
                while (outstanding > 0) {
                    selector.select(100);
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        SocketChannel ch = (SocketChannel) key.channel();
                        Conn c = (Conn) key.attachment();
                        if (ch.read(c.in) < 0) {
                            throw new IOException("the server closed a connection");
                        }
                        if (c.in.hasRemaining()) {
                            continue;
                        }
                        c.in.clear();
                        roundTrips.increment();
                        if (stop) {
                            outstanding--;
                        } else {
                            send(ch, c);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void send(SocketChannel ch, Conn c) throws IOException {
            c.out.clear();
            // 64 bytes always fit an empty loopback socket buffer; a short write would mean a broken run.
            if (ch.write(c.out) != SIZE) {
                throw new IOException("short write to the echo server");
            }
        }
    }

    private static final class Conn {
        final ByteBuffer out = ByteBuffer.allocate(SIZE);
        final ByteBuffer in = ByteBuffer.allocate(SIZE);
    }

    /** The server's child JVM and its command channel (see {@link EchoServer}). */
    private static final class Server implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final Writer in;
        final int port;

        Server(String kind, int loops) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            cmd.add("-Xmx1g");
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("-javaagent:")) {
                    cmd.add(a);
                }
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(EchoServer.class.getName());
            cmd.add(kind);
            cmd.add(Integer.toString(loops));
            if (kind.equals("jcoro") && cmd.stream().noneMatch(a -> a.startsWith("-javaagent:"))) {
                throw new IllegalStateException("run EchoLoad with -javaagent:<jcoro-agent.jar>: the jcoro server needs it");
            }
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            port = Integer.parseInt(answer("port"));
        }

        long[] cpu() throws IOException {
            command("cpu");
            String[] parts = answer("cpu").split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }

        long heap() throws IOException {
            command("heap");
            return Long.parseLong(answer("heap"));
        }

        private void command(String c) throws IOException {
            in.write(c + "\n");
            in.flush();
        }

        /** The next answer with this keyword; other output of the child (the agent's messages) is skipped. */
        private String answer(String keyword) throws IOException {
            String prefix = "echo-server: " + keyword + " ";
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
            }
            throw new IOException("the echo server ended before answering '" + keyword + "'");
        }

        @Override
        public void close() throws Exception {
            try {
                command("quit");
            } catch (IOException alreadyGone) {
                // It ended on its own; nothing to stop.
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
