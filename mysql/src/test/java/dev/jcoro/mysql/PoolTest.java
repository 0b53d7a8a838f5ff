package dev.jcoro.mysql;

import static dev.jcoro.mysql.testing.Suspending.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class PoolTest {

    @Test
    void fiveHundredCoroutinesShareTenConnections(MariaDbServer server) throws Exception {
        try (Scheduler scheduler = Scheduler.create(2)) {
            MySqlPool pool = MySqlPool.create(TestDb.options(server).build(), PoolOptions.defaults().withMaxSize(10));
            scheduler.launch(() -> {
                pool.execute("DROP TABLE IF EXISTS pool_hits");
                pool.execute("CREATE TABLE pool_hits (worker INT PRIMARY KEY, session BIGINT) ENGINE=InnoDB");
                return null;
            }).join();
            Set sessions = new Set();
            AtomicInteger maxLeased = new AtomicInteger();
            List<Task<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int worker = i;
                tasks.add(scheduler.launch(() -> pool.transaction(conn -> {
                    maxLeased.accumulateAndGet(pool.stats().leased(), Math::max);
                    long session = conn.query("SELECT CONNECTION_ID()").list().get(0).getLong(0);
                    conn.execute("INSERT INTO pool_hits VALUES (?, ?)", worker, session);
                    Coroutines.yieldNow();
                    return conn.query("SELECT session FROM pool_hits WHERE worker = ?", worker).list().get(0).getLong(0);
                })));
            }
            for (Task<Long> t : tasks) {
                sessions.add(t.join());
            }
            long rows = scheduler.launch(() -> pool.list("SELECT COUNT(*) FROM pool_hits").get(0).getLong(0)).join();
            assertEquals(500L, rows);
            assertTrue(sessions.size() <= 10, sessions.size() + " sessions were used");
            assertTrue(maxLeased.get() <= 10, "at most 10 leased, saw " + maxLeased.get());
            MySqlPool.Stats stats = pool.stats();
            assertEquals(0, stats.leased());
            assertEquals(0, stats.waiting());
            assertEquals(stats.total(), stats.idle());
            scheduler.launch(() -> {
                pool.close();
                return null;
            }).join();
            assertEquals(0, pool.stats().total());
        }
    }

    /** A thread-safe set of session ids. */
    private static final class Set {
        private final java.util.Set<Long> ids = ConcurrentHashMap.newKeySet();

        void add(long id) {
            ids.add(id);
        }

        int size() {
            return ids.size();
        }
    }

    @Test
    void waitersAreServedFirstComeFirstServedAndTimeOut(MariaDbServer server) throws Exception {
        Coroutines.run(() -> {
            MySqlPool pool = MySqlPool.create(TestDb.options(server).build(),
                    PoolOptions.defaults().withMaxSize(1).withAcquireTimeout(Duration.ofMillis(300)));
            MySqlConnection only = pool.acquire();
            List<Integer> order = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Task<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int n = i;
                waiters.add(Coroutines.launch(() -> {
                    try (MySqlConnection c = pool.acquire()) {
                        order.add(n);
                        c.ping();
                    }
                    return null;
                }));
                // Launched coroutines may start on another loop: let each join the line before the next.
                while (pool.stats().waiting() < n + 1) {
                    Coroutines.sleep(Duration.ofMillis(1));
                }
            }
            assertEquals(5, pool.stats().waiting());
            only.close();
            for (Task<Void> w : waiters) {
                w.join();
            }
            assertEquals(List.of(0, 1, 2, 3, 4), order);

            MySqlConnection held = pool.acquire();
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, pool::acquire);
            assertTrue(e.getMessage().contains("within 300 ms"), e.getMessage());
            assertEquals(0, pool.stats().waiting(), "the timed-out waiter left the line");
            held.close();
            pool.close();
            return null;
        });
    }

    @Test
    void aConnectionGivenBackDirtyIsCleanedAndAHandleCannotBeUsedAfterClose(MariaDbServer server) throws Exception {
        Coroutines.run(() -> {
            MySqlPool pool = MySqlPool.create(TestDb.options(server).build(), PoolOptions.defaults().withMaxSize(1));
            pool.execute("DROP TABLE IF EXISTS pool_dirty");
            pool.execute("CREATE TABLE pool_dirty (id INT PRIMARY KEY) ENGINE=InnoDB");
            MySqlConnection c = pool.acquire();
            c.begin();
            c.execute("INSERT INTO pool_dirty VALUES (1)");
            c.query("SELECT seq FROM seq_1_to_1000").next();
            c.queryTimeout(Duration.ofSeconds(3));
            c.close();
            assertFalse(c.isOpen());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.query("SELECT 1"));
            assertTrue(e.getMessage().contains("returned to its pool"), e.getMessage());
            try (MySqlConnection again = pool.acquire()) {
                assertFalse(again.inTransaction());
                assertEquals(Duration.ZERO, again.queryTimeout());
                assertEquals(0L, again.query("SELECT COUNT(*) FROM pool_dirty").list().get(0).getLong(0));
            }
            pool.close();
            return null;
        });
    }

    @Test
    void aBrokenConnectionIsDiscardedAndReplaced(MariaDbServer server) throws Exception {
        Coroutines.run(() -> {
            MySqlPool pool = MySqlPool.create(TestDb.options(server).build(),
                    PoolOptions.defaults().withMaxSize(2).withValidationInterval(Duration.ZERO));
            long first;
            try (MySqlConnection c = pool.acquire()) {
                first = c.connectionId();
            }
            try (MySqlConnection killer = MySqlConnection.connect(TestDb.options(server).build())) {
                killer.execute("KILL CONNECTION " + first);
            }
            try (MySqlConnection c = pool.acquire()) {
                assertNotEquals(first, c.connectionId(), "the killed session was not handed out");
                c.ping();
            }
            assertEquals(1, pool.stats().total());
            pool.close();
            return null;
        });
    }

    @Test
    void idleConnectionsPastTheIdleTimeoutAreClosed(MariaDbServer server) throws Exception {
        Coroutines.run(() -> {
            MySqlPool pool = MySqlPool.create(TestDb.options(server).build(),
                    PoolOptions.defaults().withMaxSize(3).withIdleTimeout(Duration.ofMillis(100)));
            MySqlConnection a = pool.acquire();
            MySqlConnection b = pool.acquire();
            a.close();
            b.close();
            assertEquals(2, pool.stats().idle());
            Coroutines.sleep(Duration.ofMillis(200));
            try (MySqlConnection c = pool.acquire()) {
                c.ping();
                assertEquals(1, pool.stats().total(), "the two expired connections were closed, one new opened");
            }
            pool.close();
            return null;
        });
    }

    @Test
    void aClosedPoolRefusesAndFailsItsWaiters(MariaDbServer server) throws Exception {
        Coroutines.run(() -> {
            MySqlPool pool = MySqlPool.create(TestDb.options(server).build(), PoolOptions.defaults().withMaxSize(1));
            MySqlConnection held = pool.acquire();
            Task<MySqlConnection> waiter = Coroutines.launch(pool::acquire);
            Coroutines.sleep(Duration.ofMillis(20));
            pool.close();
            java.sql.SQLNonTransientConnectionException e = assertThrows(java.sql.SQLNonTransientConnectionException.class,
                    waiter::join);
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(java.sql.SQLNonTransientConnectionException.class, pool::acquire);
            held.close();
            assertEquals(0, pool.stats().total(), "the borrowed connection was closed when it came back");
            return null;
        });
    }
}
