package dev.jcoro.mysql;

import java.sql.SQLTimeoutException;

/**
 * A statement ran past its query timeout. The client sent {@code KILL QUERY} on a second connection, read
 * what the server sent until the statement ended, and kept the connection usable; the statement's effects
 * are rolled back as far as the server rolls back an interrupted statement (fully for InnoDB inside a
 * transaction; a statement outside one may have changed some rows of a non-transactional table).
 */
public class MySqlTimeoutException extends SQLTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what timed out and after how long
     */
    public MySqlTimeoutException(String message) {
        super(message, "70100");
    }
}
