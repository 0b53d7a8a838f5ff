package dev.jcoro.mysql;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Work done with a connection, for {@link MySqlConnection#transaction} and the pool's
 * {@link MySqlPool#withConnection} and {@link MySqlPool#transaction}. It may suspend.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface ConnectionFunction<T> {

    /**
     * Does the work.
     *
     * @param connection the connection to use; do not keep it after returning
     * @return the result
     * @throws IOException if the connection fails
     * @throws SQLException if a statement fails
     */
    @Suspendable
    T apply(MySqlConnection connection) throws IOException, SQLException;
}
