package dev.jcoro.bench.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load for the upload server (issue 9's speed section): rounds of N concurrent uploads of S bytes each
 * (default 200 x 1 MiB) against one upload server per {@code --db}, all started here with the fixed command
 * line plus a small fixed heap, rounds interleaved so every database sees the same machine. Reports MiB/s
 * (median of the rounds), per-upload latency p50 and p99, and the server's heap from its GC log: the
 * largest occupancy before a collection and the largest live set after one. Bodies are streamed, so a heap
 * far smaller than the data in flight is enough.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.jcoro.bench.upload.UploadLoad --redis redis://127.0.0.1:6379 \
 *      --db jdbc:h2:file:/tmp/load/uploads [--db mysql://u:p@127.0.0.1:3306/db] [--uploads 200] [--size 1048576] \
 *      [--rounds 5] [--heap 64m]
 * </pre>
 *
 * <p>Run from the repository root after {@code mvn -B -DskipTests package}; {@code bench/upload-load.sh}
 * starts a throwaway redis-server and MariaDB and runs this with both databases.
 */
public final class UploadLoad {
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private UploadLoad() {
    }

    /** One upload server under load, and what it measured. */
    private static final class Target {
        final String db;
        final Path work;
        final Process process;
        final int port;
        final List<Double> mibPerSecond = new ArrayList<>();
        final List<Long> latenciesNanos = new ArrayList<>();
        int failures;

        Target(String db, Path work, Process process, int port) {
            this.db = db;
            this.work = work;
            this.process = process;
            this.port = port;
        }
    }

    public static void main(String[] args) throws Exception {
        String redis = null;
        List<String> dbs = new ArrayList<>();
        int uploads = 200;
        int size = 1024 * 1024;
        int rounds = 5;
        String heap = "64m";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--redis" -> redis = args[i + 1];
                case "--db" -> dbs.add(args[i + 1]);
                case "--uploads" -> uploads = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--heap" -> heap = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (redis == null || dbs.isEmpty()) {
            System.err.println("usage: UploadLoad --redis redis://HOST:PORT --db URL [--db URL...] [--uploads N] [--size BYTES]"
                    + " [--rounds N] [--heap 64m]");
            System.exit(2);
        }
        URI redisUri = URI.create(redis);
        setSession(redisUri, "load-token", "load");

        List<Target> targets = new ArrayList<>();
        try {
            for (String db : dbs) {
                targets.add(start(db, redis, heap));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] body = new byte[size];
            new Random(1).nextBytes(body);
            for (Target t : targets) {
                round(http, t, body, uploads, false);    // warm-up: JIT, pools, connections
            }
            for (int r = 0; r < rounds; r++) {
                for (Target t : targets) {
                    round(http, t, body, uploads, true);
                }
            }
            report(targets, uploads, size, rounds, heap);
        } finally {
            for (Target t : targets) {
                t.process.destroy();
                if (!t.process.waitFor(30, TimeUnit.SECONDS)) {
                    t.process.destroyForcibly();
                }
                deleteTree(t.work);
            }
        }
    }

    private static Target start(String db, String redis, String heap) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("jcoro-upload-load");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = db.replace("{work}", work.toString());
        Path log = work.resolve("server.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xlog:gc:file=" + work.resolve("gc.log"),
                "-javaagent:instrument/target/jcoro-agent.jar", "-cp", "samples/target/jcoro-samples.jar",
                "dev.jcoro.samples.upload.UploadServer", "--port", Integer.toString(port), "--redis", redis,
                "--db", url, "--dir", work.resolve("files").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("the upload server for " + db + " did not start:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return new Target(db, work, p, port);
    }

    private static void round(HttpClient http, Target t, byte[] body, int uploads, boolean measured) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + t.port + "/upload");
        List<CompletableFuture<Long>> latencies = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < uploads; i++) {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer load-token")
                    .header("X-File-Name", "load.bin").timeout(Duration.ofSeconds(120))
                    .POST(BodyPublishers.ofByteArray(body)).build();
            long sent = System.nanoTime();
            latencies.add(http.sendAsync(request, BodyHandlers.ofString()).thenApply(r -> {
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
                }
                return System.nanoTime() - sent;
            }));
        }
        List<Long> done = new ArrayList<>();
        for (CompletableFuture<Long> f : latencies) {
            try {
                done.add(f.get(180, TimeUnit.SECONDS));
            } catch (Exception e) {
                t.failures++;
                System.err.println(t.db + ": " + e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (measured) {
            t.mibPerSecond.add(done.size() * (double) body.length / (1024 * 1024) / seconds);
            t.latenciesNanos.addAll(done);
        }
        try (Stream<Path> stored = Files.list(t.work.resolve("files"))) {
            for (Path p : (Iterable<Path>) stored::iterator) {
                Files.deleteIfExists(p);    // keep the disk bounded; the rows stay
            }
        }
    }

    private static void report(List<Target> targets, int uploads, int size, int rounds, String heap) throws IOException {
        System.out.printf("%d concurrent uploads of %d bytes, %d rounds after one warm-up, server -Xmx%s, JDK %s, %d CPUs%n",
                uploads, size, rounds, heap, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-12s %10s %10s %10s %10s %14s %14s %9s%n", "database", "MiB/s", "min", "p50 ms", "p99 ms",
                "heap peak MiB", "live max MiB", "failures");
        for (Target t : targets) {
            List<Double> rates = new ArrayList<>(t.mibPerSecond);
            Collections.sort(rates);
            List<Long> lat = new ArrayList<>(t.latenciesNanos);
            Collections.sort(lat);
            int[] heapMiB = heap(t.work.resolve("gc.log"));
            System.out.printf("%-12s %10.1f %10.1f %10.1f %10.1f %14d %14d %9d%n", t.db.startsWith("mysql:") ? "MariaDB" : "H2",
                    rates.get(rates.size() / 2), rates.get(0), percentile(lat, 0.50) / 1e6, percentile(lat, 0.99) / 1e6,
                    heapMiB[0], heapMiB[1], t.failures);
        }
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** The largest heap occupancy before a collection, and the largest after one, from {@code -Xlog:gc}. */
    private static int[] heap(Path gcLog) throws IOException {
        int before = 0;
        int after = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                before = Math.max(before, Integer.parseInt(m.group(1)));
                after = Math.max(after, Integer.parseInt(m.group(2)));
            }
        }
        return new int[] {before, after};
    }

    /** {@code SET session:<token> <user>} over a plain socket. */
    private static void setSession(URI redis, String token, String user) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(redis.getHost(), redis.getPort()), 5000);
            s.setSoTimeout(5000);
            String key = "session:" + token;
            String command = "*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + user.length() + "\r\n" + user + "\r\n";
            OutputStream out = s.getOutputStream();
            out.write(command.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = new byte[5];
            int n = in.readNBytes(reply, 0, 5);
            if (n < 3 || reply[0] != '+') {
                throw new IOException("redis answered SET with " + new String(reply, 0, n, StandardCharsets.US_ASCII));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
