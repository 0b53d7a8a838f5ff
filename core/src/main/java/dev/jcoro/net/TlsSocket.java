package dev.jcoro.net;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.sync.Mutex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * A TLS connection over a {@link TcpSocket}, driven by the JDK's {@link SSLEngine}: reads and writes suspend
 * the calling coroutine like the TCP socket's do, and protocol code written against {@link StreamSocket}
 * serves plain and encrypted connections alike.
 *
 * <pre>{@code
 * TcpSocket tcp = TcpSocket.connect(new InetSocketAddress("example.com", 443));
 * try (TlsSocket tls = TlsSocket.client(tcp, TlsContexts.client(), "example.com")) {
 *     tls.write(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n".getBytes(US_ASCII)));
 *     ByteBuffer buf = ByteBuffer.allocate(8192);
 *     while (tls.read(buf) >= 0) { ... }
 * }
 * }</pre>
 *
 * <p>The handshake runs on the first {@link #read}, {@link #write} or {@link #handshake()}. Its CPU-heavy
 * steps (the engine's delegated tasks: certificate checks, key exchange) run through
 * {@link Coroutines#offload}, so a handshake does not hold the loop. Messages after the handshake (TLS 1.3
 * session tickets and key updates, TLS 1.2 renegotiation) are handled inside reads and writes.
 *
 * <p>Like {@link TcpSocket}: outside a coroutine the methods block the calling thread; one coroutine may
 * read while another writes (two concurrent readers, or writers, are not supported); {@link #close()} works
 * from any thread. This socket owns the TCP socket it wraps, and closing it closes that too.
 */
public final class TlsSocket implements StreamSocket {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** A long write lets the loop's other coroutines run after encrypting this much, since a fast peer never makes it wait. */
    private static final int BYTES_BETWEEN_YIELDS = 256 * 1024;

    private final TcpSocket tcp;
    private final SSLEngine engine;
    /** Names the peer in error messages: "host at address:port". */
    private final String peer;
    /**
     * Held while unwrapping: by the reader, by the handshake, or by a writer that must wait for the peer's
     * handshake messages. Whoever needs both locks takes this one first, so they never deadlock.
     */
    private final Mutex readLock = new Mutex();
    /** Held while wrapping and writing records, so records from the reader (handshake replies) and the writer never interleave. */
    private final Mutex writeLock = new Mutex();
    private final AtomicBoolean closed = new AtomicBoolean();
    /**
     * Set when a reader has handshake messages to send (a key update, a close_notify in reply) but a writer
     * holds the write lock: whoever releases the write lock next sends them. A reader never waits for the
     * write lock, since a writer may itself wait for the peer to read, and the peer for us to read.
     */
    private volatile boolean handshakeOutputPending;
    private volatile boolean handshaken;
    private volatile SSLException handshakeFailure;

    /** Records received and not yet unwrapped, in write mode; guarded by readLock. */
    private ByteBuffer netIn;
    /** Plaintext unwrapped and not yet delivered to a reader, in write mode; guarded by readLock. */
    private ByteBuffer appIn;
    /** True once the peer sent close_notify or closed the connection; guarded by readLock. */
    private boolean inboundDone;
    /** Records wrapped and not yet written; guarded by writeLock. */
    private ByteBuffer netOut;

    private TlsSocket(TcpSocket tcp, SSLEngine engine) {
        this.tcp = tcp;
        this.engine = engine;
        this.peer = describePeer(tcp, engine.getPeerHost());
        SSLSession session = engine.getSession();
        this.netIn = ByteBuffer.allocate(session.getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(session.getApplicationBufferSize());
        this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
    }

    /**
     * Starts the client side of TLS over {@code socket} with server name indication and hostname
     * verification for {@code peerHost} (endpoint identification "HTTPS": the server's certificate must
     * name {@code peerHost}, as a DNS name or an IP address). Nothing is sent until the handshake.
     *
     * @param socket the connected TCP socket, owned by the returned socket from now on
     * @param context where the trusted certificates come from, see {@link TlsContexts}
     * @param peerHost the name (or IP literal) the server's certificate must carry
     * @return the TLS socket, not yet handshaken
     */
    public static TlsSocket client(TcpSocket socket, SSLContext context, String peerHost) {
        return client(socket, context, peerHost, clientParameters(peerHost));
    }

    /**
     * Starts the client side of TLS with the given parameters, which replace the defaults entirely. Begin from
     * {@link #clientParameters(String)} to keep server name indication and hostname verification:
     *
     * <pre>{@code
     * SSLParameters p = TlsSocket.clientParameters("example.com");
     * p.setApplicationProtocols(new String[] {"http/1.1"});
     * TlsSocket tls = TlsSocket.client(tcp, context, "example.com", p);
     * }</pre>
     *
     * @param socket the connected TCP socket, owned by the returned socket from now on
     * @param context where the trusted certificates come from
     * @param peerHost the host the client believes it talks to (also keys the session cache)
     * @param parameters protocols, cipher suites, ALPN, SNI and endpoint identification to use
     * @return the TLS socket, not yet handshaken
     */
    public static TlsSocket client(TcpSocket socket, SSLContext context, String peerHost, SSLParameters parameters) {
        SSLEngine engine = context.createSSLEngine(peerHost, remotePort(socket));
        engine.setUseClientMode(true);
        engine.setSSLParameters(parameters);
        return new TlsSocket(socket, engine);
    }

    /**
     * The parameters {@link #client(TcpSocket, SSLContext, String)} uses: server name indication for
     * {@code peerHost} (unless it is an IP literal, which SNI cannot carry) and endpoint identification
     * "HTTPS"; everything else is the context's default. A fresh object the caller may change. Server name
     * indication is left out for IP literals and for names it cannot carry.
     *
     * @param peerHost the name the server's certificate must carry
     * @return new parameters
     */
    public static SSLParameters clientParameters(String peerHost) {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(peerHost)) {
            try {
                parameters.setServerNames(List.of(new SNIHostName(peerHost)));
            } catch (IllegalArgumentException notAnSniName) {
                // Names SNI cannot carry (an underscore, a trailing dot) go without it, as in the JDK's
                // HttpsURLConnection; hostname verification still applies.
            }
        }
        return parameters;
    }

    /**
     * Starts the server side of TLS over an accepted {@code socket}. Nothing is read until the handshake.
     *
     * @param socket the accepted TCP socket, owned by the returned socket from now on
     * @param context the server's certificate and key, see {@link TlsContexts#server}
     * @return the TLS socket, not yet handshaken
     */
    public static TlsSocket server(TcpSocket socket, SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        return new TlsSocket(socket, engine);
    }

    /**
     * Starts the server side of TLS with the given parameters (ALPN protocols, client authentication,
     * protocols, cipher suites).
     *
     * @param socket the accepted TCP socket, owned by the returned socket from now on
     * @param context the server's certificate and key
     * @param parameters applied to the engine as given
     * @return the TLS socket, not yet handshaken
     */
    public static TlsSocket server(TcpSocket socket, SSLContext context, SSLParameters parameters) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        return new TlsSocket(socket, engine);
    }

    /**
     * Runs the TLS handshake if it has not run yet, suspending while messages travel; returns at once
     * afterwards. Reads and writes call it themselves, so calling it is only needed to see a failure early
     * or to inspect the {@link #session()} before any data flows. A handshake that failed fails again.
     *
     * @throws SSLHandshakeException if the handshake fails (untrusted or mismatched certificate, no common
     *     protocol or cipher suite, the peer closing the connection), with the peer's address in the message
     * @throws SocketTimeoutException if a read timeout is set and the peer stays silent
     * @throws IOException if the connection fails or is closed
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    public void handshake() throws IOException {
        if (handshaken) {
            return;
        }
        readLock.lock();
        try {
            writeLock.lock();
            try {
                if (!handshaken) {
                    handshakeHoldingBothLocks();
                }
            } finally {
                unlockWrite();
            }
        } finally {
            readLock.unlock();
        }
    }

    @Suspendable
    private void handshakeHoldingBothLocks() throws IOException {
        SSLException earlier = handshakeFailure;
        if (earlier != null) {
            throw (SSLException) new SSLHandshakeException("TLS handshake with " + peer + " failed earlier: "
                    + earlier.getMessage()).initCause(earlier);
        }
        try {
            engine.beginHandshake();
            driveHandshake();
            if (inboundDone) {
                throw new SSLHandshakeException("the peer closed the TLS connection (close_notify) before the "
                        + "handshake completed");
            }
        } catch (SocketTimeoutException | ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            sendAlertQuietly();
            SSLException failure = (SSLException) new SSLHandshakeException("TLS handshake with " + peer
                    + " failed: " + e.getMessage()).initCause(e);
            handshakeFailure = failure;
            throw failure;
        }
        handshaken = true;
    }

    /**
     * Reads decrypted bytes into {@code dst}, suspending until at least one is available (or the peer ends
     * the stream). Handshake messages that arrive meanwhile are processed and answered.
     *
     * @param dst where to put the bytes
     * @return the number of bytes read, 0 if {@code dst} has no room, -1 once the peer sent close_notify or
     *     closed the connection between records
     * @throws SocketTimeoutException if a read timeout is set and nothing arrived in time
     * @throws SSLException if a record is corrupt, the connection ends in the middle of one, or the peer sent
     *     a fatal alert (the message names the peer)
     * @throws SSLHandshakeException if the initial handshake fails
     * @throws IOException if the connection fails or is closed while waiting
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Override
    @Suspendable
    public int read(ByteBuffer dst) throws IOException {
        handshake();
        if (!dst.hasRemaining()) {
            return 0;
        }
        readLock.lock();
        try {
            while (appIn.position() == 0) {
                if (inboundDone) {
                    return -1;
                }
                SSLEngineResult r = unwrapRecord();
                if (r == null) {
                    endOfStream();
                    return -1;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    inboundDone = true;
                }
                answerHandshakeWhileReading(r.getHandshakeStatus());
            }
            return deliver(dst);
        } catch (SSLException e) {
            throw connectionFailure(e);
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Encrypts and writes all of {@code src}, suspending whenever the connection cannot take more.
     *
     * @param src the bytes to write; its position ends at its limit
     * @throws SSLException if the TLS connection is closed for writing (after {@link #close()}, or after the
     *     peer's close_notify under TLS 1.2) or the engine fails (the message names the peer)
     * @throws SSLHandshakeException if the initial handshake fails
     * @throws IOException if the connection fails or is closed while waiting
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Override
    @Suspendable
    public void write(ByteBuffer src) throws IOException {
        handshake();
        try {
            while (!wrapAll(src)) {
                awaitPeerHandshakeMessages();
            }
        } catch (SSLException e) {
            throw connectionFailure(e);
        }
    }

    /**
     * Wraps and writes {@code src} and whatever handshake messages the engine has to send.
     *
     * @return true when done, false if the engine waits for the peer's handshake messages first
     */
    @Suspendable
    private boolean wrapAll(ByteBuffer src) throws IOException {
        writeLock.lock();
        try {
            int sinceYield = 0;
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runDelegatedTasks();
                    continue;
                }
                if (!src.hasRemaining() && hs != HandshakeStatus.NEED_WRAP) {
                    return true;
                }
                SSLEngineResult r = wrapAndFlush(src);
                sinceYield += r.bytesConsumed();
                if (sinceYield >= BYTES_BETWEEN_YIELDS) {
                    sinceYield = 0;
                    Coroutines.yieldNow();
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    if (src.hasRemaining()) {
                        throw new SSLException("the TLS connection is closed for writing");
                    }
                    return true;
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    HandshakeStatus after = r.getHandshakeStatus();
                    if (after == HandshakeStatus.NEED_UNWRAP || after == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                        return false;
                    }
                    if (after != HandshakeStatus.NEED_TASK) {
                        throw new SSLException("SSLEngine.wrap made no progress (handshake status " + after + ")");
                    }
                }
            }
        } finally {
            unlockWrite();
        }
    }

    /**
     * The engine holds outgoing data back until the peer's handshake messages arrive. (The JDK's engine does
     * so only before the first handshake, which {@link #handshake()} completes first; other providers may
     * during a renegotiation.) With no read in progress this writer reads them itself; else it looks again
     * shortly rather than queue for the read lock behind a read that may be waiting for this very write.
     */
    @Suspendable
    private void awaitPeerHandshakeMessages() throws IOException {
        if (!readLock.tryLock()) {
            Coroutines.sleep(Duration.ofMillis(1));
            return;
        }
        try {
            writeLock.lock();
            try {
                driveHandshake();
            } finally {
                unlockWrite();
            }
        } finally {
            readLock.unlock();
        }
    }

    /**
     * After a read unwrapped a post-handshake message: runs the engine's tasks and has what it must answer
     * sent (a key update, a renegotiation flight, a close_notify in reply), by this reader if no write is in
     * progress, else by the writer. Holds the read lock.
     */
    @Suspendable
    private void answerHandshakeWhileReading(HandshakeStatus hs) throws IOException {
        if (hs == HandshakeStatus.NEED_TASK) {
            runDelegatedTasks();
            hs = engine.getHandshakeStatus();
        }
        if (hs == HandshakeStatus.NEED_WRAP) {
            handshakeOutputPending = true;
            sendPendingHandshakeOutput();
        }
    }

    /** Releases the write lock, then sends the handshake output a reader left while it was held. */
    @Suspendable
    private void unlockWrite() throws IOException {
        writeLock.unlock();
        sendPendingHandshakeOutput();
    }

    /**
     * Sends pending handshake output unless someone holds the write lock; that holder then sends it when it
     * unlocks, because the flag is set before the lock is tried and checked after every unlock.
     */
    @Suspendable
    private void sendPendingHandshakeOutput() throws IOException {
        while (handshakeOutputPending && writeLock.tryLock()) {
            try {
                handshakeOutputPending = false;
                sendHandshakeOutput();
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** Wraps and writes handshake messages while the engine has some, running its tasks between. Holds the write lock. */
    @Suspendable
    private void sendHandshakeOutput() throws IOException {
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else if (hs != HandshakeStatus.NEED_WRAP || wrapAndFlush(EMPTY).getStatus() == SSLEngineResult.Status.CLOSED) {
                return;
            }
        }
    }

    /** Steps the engine until it has nothing left to exchange. Holds both locks. */
    @Suspendable
    private void driveHandshake() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> {
                    if (wrapAndFlush(EMPTY).getStatus() == SSLEngineResult.Status.CLOSED) {
                        return;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrapRecord();
                    if (r == null) {
                        throw new SSLHandshakeException("the peer closed the connection during the TLS handshake");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        inboundDone = true;
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /**
     * Unwraps one record into {@link #appIn}, reading from the TCP socket until a whole record is there.
     * Holds the read lock.
     *
     * @return the engine's result (status OK or CLOSED), or null if the connection ended between records
     */
    @Suspendable
    private SSLEngineResult unwrapRecord() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = enlarge(appIn, engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    if (!netIn.hasRemaining()) {
                        netIn = enlarge(netIn, engine.getSession().getPacketBufferSize());
                    }
                    if (tcp.read(netIn) < 0) {
                        if (netIn.position() > 0) {
                            throw new SSLException("the connection ended in the middle of a TLS record ("
                                    + netIn.position() + " bytes of it received)");
                        }
                        return null;
                    }
                }
                default -> {
                    return r;
                }
            }
        }
    }

    /**
     * Wraps one record (or one handshake flight) from {@code src} and writes it. Holds the write lock.
     *
     * @return the engine's result, status OK or CLOSED
     */
    @Suspendable
    private SSLEngineResult wrapAndFlush(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                continue;
            }
            netOut.flip();
            if (netOut.hasRemaining()) {
                tcp.write(netOut);
            }
            return r;
        }
    }

    /**
     * Runs the engine's delegated tasks on the blocking pool (they verify certificates and compute keys,
     * which would otherwise hold the loop); on a plain thread they run right here.
     */
    @Suspendable
    private void runDelegatedTasks() throws IOException {
        try {
            Coroutines.offload(() -> {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                return null;
            });
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SSLException("a TLS handshake task failed: " + e, e);
        }
    }

    /** The peer closed TCP without close_notify: the stream ends there, as the StreamSocket contract says. */
    private void endOfStream() {
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException truncationWarning) {
            // The engine warns of a possible truncation attack; framing above TLS (lengths, chunking) detects
            // a truncated message, and a stream that simply ends is what readers of a StreamSocket expect.
        }
    }

    private int deliver(ByteBuffer dst) {
        appIn.flip();
        int n = Math.min(appIn.remaining(), dst.remaining());
        int limit = appIn.limit();
        appIn.limit(appIn.position() + n);
        dst.put(appIn);
        appIn.limit(limit);
        appIn.compact();
        return n;
    }

    private SSLException connectionFailure(SSLException e) {
        if (writeLock.tryLock()) {    // never in the middle of a record another coroutine is writing
            try {
                sendAlertQuietly();
            } finally {
                writeLock.unlock();
            }
        }
        String message = "TLS connection with " + peer + ": " + e.getMessage();
        SSLException wrapped = e instanceof SSLHandshakeException ? new SSLHandshakeException(message)
                : new SSLException(message);
        wrapped.initCause(e);
        return wrapped;
    }

    /**
     * After a failure (or closeOutbound) the engine holds an alert for the peer: one write attempt, since this
     * must not wait. Holds the write lock.
     */
    private void sendAlertQuietly() {
        try {
            ByteBuffer alert = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(EMPTY, alert);
            alert.flip();
            tcp.writeNow(alert);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: the connection is failing anyway, and the caller gets the real error.
        }
    }

    private static ByteBuffer enlarge(ByteBuffer buffer, int room) {
        int capacity = buffer.position() + room > buffer.capacity() ? buffer.position() + room : buffer.capacity() * 2;
        ByteBuffer bigger = ByteBuffer.allocate(capacity);
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    /**
     * The negotiated session: protocol, cipher suite, the peer's certificates.
     *
     * @return the session of the completed handshake
     * @throws IllegalStateException if the handshake has not completed yet
     */
    public SSLSession session() {
        requireHandshaken("session()");
        return engine.getSession();
    }

    /**
     * The protocol chosen by ALPN, when both sides configured application protocols (see
     * {@link SSLParameters#setApplicationProtocols}).
     *
     * @return the protocol, or an empty string if none was negotiated
     * @throws IllegalStateException if the handshake has not completed yet
     */
    public String applicationProtocol() {
        requireHandshaken("applicationProtocol()");
        String protocol = engine.getApplicationProtocol();
        return protocol == null ? "" : protocol;
    }

    private void requireHandshaken(String method) {
        if (!handshaken) {
            throw new IllegalStateException("TlsSocket." + method + ": the TLS handshake with " + peer
                    + " has not completed; call handshake() first");
        }
    }

    /**
     * Sets how long a read (and each wait of the handshake) waits for the peer before it throws
     * {@link SocketTimeoutException}: the read timeout of the TCP socket underneath. Any thread.
     *
     * @param timeout the longest wait; {@link Duration#ZERO} waits without limit (the default)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public void setReadTimeout(Duration timeout) {
        tcp.setReadTimeout(timeout);
    }

    /**
     * The read timeout of the TCP socket underneath.
     *
     * @return the longest a read waits; {@link Duration#ZERO} for no limit
     */
    @Override
    public Duration readTimeout() {
        return tcp.readTimeout();
    }

    /**
     * The local address of the connection.
     *
     * @return the bound address
     * @throws IOException if the socket is closed
     */
    @Override
    public InetSocketAddress localAddress() throws IOException {
        return tcp.localAddress();
    }

    /**
     * The address of the peer.
     *
     * @return the peer's address
     * @throws IOException if the socket is closed
     */
    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        return tcp.remoteAddress();
    }

    /**
     * Tells whether the socket is still open.
     *
     * @return false once this socket or the TCP socket underneath was closed
     */
    @Override
    public boolean isOpen() {
        return !closed.get() && tcp.isOpen();
    }

    /**
     * Sends close_notify if it can without waiting (the handshake is done and no write is in progress), then
     * closes the TCP socket, waking a coroutine waiting on it. Any thread; calling it again does nothing.
     *
     * @throws IOException if closing the TCP socket fails
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (handshaken && writeLock.tryLock()) {
                try {
                    engine.closeOutbound();
                    sendAlertQuietly();
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            tcp.close();
        }
    }

    @Override
    public String toString() {
        return "TlsSocket[" + (engine.getUseClientMode() ? "client" : "server") + ", " + peer + "]";
    }

    private static String describePeer(TcpSocket tcp, String host) {
        String address;
        try {
            InetSocketAddress remote = tcp.remoteAddress();
            address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        } catch (IOException | RuntimeException e) {
            address = "an unknown address (socket closed)";
        }
        return host == null ? address : host + " at " + address;
    }

    private static int remotePort(TcpSocket socket) {
        try {
            return socket.remoteAddress().getPort();
        } catch (IOException e) {
            return -1;    // only a hint for the session cache; the handshake will report the closed socket
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
