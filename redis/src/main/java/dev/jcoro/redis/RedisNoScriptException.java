package dev.jcoro.redis;

/** {@code NOSCRIPT}: {@code EVALSHA} named a script the server does not have; load it or use {@code EVAL}. */
public class RedisNoScriptException extends RedisException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message
     */
    public RedisNoScriptException(String serverMessage) {
        super(serverMessage);
    }
}
