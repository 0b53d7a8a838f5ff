package dev.jcoro.mysql;

import static dev.jcoro.mysql.testing.Suspending.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class TransactionTest {

    @Suspendable
    private static long count(MySqlConnection conn, String table) throws IOException, SQLException {
        return conn.query("SELECT COUNT(*) FROM " + table).list().get(0).getLong(0);
    }

    @Test
    void aTransactionCommitsWhenTheBodyReturns(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP TABLE IF EXISTS tx_commit");
            conn.execute("CREATE TABLE tx_commit (id INT PRIMARY KEY) ENGINE=InnoDB");
            long id = conn.transaction(c -> {
                assertTrue(c.inTransaction());
                c.execute("INSERT INTO tx_commit VALUES (?)", 1);
                c.execute("INSERT INTO tx_commit VALUES (?)", 2);
                return 2L;
            });
            assertEquals(2L, id);
            assertFalse(conn.inTransaction());
            try (MySqlConnection other = MySqlConnection.connect(TestDb.options(server).build())) {
                assertEquals(2L, count(other, "tx_commit"), "committed rows are visible to another connection");
            }
            return null;
        });
    }

    @Test
    void aServerErrorRollsBackEverythingAndComesOutUnchanged(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP TABLE IF EXISTS tx_fail");
            conn.execute("CREATE TABLE tx_fail (id INT PRIMARY KEY) ENGINE=InnoDB");
            MySqlException e = assertThrows(MySqlException.class, () -> conn.transaction(c -> {
                c.execute("INSERT INTO tx_fail VALUES (?)", 1);
                c.execute("INSERT INTO tx_fail VALUES (?)", 2);
                c.execute("INSERT INTO tx_fail VALUES (?)", 1);
                return null;
            }));
            assertEquals(1062, e.getErrorCode());
            assertEquals(0, e.getSuppressed().length);
            assertFalse(conn.inTransaction());
            assertEquals(0L, count(conn, "tx_fail"));
            return null;
        });
    }

    @Test
    void anyExceptionRollsBackAndTheSameObjectComesOut(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP TABLE IF EXISTS tx_runtime");
            conn.execute("CREATE TABLE tx_runtime (id INT PRIMARY KEY) ENGINE=InnoDB");
            IllegalStateException boom = new IllegalStateException("business rule broken");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> conn.transaction(c -> {
                c.execute("INSERT INTO tx_runtime VALUES (?)", 1);
                c.query("SELECT seq FROM seq_1_to_1000").next();   // left open: rollback must drain it first
                throw boom;
            }));
            assertSame(boom, e);
            assertEquals(0L, count(conn, "tx_runtime"));
            return null;
        });
    }

    @Test
    void explicitBeginCommitAndRollback(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP TABLE IF EXISTS tx_explicit");
            conn.execute("CREATE TABLE tx_explicit (id INT PRIMARY KEY) ENGINE=InnoDB");
            conn.begin();
            conn.execute("INSERT INTO tx_explicit VALUES (1)");
            conn.rollback();
            conn.begin();
            conn.execute("INSERT INTO tx_explicit VALUES (2)");
            assertTrue(conn.inTransaction());
            conn.commit();
            assertEquals(2L, conn.query("SELECT id FROM tx_explicit").list().get(0).getLong(0));
            assertEquals(1L, count(conn, "tx_explicit"));
            return null;
        });
    }
}
