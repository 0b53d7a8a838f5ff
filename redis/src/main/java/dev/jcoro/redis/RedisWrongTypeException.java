package dev.jcoro.redis;

/**
 * {@code WRONGTYPE}: the command does not apply to the type of value the key holds (a list command on a
 * string, say).
 */
public class RedisWrongTypeException extends RedisException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message
     */
    public RedisWrongTypeException(String serverMessage) {
        super(serverMessage);
    }
}
