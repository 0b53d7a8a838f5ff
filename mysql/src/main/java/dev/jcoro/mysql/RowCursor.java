package dev.jcoro.mysql;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The rows of one statement, read from the connection one at a time as the caller asks for them, so a
 * result of any size takes the memory of one row (and the socket's buffer). Until the cursor reaches the
 * end or is closed, the connection is busy: another statement on it is refused.
 *
 * <pre>{@code
 * try (RowCursor rows = conn.query("SELECT id, total FROM orders")) {
 *     while (rows.next()) {
 *         Row row = rows.row();
 *         process(row.getLong(0), row.getBigDecimal(1));
 *     }
 * }
 * }</pre>
 *
 * <p>Use it from the coroutine that opened it. A plain {@code for}-each is not offered on purpose: an
 * {@link java.util.Iterator} cannot suspend.
 */
public interface RowCursor extends AutoCloseable {

    /**
     * The result's columns; empty for a statement that returns no rows.
     *
     * @return the columns, unmodifiable
     */
    List<Column> columns();

    /**
     * Moves to the next row, suspending until it arrives.
     *
     * @return true if there is a row ({@link #row()}), false at the end
     * @throws MySqlException if the server fails the statement while sending rows
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails (it is then closed)
     */
    @Suspendable
    boolean next() throws IOException, SQLException;

    /**
     * The current row.
     *
     * @return the row {@link #next()} moved to
     * @throws IllegalStateException before the first {@code next()} or after the end
     */
    Row row();

    /**
     * Reads the remaining rows into a list. Convenient for small results; it holds them all in memory.
     *
     * @return the rows not yet read
     * @throws MySqlException if the server fails the statement
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails
     */
    @Suspendable
    List<Row> list() throws IOException, SQLException;

    /**
     * What the server reported at the end: affected rows, last insert id, warnings.
     *
     * @return the statement's result
     * @throws IllegalStateException if the cursor has not reached the end
     */
    QueryResult result();

    /**
     * Reads and discards the rows not yet read, which frees the connection for the next statement. Calling
     * it again does nothing.
     *
     * @throws MySqlException if the server fails the statement meanwhile
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails
     */
    @Override
    @Suspendable
    void close() throws IOException, SQLException;
}
