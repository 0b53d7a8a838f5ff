package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyReader;
import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpLimits;
import dev.jcoro.http.HttpStatusException;
import dev.jcoro.net.StreamSocket;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One server connection, served by one coroutine from accept to close, as straight-line code: wait for a
 * request head (within the idle and header deadlines), check its framing, run the handler, finish the
 * response, skip what the handler left of the body, and go round again while the connection is kept
 * alive. Pipelined requests simply wait in the receive buffer, so responses leave in request order.
 *
 * <p>A connection that waits for its next request reads without a timer: it publishes the deadline by
 * which that request must start (the header timeout from accept for the first, the idle timeout from the
 * last response for the others), and the server's {@link IdleSweeper} closes it once the deadline has
 * passed. Arming and cancelling a timer on every request of every connection would cost more than a sweep
 * over the connections a few times a second. Once a head has started to arrive, the reads are bounded by the
 * header timeout itself, so a slow head is answered with 408.
 *
 * <p>The only state touched from other threads is {@link #closeIfIdle()}, {@link #closeIfIdlePast} and
 * {@link #abort()}, used by a closing server and the sweeper. One atomic holds either the idle deadline or
 * BUSY or CLOSED, which makes "close it if it is between requests" race-free against a request that is just
 * arriving; since each idle period has its own deadline, a sweeper that read an old one cannot close the
 * connection's next idle period by mistake.
 */
public final class ServerConnection {
    private static final System.Logger LOG = System.getLogger("dev.jcoro.http.HttpServer");
    /** A request is being read or answered. Every other value of {@link #idle} but CLOSED is a deadline. */
    private static final long BUSY = Long.MIN_VALUE;
    private static final long CLOSED = Long.MIN_VALUE + 1;
    /** Most request heads fit (curl's, wrk's, API clients'); a browser's grows it once or twice. */
    private static final int INITIAL_BUFFER = 1024;

    private final StreamSocket socket;
    private final ServerConfig config;
    private final HttpLimits limits;
    private final ServerState server;
    private final Inbound in;
    private final HeadDecoder decoder;
    private final long acceptedAt = System.nanoTime();
    /** BUSY, CLOSED, or the System.nanoTime by which the next request must start (the connection is idle). */
    private final AtomicLong idle;

    private ServerConnection(StreamSocket socket, ServerConfig config, ServerState server) {
        this.socket = socket;
        this.config = config;
        this.limits = config.limits();
        this.server = server;
        this.in = new Inbound(socket, INITIAL_BUFFER,
                Math.max(limits.maxRequestLineLength(), limits.maxHeaderSectionSize()) + 2 * INITIAL_BUFFER);
        this.idle = new AtomicLong(idleDeadline(acceptedAt + config.headerTimeoutNanos()));
        this.decoder = new HeadDecoder(HeadDecoder.Kind.REQUEST, limits.maxRequestLineLength(),
                limits.maxHeaderSectionSize(), limits.maxHeaderCount());
    }

    /**
     * Registers a newly accepted connection with its server; call {@link #serve()} next, in its own
     * coroutine. The caller must hold one of the server's connection permits, which the connection returns
     * when it closes.
     *
     * @param socket the accepted connection
     * @param config the server's settings
     * @param server the server's shared state
     * @return the connection
     */
    public static ServerConnection open(StreamSocket socket, ServerConfig config, ServerState server) {
        ServerConnection c = new ServerConnection(socket, config, server);
        server.opened(c);
        return c;
    }

    /** Serves requests until the connection closes; never throws. Runs in the connection's coroutine. */
    @Suspendable
    public void serve() {
        try {
            boolean first = true;
            while (readHead(first)) {
                first = false;
                if (!exchange()) {
                    break;
                }
            }
        } catch (IOException | CancellationException e) {
            // The client went away, or the server is shutting down: nothing to answer.
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "jcoro-http: connection failed", e);
        } finally {
            closeSocket();
            server.closed(this);
        }
    }

    StreamSocket socket() {
        return socket;
    }

    boolean serverClosing() {
        return server.isClosing();
    }

    /** Closes the connection if it waits between requests. Any thread. */
    void closeIfIdle() {
        for (long v = idle.get(); v != BUSY && v != CLOSED; v = idle.get()) {
            if (idle.compareAndSet(v, CLOSED)) {
                closeSocket();
                return;
            }
        }
    }

    /**
     * Closes the connection if it waits between requests and the deadline for its next request is before
     * {@code now}: its idle timeout (or, before the first request, its header timeout) has passed. Any thread.
     *
     * @param now a {@link System#nanoTime()} reading
     */
    void closeIfIdlePast(long now) {
        long v = idle.get();
        if (v != BUSY && v != CLOSED && now - v >= 0 && idle.compareAndSet(v, CLOSED)) {
            closeSocket();
        }
    }

    /** Closes the connection whatever it is doing; its coroutine wakes with an exception. Any thread. */
    void abort() {
        idle.set(CLOSED);
        closeSocket();
    }

    /** A deadline never equal to the two markers, which a nanoTime reading could (in theory) be. */
    private static long idleDeadline(long nanos) {
        return nanos == BUSY || nanos == CLOSED ? CLOSED + 1 : nanos;
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing useful to do about a failing close.
        }
    }

    /**
     * Reads the next request head. Returns false to close quietly: the client closed, the idle timeout
     * passed, the server is closing, or an error was answered.
     */
    @Suspendable
    private boolean readHead(boolean first) throws IOException {
        decoder.reset();
        in.compactIfWorthIt();
        in.shrinkIfEmpty();
        boolean started = in.hasBuffered();
        // The header timeout counts from accept for the first request and from the first byte for the
        // others; the clock is read for it only when a head does not arrive whole in one read.
        long deadline = first ? acceptedAt + config.headerTimeoutNanos() : 0;
        boolean deadlineSet = first;
        if (started && !toBusy()) {
            return false;
        }
        try {
            while (!decoder.decode(in.buffer())) {
                if (!started && server.isClosing()) {
                    return false;
                }
                // Waiting for a request's first byte needs no timer: the sweeper enforces that deadline.
                long timeout = 0;
                if (started) {
                    long now = System.nanoTime();
                    if (!deadlineSet) {
                        deadline = now + config.headerTimeoutNanos();
                        deadlineSet = true;
                    }
                    timeout = deadline - now;
                    if (timeout <= 0) {
                        return headTimedOut(true);
                    }
                }
                int n;
                try {
                    n = in.fill(timeout);
                } catch (SocketTimeoutException e) {
                    return headTimedOut(started);
                }
                if (n < 0) {
                    return false;
                }
                if (!started) {
                    started = true;
                    if (!toBusy()) {
                        return false;
                    }
                }
            }
            return true;
        } catch (HttpStatusException e) {
            sendBareError(e, false);
            return false;
        }
    }

    @Suspendable
    private boolean headTimedOut(boolean started) throws IOException {
        if (started) {
            sendBareError(new HttpStatusException(408, "request head not received within "
                    + TimeUnit.NANOSECONDS.toMillis(config.headerTimeoutNanos()) + " ms", true), false);
        }
        return false;
    }

    private boolean toBusy() {
        long v = idle.get();
        return v != BUSY && v != CLOSED && idle.compareAndSet(v, BUSY);
    }

    /** Handles the decoded request; returns whether the connection may carry another. */
    @Suspendable
    private boolean exchange() throws IOException {
        String method = decoder.method();
        HttpHeaders headers = decoder.headers();
        int minor = Math.min(decoder.versionMinor(), 1);
        Exchange ex;
        ServerRequest request;
        try {
            checkHost(headers, minor);
            long length = Framing.ofRequest(headers, minor);
            if (length > limits.maxBodySize()) {
                throw new HttpStatusException(413, "body of " + length + " bytes is over the limit of "
                        + limits.maxBodySize(), true);
            }
            RequestTarget target = RequestTarget.parse(method, decoder.target());
            boolean expectContinue = expectsContinue(headers, minor, length);
            BodyReader body = body(length);
            ex = new Exchange(this, method, minor, keepAliveRequested(headers, minor), body, expectContinue,
                    limits.maxDiscardSize());
            request = new ServerRequest(method, decoder.target(), minor, headers, target, body, this);
        } catch (HttpStatusException e) {
            sendBareError(e, method.equals("HEAD"));
            return false;
        }
        if (!runHandler(ex, request)) {
            return false;
        }
        ServerResponse response = ex.response();
        if (!response.isCommitted()) {
            response.send(new byte[0]);
        }
        response.writer().close();
        if (response.closesConnection() || !Writers.reusable(response.writer())) {
            return false;
        }
        if (!ex.body().isFinished() && !skipRestOfBody(ex.body())) {
            return false;
        }
        idle.set(idleDeadline(System.nanoTime() + config.idleTimeoutNanos()));
        return !server.isClosing();
    }

    /** Runs the handler; returns false when the connection must be dropped at once. */
    @Suspendable
    private boolean runHandler(Exchange ex, ServerRequest request) throws IOException {
        try {
            config.handler().handle(request, ex.response());
            return true;
        } catch (CancellationException e) {
            throw e;
        } catch (HttpStatusException e) {
            if (ex.response().isCommitted()) {
                return false;
            }
            ex.sendError(e);
            return true;
        } catch (Throwable t) {
            boolean committed = ex.response().isCommitted();
            if (ex.writeFailed() || (committed && t instanceof IOException)) {
                return false; // the client went away mid-response; nothing the handler did wrong
            }
            LOG.log(System.Logger.Level.ERROR, "jcoro-http: handler failed on \"" + request.requestLine() + "\""
                    + (committed ? " after the response started; closing the connection" : ""), t);
            if (committed) {
                return false;
            }
            ex.sendError(new HttpStatusException(500, "internal server error"));
            return true;
        }
    }

    @Suspendable
    private boolean skipRestOfBody(BodyReader body) {
        try {
            return body instanceof AbstractBody framed && framed.skipRest(limits.maxDiscardSize());
        } catch (IOException e) {
            return false;
        }
    }

    private BodyReader body(long length) {
        if (length == 0) {
            return EmptyBody.INSTANCE;
        }
        if (length == Framing.CHUNKED) {
            ChunkedDecoder chunks = new ChunkedDecoder(limits.maxChunkLineLength(), limits.maxHeaderSectionSize(),
                    limits.maxHeaderCount());
            return new ChunkedBody(in, chunks, limits.maxBodySize(), config.bodyTimeoutNanos(), BodyErrors.SERVER,
                    limits.maxBodySize());
        }
        return new FixedLengthBody(in, length, config.bodyTimeoutNanos(), BodyErrors.SERVER, limits.maxBodySize());
    }

    /** RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host; HTTP/1.0 at most one. */
    private static void checkHost(HttpHeaders headers, int minor) throws HttpStatusException {
        int hosts = headers.count("Host");
        if (hosts > 1) {
            throw new HttpStatusException(400, "more than one Host header", true);
        }
        if (hosts == 0 && minor >= 1) {
            throw new HttpStatusException(400, "HTTP/1.1 request without a Host header", true);
        }
    }

    /** RFC 9110 §10.1.1: 100-continue is the only expectation; an HTTP/1.0 client's is ignored. */
    private static boolean expectsContinue(HttpHeaders headers, int minor, long length) throws HttpStatusException {
        String expect = headers.get("Expect");
        if (expect == null || minor == 0) {
            return false;
        }
        if (!expect.equalsIgnoreCase("100-continue")) {
            throw new HttpStatusException(417, "unsupported expectation: " + expect, true);
        }
        return length != 0;
    }

    private static boolean keepAliveRequested(HttpHeaders headers, int minor) {
        return minor >= 1 ? !headers.containsToken("Connection", "close") : headers.containsToken("Connection", "keep-alive");
    }

    /** Answers an error found before a request could be handed on; the connection closes after it. */
    @Suspendable
    private void sendBareError(HttpStatusException e, boolean head) {
        byte[] body = (e.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        HeadWriter w = new HeadWriter().statusLine(e.status())
                .header("Content-Type", "text/plain; charset=utf-8")
                .raw(HttpDate.line())
                .header("Content-Length", body.length)
                .header("Connection", "close")
                .end();
        try {
            socket.write(w.toBuffer(head ? null : body));
        } catch (IOException ignored) {
            // The client is gone; the connection closes either way.
        }
    }
}
