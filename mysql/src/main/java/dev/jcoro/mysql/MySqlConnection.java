package dev.jcoro.mysql;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.internal.Session;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A connection to a MySQL or MariaDB server whose calls suspend the calling coroutine instead of blocking
 * its thread. Outside a coroutine the same calls block, which suits tests and tools.
 *
 * <pre>{@code
 * try (MySqlConnection conn = MySqlConnection.connect(MySqlConnectOptions.parse("mysql://app:pw@127.0.0.1/shop"))) {
 *     conn.execute("INSERT INTO item (name, price) VALUES (?, ?)", "tea", new BigDecimal("3.50"));
 *     for (Row row : conn.query("SELECT name, price FROM item WHERE price < ?", 10).list()) {
 *         System.out.println(row.getString("name") + " " + row.getBigDecimal("price"));
 *     }
 * }
 * }</pre>
 *
 * <p>Statements without parameters go through the text protocol (COM_QUERY); statements with parameters
 * are prepared once per connection (a cache of {@link MySqlConnectOptions#preparedStatementCacheSize()}
 * statements) and executed in the binary protocol. Text is utf8mb4 both ways.
 *
 * <p>A connection runs one statement at a time and belongs to one coroutine at a time; a statement while a
 * {@link RowCursor} is still open, or from a second coroutine meanwhile, is refused with
 * {@link IllegalStateException}. To share connections, use a {@link MySqlPool}.
 *
 * <p>Errors: the server's errors are {@link MySqlException} (with the error code and SQLSTATE), and the
 * connection stays usable; a statement past its query timeout is {@link MySqlTimeoutException}, and the
 * connection stays usable; a broken connection or a protocol violation is an {@link IOException} and the
 * connection is closed.
 */
public final class MySqlConnection implements AutoCloseable {
    private final Session session;
    private final Releaser releaser;
    /** Set when a pooled connection goes back to its pool: this handle is then dead, the session lives on. */
    private volatile boolean released;

    /** What a pool does instead of closing when its connection is closed. */
    interface Releaser {
        @Suspendable
        void release(Session session);
    }

    private MySqlConnection(Session session, Releaser releaser) {
        this.session = session;
        this.releaser = releaser;
    }

    /**
     * Connects and logs in.
     *
     * @param options server, credentials, database, timeouts
     * @return the open connection
     * @throws MySqlException if the server refuses the login (1045 for a wrong password, 1049 for an unknown
     *     database)
     * @throws SQLException if authentication needs something this client cannot do
     * @throws IOException if the server cannot be reached, breaks the protocol, or the connect timeout passes
     */
    @Suspendable
    public static MySqlConnection connect(MySqlConnectOptions options) throws IOException, SQLException {
        return new MySqlConnection(Session.open(options), null);
    }

    /** A handle on a pooled session for one lease; closing it calls {@code releaser}. */
    static MySqlConnection lease(Session session, Releaser releaser) {
        return new MySqlConnection(session, releaser);
    }

    /** The session, unless this handle was given back to its pool. */
    Session session() {
        if (released) {
            throw new IllegalStateException("this connection was closed and returned to its pool; acquire another");
        }
        return session;
    }

    /**
     * Runs a statement and returns a cursor over its rows. Without parameters it is sent as text
     * (COM_QUERY); with parameters it is prepared (cached per connection) and executed in the binary
     * protocol. For a statement without rows the cursor is at its end and {@link RowCursor#result()} has
     * the affected rows.
     *
     * @param sql the statement, with a {@code ?} per parameter
     * @param parameters values for the placeholders (see {@link PreparedStatement} for the types)
     * @return the rows, read as the cursor advances
     * @throws IllegalArgumentException if the parameters do not match the placeholders
     * @throws IllegalStateException if the connection is busy with another statement or cursor
     * @throws MySqlException if the server fails the statement
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails (it is then closed)
     */
    @Suspendable
    public RowCursor query(String sql, Object... parameters) throws IOException, SQLException {
        if (parameters != null && parameters.length == 0) {
            return session().query(sql);
        }
        return session().cachedStatement(sql).query(parameters);
    }

    /**
     * Runs a statement for its effect: like {@link #query} but returns what the server reported, reading
     * and discarding any rows.
     *
     * @param sql the statement, with a {@code ?} per parameter
     * @param parameters values for the placeholders
     * @return affected rows, last insert id, warnings
     * @throws IllegalArgumentException if the parameters do not match the placeholders
     * @throws IllegalStateException if the connection is busy with another statement or cursor
     * @throws MySqlException if the server fails the statement
     * @throws MySqlTimeoutException if the query timeout passes
     * @throws IOException if the connection fails (it is then closed)
     */
    @Suspendable
    public QueryResult execute(String sql, Object... parameters) throws IOException, SQLException {
        RowCursor cursor = query(sql, parameters);
        cursor.close();
        return cursor.result();
    }

    /**
     * Prepares a statement that the caller owns and closes (the cache does not hold it).
     *
     * @param sql the statement with {@code ?} placeholders
     * @return the statement
     * @throws IllegalStateException if the connection is busy
     * @throws MySqlException if the server refuses the statement (a syntax error, an unknown table)
     * @throws IOException if the connection fails
     */
    @Suspendable
    public PreparedStatement prepare(String sql) throws IOException, SQLException {
        return session().prepare(sql, false);
    }

    /**
     * Starts a transaction ({@code START TRANSACTION}).
     *
     * @throws MySqlException if the server refuses
     * @throws IOException if the connection fails
     */
    @Suspendable
    public void begin() throws IOException, SQLException {
        session().query("START TRANSACTION").close();
    }

    /**
     * Commits the transaction.
     *
     * @throws MySqlException if the server refuses (a deadlock victim learns it here)
     * @throws IOException if the connection fails
     */
    @Suspendable
    public void commit() throws IOException, SQLException {
        session().query("COMMIT").close();
    }

    /**
     * Rolls the transaction back.
     *
     * @throws MySqlException if the server refuses
     * @throws IOException if the connection fails
     */
    @Suspendable
    public void rollback() throws IOException, SQLException {
        session().query("ROLLBACK").close();
    }

    /**
     * Runs {@code body} in a transaction: commits if it returns, rolls back if it throws anything (the
     * exception then comes out unchanged, with a failed rollback attached as suppressed). A cursor the body
     * left open is read to its end first.
     *
     * <pre>{@code
     * long orderId = conn.transaction(c -> {
     *     long id = c.execute("INSERT INTO orders (customer) VALUES (?)", customer).lastInsertId();
     *     c.execute("UPDATE stock SET count = count - 1 WHERE item = ?", item);
     *     return id;
     * });
     * }</pre>
     *
     * @param body the work
     * @param <T> what it returns
     * @return what {@code body} returned, once committed
     * @throws MySqlException if a statement or the commit fails
     * @throws IOException if the connection fails
     */
    @Suspendable
    public <T> T transaction(ConnectionFunction<T> body) throws IOException, SQLException {
        begin();
        T result;
        try {
            result = body.apply(this);
            session().closeOpenCursor();
        } catch (Throwable t) {
            if (session().isOpen()) {
                try {
                    session().closeOpenCursor();
                    rollback();
                } catch (Throwable r) {
                    t.addSuppressed(r);
                }
            }
            throw t;
        }
        commit();
        return result;
    }

    /**
     * Checks that the server answers (COM_PING).
     *
     * @throws MySqlException if the server answers with an error
     * @throws IOException if the connection is broken
     */
    @Suspendable
    public void ping() throws IOException, SQLException {
        session().ping();
    }

    /**
     * Sets the limit on each following statement, from sending it to reading its last row. Past it, the
     * client sends {@code KILL QUERY} on a second connection and the statement fails with
     * {@link MySqlTimeoutException}; the connection stays usable.
     *
     * @param timeout the limit; {@link Duration#ZERO} for none
     * @throws IllegalArgumentException if negative
     */
    public void queryTimeout(Duration timeout) {
        session().queryTimeout(timeout);
    }

    /**
     * The limit on each statement.
     *
     * @return the timeout; {@link Duration#ZERO} for none
     */
    public Duration queryTimeout() {
        return session().queryTimeout();
    }

    /**
     * The server's id of this connection, as {@code CONNECTION_ID()} returns and {@code KILL} takes.
     *
     * @return the connection id
     */
    public long connectionId() {
        return session.connectionId();
    }

    /**
     * The server's version, e.g. {@code 10.11.19-MariaDB-0+deb12u1} or {@code 8.4.3}.
     *
     * @return the version string from the handshake
     */
    public String serverVersion() {
        return session.serverVersion();
    }

    /**
     * Whether a transaction is open, as the server last reported.
     *
     * @return true inside a transaction
     */
    public boolean inTransaction() {
        return session().inTransaction();
    }

    /**
     * Whether the connection is open (not closed, not broken, not returned to its pool).
     *
     * @return false once closed, broken or returned
     */
    public boolean isOpen() {
        return !released && session.isOpen();
    }

    /**
     * Closes the connection (COM_QUIT, then the socket), or gives it back to its pool. Calling it again does
     * nothing.
     */
    @Override
    @Suspendable
    public void close() {
        if (releaser == null) {
            session.close();
        } else if (!released) {
            released = true;
            releaser.release(session);
        }
    }

    @Override
    public String toString() {
        return "MySqlConnection[" + session.options() + ", id " + session.connectionId()
                + (released ? ", returned to its pool" : session.isOpen() ? "" : ", closed") + "]";
    }
}
