package dev.jcoro.redis;

import java.io.IOException;

/**
 * The connection to the server failed, so the command's fate is unknown: the server could not be reached,
 * closed the connection, sent malformed data, a command before this one timed out, or the client was
 * closed. The message names the server; the cause says what happened. The next command opens a new
 * connection.
 */
public class RedisConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the server
     * @param cause what the connection failed with, or null
     */
    public RedisConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
