package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyReader;
import dev.jcoro.http.ClientRequest;
import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpStatusException;
import dev.jcoro.net.StreamSocket;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.net.TlsSocket;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * One client connection to an origin: writes a request, reads the response head and frames its body. The
 * pool owns it between requests; one coroutine uses it at a time.
 */
public final class ClientConnection {
    /** Limits on what a server may send in a response head. */
    static final int MAX_STATUS_LINE = 8 * 1024;
    static final int MAX_HEADER_SECTION = 64 * 1024;
    static final int MAX_HEADER_COUNT = 256;
    private static final String[] CLIENT_OWNED = {"Host", "Content-Length", "Transfer-Encoding"};

    private final Origin origin;
    private final StreamSocket socket;
    private final Inbound in;
    private final HeadDecoder decoder = new HeadDecoder(HeadDecoder.Kind.RESPONSE, MAX_STATUS_LINE,
            MAX_HEADER_SECTION, MAX_HEADER_COUNT);
    private boolean reused;
    private long idleSince;

    private ClientConnection(Origin origin, StreamSocket socket) {
        this.origin = origin;
        this.socket = socket;
        this.in = new Inbound(socket, 4096, MAX_HEADER_SECTION + 2 * 4096);
    }

    /**
     * Connects to {@code origin}, with TLS for https.
     *
     * @param origin where to
     * @param connectTimeoutNanos the longest the TCP connect and the TLS handshake may each take
     * @param tls the TLS context for https
     * @return the connection
     * @throws ConnectException if the connection is refused or fails, naming the origin
     * @throws SocketTimeoutException if connecting takes too long
     * @throws IOException if the TLS handshake fails
     */
    @Suspendable
    public static ClientConnection connect(Origin origin, long connectTimeoutNanos, SSLContext tls) throws IOException {
        TcpSocket tcp;
        try {
            tcp = TcpSocket.connect(origin.socketAddress(), Duration.ofNanos(connectTimeoutNanos));
        } catch (SocketTimeoutException e) {
            SocketTimeoutException t = new SocketTimeoutException("connecting to " + origin + " timed out after "
                    + TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos) + " ms");
            t.initCause(e);
            throw t;
        } catch (IOException e) {
            ConnectException c = new ConnectException("cannot connect to " + origin + ": " + e.getMessage());
            c.initCause(e);
            throw c;
        }
        if (!origin.https()) {
            return new ClientConnection(origin, tcp);
        }
        TlsSocket tlsSocket = TlsSocket.client(tcp, tls, origin.host());
        try {
            tlsSocket.setReadTimeout(Duration.ofNanos(connectTimeoutNanos));
            tlsSocket.handshake();
        } catch (IOException | RuntimeException e) {
            tlsSocket.close();
            throw e;
        }
        return new ClientConnection(origin, tlsSocket);
    }

    Origin origin() {
        return origin;
    }

    /**
     * Tells whether the connection came from the pool rather than a fresh connect.
     *
     * @return true if it carried an earlier request
     */
    public boolean isReused() {
        return reused;
    }

    void markReused() {
        reused = true;
    }

    long idleSince() {
        return idleSince;
    }

    void idleFrom(long nanos) {
        idleSince = nanos;
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /**
     * Writes the request head and its body (bytes, or what its source produces).
     *
     * @param request the request
     * @throws IOException if writing fails
     */
    @Suspendable
    public void writeRequest(ClientRequest request) throws IOException {
        URI uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HeadWriter head = new HeadWriter().requestLine(request.method(), target)
                .header("Host", origin.hostHeader())
                .headers(request.headers(), CLIENT_OWNED);
        if (!request.headers().contains("User-Agent")) {
            head.header("User-Agent", "jcoro-http");
        }
        byte[] body = request.body();
        if (body != null) {
            head.header("Content-Length", body.length);
            socket.write(head.end().toBuffer(body));
            return;
        }
        if (request.bodySource() == null) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                head.header("Content-Length", 0);
            }
            socket.write(head.end().toBuffer(null));
            return;
        }
        long length = request.bodySourceLength();
        head.header(length >= 0 ? "Content-Length" : "Transfer-Encoding", length >= 0 ? Long.toString(length) : "chunked");
        socket.write(head.end().toBuffer(null));
        Writers.Base writer = length >= 0 ? Writers.fixed(socket, length) : Writers.chunked(socket);
        request.bodySource().writeTo(writer);
        writer.close();
    }

    /**
     * Reads the response head, skipping interim 1xx responses.
     *
     * @param readTimeoutNanos the longest wait for each read; 0 for none
     * @return true once a head is decoded; see {@link #status()} and {@link #headers()}
     * @throws NoResponseException if the server closed the connection before sending a byte
     * @throws IOException if the head is malformed, the read times out or the connection fails
     */
    @Suspendable
    public boolean readHead(long readTimeoutNanos) throws IOException {
        boolean any = false;
        while (true) {
            decoder.reset();
            in.compactIfWorthIt();
            try {
                while (!decoder.decode(in.buffer())) {
                    int n = in.fill(readTimeoutNanos);
                    if (n < 0) {
                        if (!any) {
                            throw new NoResponseException(origin + " closed the connection without answering");
                        }
                        throw new EOFException(origin + " closed the connection in the middle of a response head");
                    }
                    any = true;
                }
            } catch (HttpStatusException e) {
                throw new IOException("malformed response from " + origin + ": " + e.reason(), e);
            } catch (SocketTimeoutException e) {
                SocketTimeoutException t = new SocketTimeoutException("no response from " + origin + " within "
                        + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms");
                t.initCause(e);
                throw t;
            }
            int status = decoder.status();
            if (status == 101) {
                throw new IOException(origin + " switched protocols (101), which this client does not support");
            }
            if (status >= 200) {
                return true;
            }
            any = true;
        }
    }

    /**
     * The status of the head last read.
     *
     * @return the status code
     */
    public int status() {
        return decoder.status();
    }

    /**
     * The header fields of the head last read.
     *
     * @return the fields
     */
    public HttpHeaders headers() {
        return decoder.headers();
    }

    /**
     * Tells whether the server lets the connection carry another request after this response.
     *
     * @param framing the response's framing
     * @return false for HTTP/1.0 without keep-alive, {@code Connection: close}, or a body framed by close
     */
    public boolean keepAlive(long framing) {
        HttpHeaders h = decoder.headers();
        boolean persistent = decoder.versionMinor() >= 1 ? !h.containsToken("Connection", "close")
                : h.containsToken("Connection", "keep-alive");
        return persistent && framing != Framing.UNTIL_CLOSE;
    }

    /**
     * The body of the response whose head was just read.
     *
     * @param framing from {@link Framing#ofResponse}
     * @param readTimeoutNanos the longest wait for each read
     * @param maxSize the default limit of {@link BodyReader#readAllBytes()}
     * @return the body
     */
    public BodyReader body(long framing, long readTimeoutNanos, long maxSize) {
        if (framing == 0) {
            return EmptyBody.INSTANCE;
        }
        if (framing == Framing.CHUNKED) {
            return new ChunkedBody(in, new ChunkedDecoder(MAX_STATUS_LINE, MAX_HEADER_SECTION, MAX_HEADER_COUNT),
                    Long.MAX_VALUE, readTimeoutNanos, BodyErrors.CLIENT, maxSize);
        }
        if (framing == Framing.UNTIL_CLOSE) {
            return new UntilCloseBody(in, readTimeoutNanos, maxSize);
        }
        return new FixedLengthBody(in, framing, readTimeoutNanos, BodyErrors.CLIENT, maxSize);
    }

    /**
     * Tells whether bytes beyond the response arrived (a server that sent more than it framed); such a
     * connection is not reused.
     *
     * @return true if the receive buffer is not empty
     */
    public boolean hasLeftover() {
        return in.hasBuffered();
    }

    /** Closes the connection. Any thread. */
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
    }

    @Override
    public String toString() {
        return "connection to " + origin;
    }

    /** The server closed a connection before answering at all: on a reused connection, a stale one. */
    public static final class NoResponseException extends EOFException {
        private static final long serialVersionUID = 1L;

        NoResponseException(String message) {
            super(message);
        }
    }
}
