package dev.jcoro.mysql;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * A statement prepared on the server (COM_STMT_PREPARE), executed any number of times with parameters
 * bound to its {@code ?} placeholders; results come in the binary protocol. Belongs to the connection that
 * prepared it. {@link MySqlConnection#query(String, Object...)} keeps such statements in a per-connection
 * cache, so most code never needs this type; use it to hold a statement explicitly.
 *
 * <pre>{@code
 * try (PreparedStatement insert = conn.prepare("INSERT INTO point (x, y) VALUES (?, ?)")) {
 *     for (Point p : points) {
 *         insert.execute(p.x(), p.y());
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters: String, Integer, Long, Short, Byte, Boolean, Double, Float, BigDecimal, BigInteger,
 * byte[], ByteBuffer, LocalDate, LocalDateTime, LocalTime, Duration (TIME), UUID and enums (as text), null.
 */
public interface PreparedStatement extends AutoCloseable {

    /**
     * The statement's SQL.
     *
     * @return the text given to prepare
     */
    String sql();

    /**
     * How many {@code ?} placeholders the statement has.
     *
     * @return the number of parameters each execution needs
     */
    int parameterCount();

    /**
     * The columns of the rows it returns, as the server described them when preparing.
     *
     * @return the columns; empty for a statement that returns no rows
     */
    List<Column> columns();

    /**
     * Executes the statement and returns its rows as a cursor.
     *
     * @param parameters one value per placeholder
     * @return the rows, read as the cursor advances
     * @throws IllegalArgumentException if the number of parameters is wrong or one has no MySQL type
     * @throws IllegalStateException if the statement is closed or the connection is busy
     * @throws MySqlException if the server fails the statement
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails
     */
    @Suspendable
    RowCursor query(Object... parameters) throws IOException, SQLException;

    /**
     * Executes the statement and returns what it changed; rows it returns are read and discarded.
     *
     * @param parameters one value per placeholder
     * @return affected rows, last insert id, warnings
     * @throws IllegalArgumentException if the number of parameters is wrong or one has no MySQL type
     * @throws IllegalStateException if the statement is closed or the connection is busy
     * @throws MySqlException if the server fails the statement
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails
     */
    @Suspendable
    QueryResult execute(Object... parameters) throws IOException, SQLException;

    /**
     * Frees the statement on the server (COM_STMT_CLOSE, which has no reply: it is sent now if the
     * connection is idle, else before its next command). Calling it again does nothing.
     *
     * @throws IOException if the connection fails while sending it
     */
    @Override
    @Suspendable
    void close() throws IOException;
}
