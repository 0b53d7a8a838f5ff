package dev.jcoro.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * JDBC work on one connection, run by {@link Database#query} or {@link Database#transaction} on a blocking
 * thread. It may throw {@link SQLException} (and unchecked exceptions), which reach the caller unchanged.
 *
 * <p>It runs on a thread of the offload pool, not in the coroutine: it must not suspend (no jcoro sockets,
 * sleeps or channels inside), and it should not keep the connection beyond its return.
 *
 * @param <T> the type of its result
 */
@FunctionalInterface
public interface JdbcFunction<T> {
    /**
     * Does the work.
     *
     * @param connection a pooled connection, lent for this call only
     * @return the result handed back to the coroutine
     * @throws SQLException if the database refuses something
     */
    T apply(Connection connection) throws SQLException;
}
