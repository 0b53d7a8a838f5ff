package dev.jcoro.redis;

/**
 * {@code EXECABORT}: {@code EXEC} discarded the transaction because a command queued in it was refused
 * (a syntax error, an unknown command). Nothing of the transaction ran.
 */
public class RedisExecAbortException extends RedisException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message
     */
    public RedisExecAbortException(String serverMessage) {
        super(serverMessage);
    }
}
