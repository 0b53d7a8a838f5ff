package dev.jcoro.redis;

/**
 * The server cannot serve the command right now, though it may later: {@code LOADING} (still reading its
 * data set), {@code BUSY} (a script runs), {@code MASTERDOWN}, {@code TRYAGAIN}, {@code CLUSTERDOWN}, or
 * {@code READONLY} (a write sent to a replica). Retrying after a pause, or against the primary, may succeed.
 */
public class RedisUnavailableException extends RedisException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message
     */
    public RedisUnavailableException(String serverMessage) {
        super(serverMessage);
    }
}
