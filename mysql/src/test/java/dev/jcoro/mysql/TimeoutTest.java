package dev.jcoro.mysql;

import static dev.jcoro.mysql.testing.Suspending.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class TimeoutTest {

    @Test
    void aSlowQueryIsKilledOnTheServerAndTheConnectionStaysUsable(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.queryTimeout(Duration.ofMillis(300));
            long start = System.nanoTime();
            MySqlTimeoutException e = assertThrows(MySqlTimeoutException.class,
                    () -> conn.query("SELECT SLEEP(20)").list());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 10_000, "the timeout took " + tookMs + " ms to surface");
            assertTrue(e.getMessage().contains("query timeout of 300 ms") && e.getMessage().contains("KILL QUERY "
                    + conn.connectionId()) && e.getMessage().contains("SELECT SLEEP(20)"), e.getMessage());
            assertEquals("70100", e.getSQLState());
            assertTrue(conn.isOpen());
            conn.queryTimeout(Duration.ZERO);
            assertEquals(5L, conn.query("SELECT 5").list().get(0).getLong(0));
            assertEquals(conn.connectionId(), conn.query("SELECT CONNECTION_ID()").list().get(0).getLong(0),
                    "the same session, not a reconnect");
            return null;
        });
    }

    @Test
    void aStatementBlockedOnALockIsInterruptedWithTheServersError(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, holder -> {
            holder.execute("DROP TABLE IF EXISTS lock_me");
            holder.execute("CREATE TABLE lock_me (id INT PRIMARY KEY, v INT) ENGINE=InnoDB");
            holder.execute("INSERT INTO lock_me VALUES (1, 0)");
            holder.begin();
            holder.execute("SELECT * FROM lock_me WHERE id = 1 FOR UPDATE");
            try (MySqlConnection waiter = MySqlConnection.connect(TestDb.options(server)
                    .queryTimeout(Duration.ofMillis(300)).build())) {
                MySqlTimeoutException e = assertThrows(MySqlTimeoutException.class,
                        () -> waiter.execute("UPDATE lock_me SET v = ? WHERE id = 1", 1));
                assertTrue(e.getCause() instanceof MySqlException, "the server's interruption error is the cause: " + e);
                assertEquals(1317, ((MySqlException) e.getCause()).getErrorCode());
                assertTrue(e.getMessage().contains("the server stopped it"), e.getMessage());
                holder.rollback();
                assertEquals(1L, waiter.execute("UPDATE lock_me SET v = ? WHERE id = 1", 2).affectedRows());
            }
            return null;
        });
    }

    @Test
    void theTimeoutAlsoBoundsPreparedStatementsAndTheDefaultComesFromTheOptions(MariaDbServer server) throws Exception {
        dev.jcoro.Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server)
                    .queryTimeout(Duration.ofMillis(200)).build())) {
                assertEquals(Duration.ofMillis(200), conn.queryTimeout());
                assertThrows(MySqlTimeoutException.class, () -> conn.query("SELECT SLEEP(?)", 20).list());
                assertEquals(1L, conn.query("SELECT SLEEP(?)", 0).list().get(0).getLong(0) + 1);
            }
            return null;
        });
    }
}
