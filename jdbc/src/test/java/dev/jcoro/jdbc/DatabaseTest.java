package dev.jcoro.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a real embedded H2 database, in memory, through a real HikariCP pool. */
@Timeout(120)
class DatabaseTest {
    private Database db;

    /** A fresh in-memory database with one table, on a pool of {@code poolSize}. */
    private Database open(int poolSize) throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        db = Database.fromUrl(url, "sa", "", poolSize);
        db.query(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(100))");
            }
        });
        return db;
    }

    @AfterEach
    void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    static int insert(java.sql.Connection c, int id, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO items (id, name) VALUES (?, ?)")) {
            s.setInt(1, id);
            s.setString(2, name);
            return s.executeUpdate();
        }
    }

    static int count(Database db) throws SQLException {
        return db.query(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM items")) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    static int activeConnections(Database db) {
        return ((HikariDataSource) db.dataSource()).getHikariPoolMXBean().getActiveConnections();
    }

    @Test
    void aTransactionCommitsWhatItsWorkDid() throws Exception {
        Database db = open(2);
        try (Scheduler s = Scheduler.create(1)) {
            int inserted = s.launch(() -> db.transaction(c -> insert(c, 1, "a") + insert(c, 2, "b"))).join();
            assertEquals(2, inserted);
            String names = s.launch(() -> db.query(c -> {
                try (Statement st = c.createStatement(); ResultSet r = st.executeQuery("SELECT name FROM items ORDER BY id")) {
                    StringBuilder b = new StringBuilder();
                    while (r.next()) {
                        b.append(r.getString(1));
                    }
                    return b.toString();
                }
            })).join();
            assertEquals("ab", names);
        }
    }

    @Test
    void aFailingTransactionRollsBackAndRethrowsTheSameSqlException() throws Exception {
        Database db = open(2);
        SQLException failure = new SQLException("refused by the test", "45000", 1234);
        try (Scheduler s = Scheduler.create(1)) {
            Task<SQLException> t = s.launch(() -> {
                try {
                    db.transaction(c -> {
                        insert(c, 1, "a");
                        throw failure;
                    });
                    return null;
                } catch (SQLException e) {    // typed: the caller catches SQLException, not Exception
                    return e;
                }
            });
            assertSame(failure, t.join());
            assertEquals(0, count(db));
        }
    }

    @Test
    void aRuntimeExceptionAlsoRollsBackAndComesOutUnchanged() throws Exception {
        Database db = open(2);
        IllegalStateException failure = new IllegalStateException("bug in the work");
        try (Scheduler s = Scheduler.create(1)) {
            Task<Integer> t = s.launch(() -> db.transaction(c -> {
                insert(c, 1, "a");
                throw failure;
            }));
            assertSame(failure, assertThrows(IllegalStateException.class, t::join));
            assertEquals(0, count(db));
            assertEquals(0, activeConnections(db));
        }
    }

    @Test
    void theDatabasesOwnErrorsComeThroughWithTheirCodes() throws Exception {
        Database db = open(1);
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> t = s.launch(() -> {
                try {
                    db.query(c -> insert(c, 1, "a") + insert(c, 1, "duplicate"));
                    return "no error";
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            assertEquals("23505", t.join());     // unique constraint violation
            assertEquals(1, count(db));          // auto-commit kept the first insert
        }
    }

    @Test
    void fiveHundredCoroutinesOnAPoolOfFourAllCompleteAndOnlyBlockingThreadsRunJdbc() throws Exception {
        Database db = open(4);
        Set<String> jdbcThreads = ConcurrentHashMap.newKeySet();
        Set<String> callerThreads = ConcurrentHashMap.newKeySet();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostConcurrent = new AtomicInteger();
        try (Scheduler s = Scheduler.create(2)) {
            List<Task<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int id = i;
                tasks.add(s.launch(() -> {
                    callerThreads.add(Thread.currentThread().getName());
                    return db.transaction(c -> {
                        mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                        try {
                            jdbcThreads.add(Thread.currentThread().getName());
                            mostActive.accumulateAndGet(activeConnections(db), Math::max);
                            return insert(c, id, "item " + id);
                        } finally {
                            concurrent.decrementAndGet();
                        }
                    });
                }));
            }
            int inserted = 0;
            for (Task<Integer> t : tasks) {
                inserted += t.join();
            }
            assertEquals(500, inserted);
        }
        assertEquals(500, count(db));
        assertTrue(mostActive.get() >= 1 && mostActive.get() <= 4, "active connections peaked at " + mostActive);
        for (String name : callerThreads) {
            assertTrue(name.contains("-loop-"), "the coroutines ran on " + new TreeSet<>(callerThreads));
        }
        for (String name : jdbcThreads) {
            assertTrue(name.contains("-blocking-") && !name.contains("-loop-"),
                    "JDBC ran on " + new TreeSet<>(jdbcThreads));
        }
        assertTrue(mostConcurrent.get() >= 1 && mostConcurrent.get() <= 4, "work ran " + mostConcurrent + " at once");
    }

    @Test
    void cancellingARunningTransactionRollsItBackAndReturnsTheConnection() throws Exception {
        Database db = open(1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        try (Scheduler s = Scheduler.create(1)) {
            Task<Integer> running = s.launch(() -> db.transaction(c -> {
                insert(c, 1, "abandoned");
                started.countDown();
                awaitUninterruptibly(proceed);     // a statement the coroutine cannot stop
                return 1;
            }));
            assertTrue(started.await(30, TimeUnit.SECONDS));
            Task<Integer> waiting = s.launch(() -> db.query(c -> insert(c, 2, "never")));   // waits for the only connection
            assertTrue(running.cancel());
            assertTrue(waiting.cancel());
            assertThrows(CancellationException.class, running::join);
            assertThrows(CancellationException.class, waiting::join);
            assertEquals(1, activeConnections(db));      // the work still runs, holding its connection
            proceed.countDown();
            // The pool of one serves again: the connection came back and the waiter's slot was released.
            int after = s.launch(() -> db.transaction(c -> insert(c, 3, "after"))).join();
            assertEquals(1, after);
            assertEquals(1, count(db));                  // only "after": the cancelled transaction rolled back
            assertEquals(0, activeConnections(db));
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void onAPlainThreadTheWorkRunsOnThatThread() throws Exception {
        Database db = open(1);
        assertEquals(Thread.currentThread().getName(), db.query(c -> Thread.currentThread().getName()));
    }

    @Test
    void aDataSourceTheCallerOwnsStaysOpen() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID());
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Database borrowed = Database.create(pool);
            assertEquals(7, (int) borrowed.query(c -> 7));
            borrowed.close();
            assertTrue(!pool.isClosed());
            assertThrows(IllegalStateException.class, () -> borrowed.query(c -> 1));
        }
    }

    @BeforeEach
    void noDatabaseYet() {
        db = null;
    }
}
