package dev.jcoro.redis;

/**
 * An error reply from the server: the command reached Redis and Redis refused it. The connection stays
 * usable. {@link #getMessage()} is the server's whole message; {@link #prefix()} its first word, which
 * names the kind of error. Kinds a program usually handles differently have their own subclass:
 * {@link RedisWrongTypeException}, {@link RedisRedirectException}, {@link RedisAuthException},
 * {@link RedisUnavailableException}, {@link RedisNoScriptException}, {@link RedisExecAbortException}.
 *
 * <pre>{@code
 * try {
 *     client.incr("name");
 * } catch (RedisException e) {
 *     log.warn("{} refused: {}", e.prefix(), e.getMessage());   // ERR value is not an integer...
 * }
 * }</pre>
 *
 * <p>Unchecked, because a refused command is a fault of the program or the data, rarely a condition to
 * recover from at each call; connection failures are {@link java.io.IOException}s instead.
 */
public class RedisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String prefix;

    /**
     * Creates the exception for the server's error message.
     *
     * @param serverMessage the message as the server sent it, prefix included
     */
    public RedisException(String serverMessage) {
        super(serverMessage);
        this.prefix = prefixOf(serverMessage);
    }

    /**
     * The upper-case word that starts the server's message: {@code ERR}, {@code WRONGTYPE}, {@code MOVED},
     * {@code NOAUTH}...
     *
     * @return the prefix, or an empty string if the message does not start with one
     */
    public String prefix() {
        return prefix;
    }

    /**
     * The exception for a server error message: the subclass that matches its prefix, else a plain
     * {@code RedisException}.
     *
     * @param serverMessage the message as the server sent it
     * @return the exception, not thrown
     */
    public static RedisException of(String serverMessage) {
        switch (prefixOf(serverMessage)) {
            case "WRONGTYPE":
                return new RedisWrongTypeException(serverMessage);
            case "MOVED":
            case "ASK":
                return RedisRedirectException.parse(serverMessage);
            case "NOAUTH":
            case "WRONGPASS":
            case "NOPERM":
                return new RedisAuthException(serverMessage);
            case "LOADING":
            case "BUSY":
            case "MASTERDOWN":
            case "TRYAGAIN":
            case "CLUSTERDOWN":
            case "READONLY":
                return new RedisUnavailableException(serverMessage);
            case "NOSCRIPT":
                return new RedisNoScriptException(serverMessage);
            case "EXECABORT":
                return new RedisExecAbortException(serverMessage);
            default:
                return new RedisException(serverMessage);
        }
    }

    /** The first word of {@code message} when it is all upper-case letters, as Redis writes its prefixes. */
    static String prefixOf(String message) {
        int end = 0;
        while (end < message.length() && message.charAt(end) >= 'A' && message.charAt(end) <= 'Z') {
            end++;
        }
        boolean wordEnds = end == message.length() || message.charAt(end) == ' ';
        return end > 0 && wordEnds ? message.substring(0, end) : "";
    }
}
