package dev.jcoro.samples.upload;

import dev.jcoro.Scheduler;
import dev.jcoro.http.HttpLimits;
import dev.jcoro.http.HttpServer;
import dev.jcoro.redis.RedisClient;
import dev.jcoro.redis.RedisOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The seed's upload flow as a server: sessions in Redis, bodies streamed to disk, rows in H2 (JDBC on the
 * offload pool) or MySQL/MariaDB (the coroutine-native client). Listens on 127.0.0.1; SIGTERM closes it
 * gracefully (uploads in flight finish first).
 *
 * <pre>
 * java -javaagent:instrument/target/jcoro-agent.jar -cp samples/target/jcoro-samples.jar \
 *     dev.jcoro.samples.upload.UploadServer --port 8080 --redis redis://127.0.0.1:6379 \
 *     --db jdbc:h2:file:/tmp/uploads/db --dir /tmp/uploads/files [--max-bytes 67108864]
 * </pre>
 *
 * <p>{@code POST /upload} with {@code Authorization: Bearer <token>} (the Redis string {@code session:<token>}
 * holds the user name) stores the body and answers 201 with {@code {"id","user","path","size","sha256",
 * "createdAt"}}; {@code GET /files} lists them, oldest first. See {@code docs/guide-upload.md}.
 */
public final class UploadServer implements AutoCloseable {
    private final Scheduler scheduler;
    private final RedisClient redis;
    private final UploadRepository repository;
    private final HttpServer http;
    private final UploadDirectory directory;

    private UploadServer(Scheduler scheduler, RedisClient redis, UploadRepository repository, UploadDirectory directory,
            HttpServer http) {
        this.scheduler = scheduler;
        this.redis = redis;
        this.repository = repository;
        this.directory = directory;
        this.http = http;
    }

    /**
     * Connects to Redis and the database, creates the table if missing, and starts listening. Call from a
     * plain thread; it blocks until the server listens.
     *
     * @param options the command line
     * @return the running server
     * @throws Exception if Redis or the database cannot be reached, the directory cannot be made, or the
     *     port cannot be bound; everything opened so far is closed again
     */
    public static UploadServer start(UploadOptions options) throws Exception {
        Scheduler scheduler = Scheduler.create();
        RedisClient redis = null;
        UploadRepository repository = null;
        try {
            UploadDirectory directory = UploadDirectory.open(options.directory());
            redis = RedisClient.connect(RedisOptions.builder(options.redisUri()).scheduler(scheduler).build());
            UploadRepository repo = repository = UploadRepository.open(options.databaseUrl());
            scheduler.launch(() -> {
                repo.createTable();
                return null;
            }).join();
            UploadRoutes routes = new UploadRoutes(new SessionCheck(redis), new BodyToFile(directory, options.maxBytes()),
                    directory, repo);
            HttpServer http = HttpServer.builder()
                    .address(InetAddress.getLoopbackAddress())
                    .port(options.port())
                    .scheduler(scheduler)
                    .handler(routes.router())
                    // The routes own the body limit: they answer 401 before 413, and count chunked bodies themselves.
                    .limits(HttpLimits.defaults().withMaxBodySize(Long.MAX_VALUE))
                    .start();
            return new UploadServer(scheduler, redis, repo, directory, http);
        } catch (Exception | Error e) {
            if (repository != null) {
                repository.close();
            }
            if (redis != null) {
                redis.close();
            }
            scheduler.close();
            throw e;
        }
    }

    /**
     * The address the server listens on.
     *
     * @return 127.0.0.1 and the port (the actual one when started with port 0)
     */
    public InetSocketAddress address() {
        return http.address();
    }

    /**
     * Where stored files go.
     *
     * @return the directory's absolute real path
     */
    public Path directory() {
        return directory.root();
    }

    /**
     * Closes gracefully: stops accepting, lets uploads in flight finish (up to
     * {@link HttpServer#DEFAULT_CLOSE_GRACE}), then closes the database, Redis and the loops. Call from a
     * plain thread; calling it again does nothing more.
     */
    @Override
    public void close() {
        http.close();
        repository.close();
        redis.close();
        scheduler.close();
    }

    /**
     * Runs the server until SIGTERM (or Ctrl-C).
     *
     * @param args {@code --port P --redis URI --db URL --dir DIR [--max-bytes N]}
     * @throws InterruptedException if the main thread is interrupted while it waits
     */
    public static void main(String[] args) throws InterruptedException {
        UploadOptions options;
        try {
            options = UploadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("UploadServer: " + e.getMessage());
            System.err.println(UploadOptions.USAGE);
            System.exit(2);
            return;
        }
        UploadServer server;
        try {
            server = start(options);
        } catch (Exception e) {
            System.err.println("UploadServer: could not start: " + describe(e));
            System.exit(1);
            return;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closed.countDown();
        }, "upload-server-shutdown"));
        System.out.println("listening on http://" + server.address().getHostString() + ":" + server.address().getPort()
                + ", storing into " + server.directory());
        closed.await();
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("\n  caused by ").append(c);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "UploadServer[" + http + ", " + repository + ", " + directory + "]";
    }
}
