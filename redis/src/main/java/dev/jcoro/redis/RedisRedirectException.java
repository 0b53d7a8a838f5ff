package dev.jcoro.redis;

/**
 * {@code MOVED} or {@code ASK} from a Redis Cluster node: the key's hash slot is served by another node.
 * This client talks to one server and does not follow redirections; the exception says where to go.
 */
public class RedisRedirectException extends RedisException {
    private static final long serialVersionUID = 1L;

    private final int slot;
    private final String host;
    private final int port;

    /**
     * Creates the exception.
     *
     * @param serverMessage the server's message, such as {@code MOVED 3999 127.0.0.1:6381}
     * @param slot the hash slot, or -1 if the message does not name one
     * @param host the node that serves it, or null if the message does not name one
     * @param port the node's port, or -1
     */
    public RedisRedirectException(String serverMessage, int slot, String host, int port) {
        super(serverMessage);
        this.slot = slot;
        this.host = host;
        this.port = port;
    }

    static RedisRedirectException parse(String message) {
        String[] words = message.split(" ");
        int slot = -1;
        String host = null;
        int port = -1;
        if (words.length == 3) {
            int colon = words[2].lastIndexOf(':');
            try {
                slot = Integer.parseInt(words[1]);
                if (colon > 0) {
                    host = words[2].substring(0, colon);
                    port = Integer.parseInt(words[2].substring(colon + 1));
                }
            } catch (NumberFormatException e) {
                slot = -1;
                host = null;
                port = -1;
            }
        }
        return new RedisRedirectException(message, slot, host, port);
    }

    /**
     * Tells whether this is a one-time {@code ASK} redirection (during a slot migration) rather than a
     * permanent {@code MOVED}.
     *
     * @return true for {@code ASK}
     */
    public boolean isAsk() {
        return "ASK".equals(prefix());
    }

    /**
     * The hash slot of the key.
     *
     * @return the slot, or -1 if the message did not name one
     */
    public int slot() {
        return slot;
    }

    /**
     * The node that serves the slot.
     *
     * @return its host, or null if the message did not name one
     */
    public String host() {
        return host;
    }

    /**
     * The port of the node that serves the slot.
     *
     * @return the port, or -1 if the message did not name one
     */
    public int port() {
        return port;
    }
}
