package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyReader;
import dev.jcoro.http.HttpStatusException;
import dev.jcoro.net.StreamSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The protocol state of one request–response pair on a connection: whether the client wants the
 * connection kept, whether it waits for {@code 100 Continue}, how much of the body has been read, and the
 * response (replaced by an error response when the handler fails before starting it).
 */
final class Exchange {
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerConnection connection;
    private final String method;
    private final int versionMinor;
    private final boolean keepAliveRequested;
    private final BodyReader body;
    private final boolean expectContinue;
    private final long maxDiscard;
    private boolean continueSent;
    private boolean forceClose;
    private boolean writeFailed;
    private ServerResponse response;

    Exchange(ServerConnection connection, String method, int versionMinor, boolean keepAliveRequested, BodyReader body,
            boolean expectContinue, long maxDiscard) {
        this.connection = connection;
        this.method = method;
        this.versionMinor = versionMinor;
        this.keepAliveRequested = keepAliveRequested;
        this.body = body;
        this.expectContinue = expectContinue;
        this.maxDiscard = maxDiscard;
        this.response = new ServerResponse(this);
        if (expectContinue && body instanceof AbstractBody framed) {
            framed.onFirstRead(this::sendContinue);
        }
    }

    /** Tells the client to send the body it holds back; skipped once a final response has started. */
    @Suspendable
    private void sendContinue() throws IOException {
        if (!response.isCommitted() && !continueSent) {
            continueSent = true;
            write(ByteBuffer.wrap(CONTINUE));
        }
    }

    ServerResponse response() {
        return response;
    }

    BodyReader body() {
        return body;
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    int versionMinor() {
        return versionMinor;
    }

    StreamSocket socket() {
        return connection.socket();
    }

    boolean writeFailed() {
        return writeFailed;
    }

    /**
     * Decided when the head is written: the connection closes after this response if the client asked,
     * the server is closing, an error demanded it, or the unread body cannot be skipped (the client still
     * waits for {@code 100 Continue}, or the body is larger than the server will discard).
     */
    boolean mustClose() {
        if (!keepAliveRequested || forceClose || connection.serverClosing()) {
            return true;
        }
        if (body.isFinished()) {
            return false;
        }
        return (expectContinue && !continueSent) || body.contentLength() > maxDiscard;
    }

    /**
     * Replaces a response the handler did not start with a plain-text error.
     *
     * @param e the status and message
     */
    @Suspendable
    void sendError(HttpStatusException e) throws IOException {
        forceClose |= e.closesConnection();
        response = new ServerResponse(this);
        response.status(e.status()).send(e.reason() + "\n");
    }

    @Suspendable
    void write(ByteBuffer buf) throws IOException {
        try {
            connection.socket().write(buf);
        } catch (IOException e) {
            writeFailed = true;
            throw e;
        }
    }
}
