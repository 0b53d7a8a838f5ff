package dev.jcoro.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.jcoro.mysql.testing.Suspending.assertThrows;

import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class StatementsTest {

    @dev.jcoro.Suspendable
    private static long sessionStatus(MySqlConnection conn, String name) throws IOException, SQLException {
        return conn.query("SHOW SESSION STATUS LIKE '" + name + "'").list().get(0).getLong(1);
    }

    @Test
    void insertsReportAffectedRowsAndTheFirstGeneratedId(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("CREATE TEMPORARY TABLE t_ids (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)");
            QueryResult one = conn.execute("INSERT INTO t_ids (v) VALUES (?)", 10);
            assertEquals(1, one.affectedRows());
            assertEquals(1, one.lastInsertId());
            QueryResult three = conn.execute("INSERT INTO t_ids (v) VALUES (20), (30), (40)");
            assertEquals(3, three.affectedRows());
            assertEquals(2, three.lastInsertId());
            QueryResult update = conn.execute("UPDATE t_ids SET v = 30 WHERE v >= ?", 30);
            assertEquals(1, update.affectedRows(), "rows matched but unchanged are not counted");
            RowCursor delete = conn.query("DELETE FROM t_ids WHERE v < 25");
            assertTrue(delete.columns().isEmpty());
            assertEquals(false, delete.next());
            assertEquals(2, delete.result().affectedRows());
            return null;
        });
    }

    @Test
    void warningsAreCounted(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            RowCursor c = conn.query("SELECT 1 / 0, CAST('x' AS SIGNED)");
            c.list();
            assertEquals(2, c.result().warnings());
            conn.execute("CREATE TEMPORARY TABLE t_warn (id INT PRIMARY KEY)");
            conn.execute("INSERT INTO t_warn VALUES (1)");
            assertEquals(1, conn.execute("INSERT IGNORE INTO t_warn VALUES (?)", 1).warnings());
            return null;
        });
    }

    @Test
    void serverErrorsCarryCodeStateMessageAndStatementAndLeaveTheConnectionUsable(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            MySqlException syntax = assertThrows(MySqlException.class, () -> conn.query("SELEC 1"));
            assertEquals(1064, syntax.getErrorCode());
            assertEquals("42000", syntax.getSQLState());
            assertEquals("SELEC 1", syntax.sql());
            assertTrue(syntax.getMessage().contains("[error 1064, SQLSTATE 42000] in: SELEC 1"), syntax.getMessage());

            MySqlException table = assertThrows(MySqlException.class, () -> conn.query("SELECT * FROM no_such_table"));
            assertEquals(1146, table.getErrorCode());
            assertEquals("42S02", table.getSQLState());

            conn.execute("CREATE TEMPORARY TABLE t_dup (id INT PRIMARY KEY)");
            conn.execute("INSERT INTO t_dup VALUES (?)", 1);
            MySqlException dup = assertThrows(MySqlException.class, () -> conn.execute("INSERT INTO t_dup VALUES (?)", 1));
            assertEquals(1062, dup.getErrorCode());
            assertEquals("23000", dup.getSQLState());
            assertTrue(dup.serverMessage().startsWith("Duplicate entry '1'"), dup.serverMessage());

            MySqlException prepare = assertThrows(MySqlException.class, () -> conn.prepare("SELEC ?"));
            assertEquals(1064, prepare.getErrorCode());

            MySqlException midStream = assertThrows(MySqlException.class,
                    () -> conn.query("SELECT IF(seq < 500, seq, (SELECT seq FROM seq_1_to_2)) FROM seq_1_to_1000").list());
            assertEquals(1242, midStream.getErrorCode(), "subquery returns more than 1 row");

            assertEquals(1L, conn.query("SELECT 1").list().get(0).getLong(0));
            assertTrue(conn.isOpen());
            return null;
        });
    }

    @Test
    void aSecondStatementWhileACursorIsOpenIsRefusedUntilItCloses(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            RowCursor open = conn.query("SELECT seq FROM seq_1_to_1000");
            assertTrue(open.next());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> conn.query("SELECT 2"));
            assertTrue(e.getMessage().contains("still reading the rows of 'SELECT seq FROM seq_1_to_1000'"), e.getMessage());
            open.close();
            assertThrows(IllegalStateException.class, open::row);
            assertEquals(2L, conn.query("SELECT 2").list().get(0).getLong(0));
            return null;
        });
    }

    @Test
    void parameterisedStatementsArePreparedOncePerConnection(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            long before = sessionStatus(conn, "Com_stmt_prepare");
            for (int i = 0; i < 20; i++) {
                assertEquals((long) i, conn.query("SELECT ? + 0", i).list().get(0).getLong(0));
            }
            assertEquals(before + 1, sessionStatus(conn, "Com_stmt_prepare"));
            return null;
        });
    }

    @Test
    void theCacheFreesWhatItEvicts(MariaDbServer server) throws Exception {
        dev.jcoro.Coroutines.run(() -> {
            try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server).preparedStatementCacheSize(2).build())) {
                long prepared = sessionStatus(conn, "Com_stmt_prepare");
                long closed = sessionStatus(conn, "Com_stmt_close");
                for (int round = 0; round < 3; round++) {
                    for (int s = 0; s < 3; s++) {
                        conn.query("SELECT ? + " + s, round).list();
                    }
                }
                // Three statements cycling through two slots: every use misses, every miss past the second evicts.
                assertEquals(prepared + 9, sessionStatus(conn, "Com_stmt_prepare"));
                assertEquals(closed + 7, sessionStatus(conn, "Com_stmt_close"));
            }
            return null;
        });
    }

    @Test
    void anExplicitStatementRunsManyTimesAndIsFreedOnClose(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("CREATE TEMPORARY TABLE t_ps (a INT, b VARCHAR(10))");
            long closed = sessionStatus(conn, "Com_stmt_close");
            try (PreparedStatement insert = conn.prepare("INSERT INTO t_ps VALUES (?, ?)")) {
                assertEquals(2, insert.parameterCount());
                assertTrue(insert.columns().isEmpty());
                for (int i = 0; i < 5; i++) {
                    assertEquals(1, insert.execute(i, "v" + i).affectedRows());
                }
            }
            assertEquals(closed + 1, sessionStatus(conn, "Com_stmt_close"));
            PreparedStatement select = conn.prepare("SELECT a, b FROM t_ps WHERE a >= ? ORDER BY a");
            assertEquals(List.of("a", "b"), select.columns().stream().map(Column::name).toList());
            List<Row> rows = select.query(3).list();
            assertEquals(2, rows.size());
            assertEquals("v4", rows.get(1).getString("B"));
            select.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> select.query(1));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            return null;
        });
    }

    @Test
    void aProcedureWithSeveralResultsYieldsTheFirstAndDrainsTheRest(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP PROCEDURE IF EXISTS two_results");
            conn.execute("CREATE PROCEDURE two_results() BEGIN SELECT 1 AS a; SELECT 2 AS b, 3 AS c; END");
            RowCursor c = conn.query("CALL two_results()");
            List<Row> rows = c.list();
            assertEquals(1, rows.size());
            assertEquals(1L, rows.get(0).getLong("a"));
            assertEquals(7L, conn.query("SELECT 7").list().get(0).getLong(0));
            return null;
        });
    }
}
