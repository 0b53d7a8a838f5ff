package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyWriter;
import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The server's {@link HttpResponse}: collects status and fields, then writes the head with the framing
 * fields the server owns ({@code Date}, {@code Content-Length} or {@code Transfer-Encoding},
 * {@code Connection}) and the body, or hands out a {@link BodyWriter} for a streamed one.
 */
final class ServerResponse implements HttpResponse {
    private static final String[] SERVER_OWNED = {"Content-Length", "Transfer-Encoding", "Connection", "Date"};
    /**
     * At least the status line (a reason phrase is under 40 bytes), {@code Date}, a {@code Content-Length} of
     * up to 19 digits or {@code Transfer-Encoding}, {@code Connection} and the empty line.
     */
    private static final int SERVER_PART = 64 + 37 + 40 + 24 + 2;

    private final Exchange exchange;
    private final HttpHeaders headers = new HttpHeaders();
    private int status = 200;
    private boolean committed;
    private boolean closeAfter;
    private Writers.Base writer;

    ServerResponse(Exchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public HttpResponse status(int code) {
        checkNotCommitted();
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("status must be 200 to 599: " + code);
        }
        status = code;
        return this;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public HttpResponse header(String name, String value) {
        checkNotCommitted();
        headers.add(name, value);
        return this;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    @Suspendable
    public void send(byte[] body) throws IOException {
        checkNotCommitted();
        boolean hasBody = bodyAllowed() && !exchange.isHead();
        writeHead(bodyAllowed() ? body.length : -3, hasBody ? body : null);
        writer = Writers.sent();
    }

    @Override
    @Suspendable
    public void send(String text) throws IOException {
        if (!headers.contains("Content-Type")) {
            header("Content-Type", "text/plain; charset=utf-8");
        }
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    @Suspendable
    public BodyWriter stream() throws IOException {
        checkNotCommitted();
        if (!bodyAllowed() || exchange.isHead()) {
            writeHead(bodyAllowed() ? Framing.CHUNKED : -3, null);
            writer = Writers.discarding(exchange.socket());
        } else if (exchange.versionMinor() == 0) {
            closeAfter = true;
            writeHead(Framing.UNTIL_CLOSE, null);
            writer = Writers.untilClose(exchange.socket());
        } else {
            writeHead(Framing.CHUNKED, null);
            writer = Writers.chunked(exchange.socket());
        }
        return writer;
    }

    @Override
    @Suspendable
    public BodyWriter stream(long contentLength) throws IOException {
        checkNotCommitted();
        if (contentLength < 0) {
            throw new IllegalArgumentException("negative content length: " + contentLength);
        }
        boolean hasBody = bodyAllowed() && !exchange.isHead();
        writeHead(bodyAllowed() ? contentLength : -3, null);
        writer = hasBody ? Writers.fixed(exchange.socket(), contentLength) : Writers.discarding(exchange.socket());
        return writer;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    /** Whether the connection closes after this response; final once committed. */
    boolean closesConnection() {
        return closeAfter;
    }

    /** The body writer, once the response has started. */
    Writers.Base writer() {
        return writer;
    }

    private boolean bodyAllowed() {
        return status >= 200 && status != 204 && status != 304;
    }

    private void checkNotCommitted() {
        if (committed) {
            throw new IllegalStateException("the response has already started");
        }
    }

    /**
     * Room for the head: the fields as given plus the status line and the fields the server adds, each
     * bounded generously, so that head and body fit one array without growing it.
     */
    private int sizeOfHead() {
        int size = SERVER_PART;
        for (int i = 0, n = headers.size(); i < n; i++) {
            size += headers.nameAt(i).length() + headers.valueAt(i).length() + 4;
        }
        return size;
    }

    /**
     * Writes the head; {@code length} is a Content-Length, {@link Framing#CHUNKED},
     * {@link Framing#UNTIL_CLOSE}, or -3 for a status that carries no framing field.
     */
    @Suspendable
    private void writeHead(long length, byte[] body) throws IOException {
        committed = true;
        closeAfter |= exchange.mustClose() || headers.containsToken("Connection", "close");
        HeadWriter head = new HeadWriter(sizeOfHead() + (body == null ? 0 : body.length))
                .statusLine(status).headers(headers, SERVER_OWNED);
        head.raw(HttpDate.line());
        if (length >= 0) {
            head.header("Content-Length", length);
        } else if (length == Framing.CHUNKED) {
            head.header("Transfer-Encoding", "chunked");
        }
        if (closeAfter) {
            head.header("Connection", "close");
        } else if (exchange.versionMinor() == 0) {
            head.header("Connection", "keep-alive");
        }
        exchange.write(head.end().toBuffer(body));
    }
}
