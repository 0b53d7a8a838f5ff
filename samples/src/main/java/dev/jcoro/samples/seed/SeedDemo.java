package dev.jcoro.samples.seed;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The seed article's demonstration: N requests to an endpoint that takes one second each, made three
 * ways. Sequential blocking code takes N seconds; the hand-written callback loop and the coroutines
 * take about one. Usage: {@code SeedDemo [N]} (default 10; the sequential way is capped at 10 requests).
 */
public final class SeedDemo {
    private static final int SEQUENTIAL_CAP = 10;

    private SeedDemo() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (SeedServer server = SeedServer.start(n, Duration.ofSeconds(1))) {
            InetSocketAddress address = server.address();
            System.out.println("endpoint on " + address + ": every request takes 1 s and answers " + JsonEndpoint.BODY);
            int sequential = Math.min(n, SEQUENTIAL_CAP);
            time("sequential blocking sockets", sequential, () -> SequentialClient.fetchAll(address, sequential));
            time("selector + callbacks (RequestHandler)", n, () -> CallbackClient.fetchAll(address, n));
            time("coroutines (TcpSocket, straight-line code)", n, () -> CoroutineClient.fetchAll(address, n));
        }
    }

    private static void time(String how, int n, Callable<List<String>> run) throws Exception {
        long start = System.nanoTime();
        List<String> bodies = run.call();
        double seconds = (System.nanoTime() - start) / 1e9;
        long ok = bodies.stream().filter(JsonEndpoint.BODY::equals).count();
        if (n <= 10) {
            bodies.forEach(b -> System.out.println("    " + b));
        }
        System.out.printf("%-44s %6d requests, %6d ok, %6.2f s%n", how, n, ok, seconds);
        if (ok != n) {
            throw new IllegalStateException(how + ": only " + ok + " of " + n + " requests succeeded");
        }
    }
}
