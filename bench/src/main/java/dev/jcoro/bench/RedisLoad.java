package dev.jcoro.bench;

import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.redis.RedisClient;
import dev.jcoro.redis.RedisOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * How many GET and SET operations per second one Redis client library gets out of a local server under many
 * concurrent callers: jcoro's pipelined client from coroutines, Lettuce's async API on one connection
 * (pipelined by Netty), or Jedis from a pool of platform threads, each holding a pooled connection.
 *
 * <pre>
 * java [-javaagent:instrument/target/jcoro-agent.jar] -cp bench/target/benchmarks.jar dev.jcoro.bench.RedisLoad \
 *      client=jcoro|lettuce|jedis port=6379 [concurrency=1000] [threads=64] [loops=N] [warmup=15] [seconds=10]
 * </pre>
 *
 * <p>Every caller runs a closed loop on a key of its own: {@code SET key value} (a 32-byte value), then
 * {@code GET key}, checking that it reads back its own value, and again; each command counts as one
 * operation. {@code concurrency} callers for jcoro (coroutines on {@code loops} carrier threads, default one
 * per processor) and Lettuce (asynchronous chains, no threads); {@code threads} threads and as many pooled
 * connections for Jedis. After {@code warmup} seconds it counts for {@code seconds} seconds and prints one
 * JSON line; bench/redis.sh runs it for each client against the same server and prints the table. The agent
 * is needed for {@code client=jcoro} only.
 */
public final class RedisLoad {
    private static final String VALUE_PAD = "................................";

    private RedisLoad() {
    }

    public static void main(String[] args) throws Exception {
        String client = arg(args, "client", "jcoro");
        int port = Integer.parseInt(arg(args, "port", "6379"));
        int concurrency = Integer.parseInt(arg(args, "concurrency", "1000"));
        int threads = Integer.parseInt(arg(args, "threads", "64"));
        int loops = Integer.parseInt(arg(args, "loops", Integer.toString(Runtime.getRuntime().availableProcessors())));
        // Every client needs 8-10 s of JIT compilation on a loaded 2-core machine before it levels off.
        int warmup = Integer.parseInt(arg(args, "warmup", "15"));
        int seconds = Integer.parseInt(arg(args, "seconds", "10"));
        // Each client starts the clock once connected: Lettuce and Netty take seconds to load under the agent.
        Phases phases = new Phases(warmup, seconds);
        int callers;
        switch (client) {
            case "jcoro":
                callers = concurrency;
                jcoro(port, concurrency, loops, phases);
                break;
            case "lettuce":
                callers = concurrency;
                lettuce(port, concurrency, phases);
                break;
            case "jedis":
                callers = threads;
                jedis(port, threads, phases);
                break;
            default:
                throw new IllegalArgumentException("client must be jcoro, lettuce or jedis: " + client);
        }
        System.out.printf(Locale.ROOT, "{\"client\": \"%s\", \"callers\": %d, \"seconds\": %d, \"ops\": %d,"
                        + " \"opsPerSecond\": %.0f, \"jdk\": \"%s\"}%n", client, callers, seconds, phases.counted.sum(),
                phases.counted.sum() / (double) seconds, System.getProperty("java.version"));
    }

    private static String arg(String[] args, String name, String dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return dflt;
    }

    /** Warm-up, then the counted window, then the end; callers ask it whether to go on and where to count. */
    private static final class Phases {
        final int warmup;
        final int seconds;
        volatile long countFrom = Long.MAX_VALUE;
        volatile long countUntil = Long.MAX_VALUE;
        final LongAdder counted = new LongAdder();

        Phases(int warmup, int seconds) {
            this.warmup = warmup;
            this.seconds = seconds;
        }

        /** Starts the clock: called once the client is connected, before the callers start. */
        void start() {
            countFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            countUntil = countFrom + TimeUnit.SECONDS.toNanos(seconds);
        }

        /** Records {@code ops} operations that just finished; false once the run is over. */
        boolean done(int ops) {
            long now = System.nanoTime();
            if (now >= countFrom && now < countUntil) {
                counted.add(ops);
            }
            return now < countUntil;
        }
    }

    private static String value(int caller, long round) {
        return (caller + ":" + round + VALUE_PAD).substring(0, 32);
    }

    private static void check(String expected, String got) {
        if (!expected.equals(got)) {
            throw new IllegalStateException("read back " + got + " where " + expected + " was written");
        }
    }

    private static void jcoro(int port, int concurrency, int loops, Phases phases) throws Exception {
        try (Scheduler scheduler = Scheduler.create(loops)) {
            RedisClient redis = RedisClient.connect(RedisOptions.builder("redis://127.0.0.1:" + port)
                    .scheduler(scheduler).build());
            try {
                List<Task<Void>> callers = new ArrayList<>();
                phases.start();
                for (int i = 0; i < concurrency; i++) {
                    int id = i;
                    callers.add(scheduler.launch(() -> {
                        String key = "bench:" + id;
                        long round = 0;
                        do {
                            String v = value(id, round++);
                            redis.set(key, v);
                            check(v, redis.get(key));
                        } while (phases.done(2));
                        return null;
                    }));
                }
                for (Task<Void> t : callers) {
                    t.join();
                }
            } finally {
                redis.close();
            }
        }
    }

    private static void lettuce(int port, int concurrency, Phases phases) throws Exception {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(
                RedisURI.create("redis://127.0.0.1:" + port));
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisAsyncCommands<String, String> async = connection.async();
            List<CompletableFuture<Void>> callers = new ArrayList<>();
            async.ping().get();
            phases.start();
            for (int i = 0; i < concurrency; i++) {
                CompletableFuture<Void> finished = new CompletableFuture<>();
                lettuceRound(async, i, 0, phases, finished);
                callers.add(finished);
            }
            CompletableFuture.allOf(callers.toArray(new CompletableFuture[0])).get();
        } finally {
            client.shutdown();
        }
    }

    /** One caller's closed loop as a chain of callbacks: SET, then GET, then the next round. */
    private static void lettuceRound(RedisAsyncCommands<String, String> async, int id, long round, Phases phases,
            CompletableFuture<Void> finished) {
        String key = "bench:" + id;
        String v = value(id, round);
        CompletionStage<String> get = async.set(key, v).thenCompose(ok -> async.get(key));
        get.whenComplete((got, failure) -> {
            if (failure != null) {
                finished.completeExceptionally(failure);
                return;
            }
            check(v, got);
            if (phases.done(2)) {
                lettuceRound(async, id, round + 1, phases, finished);
            } else {
                finished.complete(null);
            }
        });
    }

    private static void jedis(int port, int threads, Phases phases) throws Exception {
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(threads);
        config.setMaxIdle(threads);
        try (JedisPool pool = new JedisPool(config, "127.0.0.1", port)) {
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            try (Jedis first = pool.getResource()) {
                first.ping();
            }
            phases.start();
            for (int i = 0; i < threads; i++) {
                int id = i;
                Thread t = new Thread(() -> {
                    String key = "bench:" + id;
                    long round = 0;
                    try {
                        do {
                            String v = value(id, round++);
                            try (Jedis jedis = pool.getResource()) {
                                jedis.set(key, v);
                                check(v, jedis.get(key));
                            }
                        } while (phases.done(2));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "jedis-caller-" + i);
                callers.add(t);
                t.start();
            }
            for (Thread t : callers) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(failures.size() + " Jedis callers failed", failures.get(0));
            }
        }
    }
}
