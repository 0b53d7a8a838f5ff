package dev.jcoro.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.mysql.MySqlConnectOptions;
import dev.jcoro.mysql.MySqlConnection;
import dev.jcoro.mysql.MySqlPool;
import dev.jcoro.mysql.PoolOptions;
import dev.jcoro.mysql.RowCursor;
import io.vertx.core.Vertx;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many primary-key point selects per second do 1,000 concurrent callers get through one client, with
 * the same number of server connections: jcoro-mysql on coroutines, MariaDB Connector/J on a HikariCP pool
 * driven by virtual threads or by a 64-thread platform pool, and the Vert.x 5 MySQL client?
 *
 * <pre>
 * java [-javaagent:instrument/target/jcoro-agent.jar] -cp bench/target/benchmarks.jar dev.jcoro.bench.MySqlPointSelect \
 *      CONTESTANT PORT [callers=1000] [connections=16] [warmup=5] [seconds=10]
 * </pre>
 *
 * <p>CONTESTANT is {@code jcoro}, {@code jdbc-virtual}, {@code jdbc-platform} or {@code vertx}. The server
 * (started by {@code bench/mysql.sh}) has table {@code bench.account(id INT PRIMARY KEY, name VARCHAR(40),
 * balance DECIMAL(12,2))} with ids 1 to 10,000, and user {@code bench}/{@code bench}. Each caller is a
 * closed loop: select {@code name, balance} of a random id, read the row, repeat. After {@code warmup}
 * seconds the completed selects are counted for {@code seconds}, with the client process's CPU time over
 * the same window (per select: what the client itself costs, which on a shared machine is steadier than the
 * rate); the program prints one JSON line and exits. Each client is used as its documentation suggests: jcoro-mysql and Vert.x execute server-side
 * prepared statements from their per-connection caches (Vert.x's cache turned on); Connector/J runs its
 * default client-side prepared statements (text protocol).
 */
public final class MySqlPointSelect {
    private static final String SQL = "SELECT name, balance FROM account WHERE id = ?";
    private static final int IDS = 10_000;

    private MySqlPointSelect() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: MySqlPointSelect jcoro|jdbc-virtual|jdbc-platform|vertx PORT "
                    + "[callers] [connections] [warmup] [seconds]");
        }
        String contestant = args[0];
        int port = Integer.parseInt(args[1]);
        int callers = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        if (callers < 1 || callers > 1000 || seconds > 120) {
            throw new IllegalArgumentException("a bounded local load: 1 to 1000 callers, at most 120 s");
        }
        LongAdder done = new LongAdder();
        AtomicLong failures = new AtomicLong();
        Load load;
        switch (contestant) {
            case "jcoro":
                load = jcoro(port, callers, connections, done, failures);
                break;
            case "jdbc-virtual":
                load = jdbc(port, callers, connections, done, failures, virtualThreads());
                break;
            case "jdbc-platform":
                load = jdbc(port, callers, connections, done, failures, Executors.newFixedThreadPool(64));
                break;
            case "vertx":
                load = vertx(port, callers, connections, done, failures);
                break;
            default:
                throw new IllegalArgumentException("unknown contestant " + contestant);
        }
        Thread.sleep(warmup * 1000L);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long before = done.sum();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = done.sum() - before;
        long cpu = os.getProcessCpuTime() - cpu0;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        load.stop();
        System.out.printf(Locale.ROOT, "{\"contestant\": \"%s\", \"callers\": %d, \"connections\": %d, \"seconds\": %.2f,"
                        + " \"selects\": %d, \"perSecond\": %.0f, \"clientCpuMicrosPerSelect\": %.1f, \"failures\": %d,"
                        + " \"java\": \"%s\"}%n", contestant, callers, connections, elapsed, count, count / elapsed,
                count == 0 ? 0.0 : cpu / 1000.0 / count, failures.get(), System.getProperty("java.version"));
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    /** Stops a running load and frees what it holds. */
    private interface Load {
        void stop() throws Exception;
    }

    private static int randomId() {
        return ThreadLocalRandom.current().nextInt(IDS) + 1;
    }

    private static Load jcoro(int port, int callers, int connections, LongAdder done, AtomicLong failures) {
        Scheduler scheduler = Scheduler.create();
        MySqlPool pool = MySqlPool.create(MySqlConnectOptions.builder().port(port).user("bench").password("bench")
                .database("bench").build(), PoolOptions.defaults().withMaxSize(connections));
        boolean[] stopped = {false};
        List<Task<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            tasks.add(scheduler.launch(() -> {
                while (!stopped[0]) {
                    try (MySqlConnection conn = pool.acquire()) {
                        RowCursor rows = conn.query(SQL, randomId());
                        while (rows.next()) {
                            consume(rows.row().getString(0), rows.row().getBigDecimal(1));
                        }
                        done.increment();
                    } catch (Exception e) {
                        if (!stopped[0]) {
                            record(failures, e);
                        }
                    }
                }
                return null;
            }));
        }
        return () -> {
            stopped[0] = true;
            for (Task<Object> t : tasks) {
                t.join();
            }
            scheduler.launch(() -> {
                pool.close();
                return null;
            }).join();
            scheduler.close();
        };
    }

    private static Load jdbc(int port, int callers, int connections, LongAdder done, AtomicLong failures,
            ExecutorService executor) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:mariadb://127.0.0.1:" + port + "/bench");
        config.setUsername("bench");
        config.setPassword("bench");
        config.setMaximumPoolSize(connections);
        config.setConnectionTimeout(30_000);
        HikariDataSource ds = new HikariDataSource(config);
        // Callers are tasks: on virtual threads each runs at once; on the platform pool 64 run, the rest queue.
        Runnable caller = new Runnable() {
            @Override
            public void run() {
                if (executor.isShutdown()) {
                    return;
                }
                try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
                    ps.setInt(1, randomId());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            consume(rs.getString(1), rs.getBigDecimal(2));
                        }
                    }
                    done.increment();
                } catch (Exception e) {
                    if (!executor.isShutdown()) {
                        record(failures, e);
                    }
                }
                try {
                    executor.execute(this);
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    // The load is over.
                }
            }
        };
        for (int i = 0; i < callers; i++) {
            executor.execute(caller);
        }
        return () -> {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
            ds.close();
        };
    }

    private static Load vertx(int port, int callers, int connections, LongAdder done, AtomicLong failures) {
        Vertx vertx = Vertx.vertx();
        MySQLConnectOptions connect = new MySQLConnectOptions().setHost("127.0.0.1").setPort(port).setUser("bench")
                .setPassword("bench").setDatabase("bench").setCachePreparedStatements(true);
        Pool pool = MySQLBuilder.pool().with(new io.vertx.sqlclient.PoolOptions().setMaxSize(connections))
                .connectingTo(connect).using(vertx).build();
        boolean[] stopped = {false};
        for (int i = 0; i < callers; i++) {
            vertxCaller(pool, done, failures, stopped);
        }
        return () -> {
            stopped[0] = true;
            CountDownLatch closed = new CountDownLatch(1);
            pool.close().onComplete(ar -> vertx.close().onComplete(ar2 -> closed.countDown()));
            closed.await(10, TimeUnit.SECONDS);
        };
    }

    private static void vertxCaller(Pool pool, LongAdder done, AtomicLong failures, boolean[] stopped) {
        pool.preparedQuery(SQL).execute(Tuple.of(randomId())).onComplete(ar -> {
            if (ar.succeeded()) {
                for (Row row : ar.result()) {
                    consume(row.getString(0), row.getBigDecimal(1));
                }
                done.increment();
            } else if (!stopped[0]) {
                record(failures, ar.cause());
            }
            if (!stopped[0]) {
                vertxCaller(pool, done, failures, stopped);
            }
        });
    }

    private static ExecutorService virtualThreads() {
        try {
            // Built with --release 17, which cannot name the JDK 21 method; run this contestant on JDK 21+.
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jdbc-virtual needs JDK 21 or later", e);
        }
    }

    private static volatile Object sink;

    private static void consume(Object a, Object b) {
        if (a == null || b == null) {
            sink = a;
        }
    }

    private static void record(AtomicLong failures, Throwable e) {
        if (failures.getAndIncrement() < 3) {
            System.err.println("select failed: " + e);
        }
    }
}
