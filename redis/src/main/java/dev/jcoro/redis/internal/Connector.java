package dev.jcoro.redis.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.net.StreamSocket;
import dev.jcoro.net.TcpSocket;
import dev.jcoro.net.TlsContexts;
import dev.jcoro.net.TlsSocket;
import dev.jcoro.redis.RedisConnectionException;
import dev.jcoro.redis.RedisException;
import dev.jcoro.redis.internal.resp.RespLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Opens connections to one server: the socket, the handshake, and for pipelined connections the
 * coroutines that run them. Safe to use from many coroutines at once.
 */
public final class Connector {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final RedisUri uri;
    private final Duration connectTimeout;
    private final long commandTimeoutNanos;
    private final boolean resp3;
    private final String clientName;
    private final RespLimits limits;
    private final SSLContext sslContext;
    private final Launcher launcher;

    /**
     * Creates a connector.
     *
     * @param uri the server and credentials
     * @param connectTimeout the limit for connecting plus the handshake; zero for none
     * @param commandTimeout the default command timeout of the connections; zero for none
     * @param resp3 whether to ask for RESP3
     * @param clientName the connections' name, or null
     * @param limits the largest replies accepted
     * @param sslContext the TLS context for {@code rediss}, or null for the JDK's default
     * @param launcher where the connections' coroutines run
     */
    public Connector(RedisUri uri, Duration connectTimeout, Duration commandTimeout, boolean resp3, String clientName,
            RespLimits limits, SSLContext sslContext, Launcher launcher) {
        this.uri = uri;
        this.connectTimeout = connectTimeout;
        this.commandTimeoutNanos = commandTimeout.toNanos();
        this.resp3 = resp3;
        this.clientName = clientName;
        this.limits = limits;
        this.sslContext = sslContext;
        this.launcher = launcher;
    }

    /**
     * Opens a pipelined connection.
     *
     * @return the running connection
     * @throws RedisConnectionException if the server cannot be reached or the handshake fails
     * @throws RedisException if the server refuses the credentials or the database
     */
    @Suspendable
    public Connection open() throws IOException {
        Handshake.Session session = handshake();
        try {
            return Connection.start(session, commandTimeoutNanos, launcher);
        } catch (RuntimeException e) {
            closeQuietly(session.socket());
            throw e;
        }
    }

    /**
     * Opens a socket and runs the handshake, for a caller that reads the socket itself (a subscription).
     *
     * @return the socket, its reader and the protocol
     * @throws RedisConnectionException if the server cannot be reached or the handshake fails
     * @throws RedisException if the server refuses the credentials or the database
     */
    @Suspendable
    Handshake.Session handshake() throws IOException {
        String server = uri.serverName();
        StreamSocket socket;
        try {
            socket = connectSocket();
        } catch (IOException e) {
            throw new RedisConnectionException("cannot connect to " + server + ": " + e.getMessage(), e);
        }
        try {
            socket.setReadTimeout(connectTimeout);
            ReplyReader replies = new ReplyReader(socket, limits, server);
            int protocol = Handshake.perform(socket, replies, uri, resp3, clientName);
            socket.setReadTimeout(Duration.ZERO);
            return new Handshake.Session(socket, replies, server, protocol);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("cannot connect to " + server + ": no answer to the handshake within "
                    + connectTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new RedisConnectionException("cannot connect to " + server + ": the handshake failed: " + e.getMessage(), e);
        } catch (Throwable t) {
            closeQuietly(socket);
            throw t;
        }
    }

    /** A TCP connection, wrapped in TLS for {@code rediss} (with hostname verification) and handshaken. */
    @Suspendable
    private StreamSocket connectSocket() throws IOException {
        TcpSocket tcp = TcpSocket.connect(address(), connectTimeout);
        if (!uri.tls()) {
            return tcp;
        }
        TlsSocket tls = TlsSocket.client(tcp, sslContext != null ? sslContext : TlsContexts.client(), uri.host());
        try {
            tcp.setReadTimeout(connectTimeout);
            tls.handshake();
            tcp.setReadTimeout(Duration.ZERO);
            return tls;
        } catch (Throwable t) {
            closeQuietly(tls);
            throw t;
        }
    }

    /** A literal address is used as is; a name is left unresolved, so that TcpSocket resolves it off the loop. */
    private InetSocketAddress address() {
        String host = uri.host();
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            return new InetSocketAddress(host, uri.port());
        }
        return InetSocketAddress.createUnresolved(host, uri.port());
    }

    /**
     * The default command timeout of the connections.
     *
     * @return nanoseconds; 0 for none
     */
    public long commandTimeoutNanos() {
        return commandTimeoutNanos;
    }

    /**
     * How messages name the server.
     *
     * @return for example {@code redis 127.0.0.1:6379}
     */
    public String serverName() {
        return uri.serverName();
    }

    /**
     * The largest replies accepted.
     *
     * @return the limits
     */
    public RespLimits limits() {
        return limits;
    }

    static void closeQuietly(StreamSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Abandoning a connection that failed; the original failure is what the caller needs.
        }
    }

    @Override
    public String toString() {
        return "Connector[" + uri + ", timeout " + TimeUnit.NANOSECONDS.toMillis(commandTimeoutNanos) + " ms]";
    }
}
