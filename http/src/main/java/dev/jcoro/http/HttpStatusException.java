package dev.jcoro.http;

import java.io.IOException;

/**
 * A request that the server answers with an error status instead of handing it on: malformed syntax
 * (400), a body over the limit (413), a header section too large (431), a stalled body (408), and so on.
 * The server throws it from request-body reads so that a handler's code stops there; a handler may also
 * throw it to answer with that status. Uncaught, the server sends {@link #status()} with the message as a
 * plain-text body (if the response has not started) and, when {@link #closesConnection()}, closes the
 * connection afterwards.
 *
 * <pre>{@code
 * if (!authorized(request)) throw new HttpStatusException(401, "missing or unknown token");
 * }</pre>
 */
public class HttpStatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean closesConnection;

    /**
     * An error answered with {@code status}, after which the connection stays usable.
     *
     * @param status the response status, 400 to 599
     * @param message what was wrong, sent to the client as the body
     * @throws IllegalArgumentException if {@code status} is not an error status
     */
    public HttpStatusException(int status, String message) {
        this(status, message, false);
    }

    /**
     * An error answered with {@code status}.
     *
     * @param status the response status, 400 to 599
     * @param message what was wrong, sent to the client as the body
     * @param closesConnection whether the connection must close afterwards (the request's framing can no
     *     longer be trusted, or its body was not read)
     * @throws IllegalArgumentException if {@code status} is not an error status
     */
    public HttpStatusException(int status, String message, boolean closesConnection) {
        super(status + " " + message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.closesConnection = closesConnection;
    }

    /**
     * The status the server answers with.
     *
     * @return 400 to 599
     */
    public int status() {
        return status;
    }

    /**
     * Whether the server closes the connection after answering.
     *
     * @return true if it does
     */
    public boolean closesConnection() {
        return closesConnection;
    }

    /**
     * The message without the status in front.
     *
     * @return what was wrong
     */
    public String reason() {
        String m = getMessage();
        return m.substring(m.indexOf(' ') + 1);
    }
}
