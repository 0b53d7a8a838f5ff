package dev.jcoro.redis;

import java.net.SocketTimeoutException;

/**
 * No reply came within the command timeout ({@link RedisOptions.Builder#commandTimeout}). The client then
 * closes the connection, failing every other command in flight on it, and the next command reconnects:
 * replies on one connection come back in the order the commands were sent, so every command behind a late
 * one is late too, and keeping the connection would only make them wait for a server that has stopped
 * answering. Whether the server executed the command is unknown.
 */
public class RedisTimeoutException extends SocketTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which command timed out, after how long, and on which server
     */
    public RedisTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception for the caller of a command, keeping the one the connection failed with as its
     * cause.
     *
     * @param message which command timed out, after how long, and on which server
     * @param cause the exception raised where the timeout was detected
     */
    public RedisTimeoutException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
