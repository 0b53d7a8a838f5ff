package dev.jcoro.mysql;

import java.sql.SQLException;

/**
 * An error the server reported (an ERR packet): a syntax error, a duplicate key, an unknown table, a
 * refused login. {@link #getErrorCode()} is the server's error number (1062 for a duplicate key),
 * {@link #getSQLState()} the SQLSTATE (23000), {@link #serverMessage()} the server's text. The
 * connection stays usable.
 */
public class MySqlException extends SQLException {
    private static final long serialVersionUID = 1L;
    private static final int SQL_QUOTE_LIMIT = 200;

    private final String serverMessage;
    private final String sql;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message
     * @param sqlState the five-character SQLSTATE
     * @param errorCode the server's error number
     * @param sql the statement that failed, or null (quoted, shortened, in the message)
     */
    public MySqlException(String serverMessage, String sqlState, int errorCode, String sql) {
        super(message(serverMessage, sqlState, errorCode, sql), sqlState, errorCode);
        this.serverMessage = serverMessage;
        this.sql = sql;
    }

    private static String message(String serverMessage, String sqlState, int errorCode, String sql) {
        String m = serverMessage + " [error " + errorCode + ", SQLSTATE " + sqlState + "]";
        if (sql != null) {
            m += " in: " + (sql.length() > SQL_QUOTE_LIMIT ? sql.substring(0, SQL_QUOTE_LIMIT) + "..." : sql);
        }
        return m;
    }

    /**
     * The server's message, without the code, state and statement this exception's message adds.
     *
     * @return the message as the server sent it
     */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * The statement that failed.
     *
     * @return the SQL text, or null if the error did not come from a statement (a login, a ping)
     */
    public String sql() {
        return sql;
    }
}
