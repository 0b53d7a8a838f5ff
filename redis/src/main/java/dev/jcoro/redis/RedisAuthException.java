package dev.jcoro.redis;

/**
 * {@code NOAUTH}, {@code WRONGPASS} or {@code NOPERM}: the connection is not authenticated, the user name
 * or password is wrong, or the user's ACL does not allow the command or key. Check the credentials in the
 * URI ({@code redis://user:password@host:port}) and the user's ACL.
 */
public class RedisAuthException extends RedisException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message
     */
    public RedisAuthException(String serverMessage) {
        super(serverMessage);
    }
}
