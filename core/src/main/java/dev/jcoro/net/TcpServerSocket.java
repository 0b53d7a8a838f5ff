package dev.jcoro.net;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.internal.net.Readiness;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A listening TCP socket whose {@link #accept()} suspends the calling coroutine until a client connects.
 *
 * <pre>{@code
 * try (TcpServerSocket server = TcpServerSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
 *     while (true) {
 *         TcpSocket client = server.accept();
 *         Coroutines.launch(() -> serve(client));   // one coroutine per connection
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #bind}, {@link #close()} and {@link #localAddress()} work from any thread; outside a coroutine
 * {@code accept} blocks the thread. Accepted sockets may be served by coroutines on any loop.
 */
public final class TcpServerSocket implements Closeable {
    /** Like Netty's messages-per-read limit: how many connections one accept loop takes before yielding. */
    private static final int ACCEPTS_BEFORE_YIELD = 64;

    /** The default length of the queue of connections not yet accepted. */
    public static final int DEFAULT_BACKLOG = 4096;

    private final ServerSocketChannel channel;
    private final Readiness readiness;
    private final InetSocketAddress localAddress;
    /** Connections taken since accept last had to wait; a hint, so a racy count is harmless. */
    private int acceptedInARow;

    private TcpServerSocket(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.readiness = new Readiness(channel);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Listens on {@code address} with a backlog of {@value #DEFAULT_BACKLOG}. Port 0 picks a free port; see
     * {@link #localAddress()}.
     *
     * @param address where to listen
     * @return the listening socket
     * @throws IOException if the address cannot be bound
     */
    public static TcpServerSocket bind(InetSocketAddress address) throws IOException {
        return bind(address, DEFAULT_BACKLOG);
    }

    /**
     * Listens on {@code address} with the given backlog (the system may cap it).
     *
     * @param address where to listen
     * @param backlog how many connections may wait to be accepted
     * @return the listening socket
     * @throws IOException if the address cannot be bound
     * @throws IllegalArgumentException if {@code backlog} is less than 1
     */
    public static TcpServerSocket bind(InetSocketAddress address, int backlog) throws IOException {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be at least 1: " + backlog);
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            return new TcpServerSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Waits for the next connection and returns it.
     *
     * @return the accepted connection, with {@code TCP_NODELAY} on
     * @throws java.nio.channels.AsynchronousCloseException if the server socket is closed while waiting
     * @throws IOException if accepting fails, or the server socket is closed
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    public TcpSocket accept() throws IOException {
        if (++acceptedInARow >= ACCEPTS_BEFORE_YIELD) {
            // Under a burst of connections accept never has to wait; let the coroutines it started run too.
            acceptedInARow = 0;
            Coroutines.yieldNow();
        }
        while (true) {
            SocketChannel client = channel.accept();
            if (client != null) {
                try {
                    return new TcpSocket(client);
                } catch (IOException | RuntimeException e) {
                    client.close();
                    throw e;
                }
            }
            acceptedInARow = 0;
            readiness.await(SelectionKey.OP_ACCEPT, 0);
        }
    }

    /**
     * The address the socket listens on, with the actual port when bound to port 0.
     *
     * @return the bound address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Stops listening and wakes a coroutine waiting in {@link #accept()}. Any thread; calling it again
     * does nothing. Connections already accepted stay open.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        readiness.close();
    }

    @Override
    public String toString() {
        return "TcpServerSocket[" + localAddress + "]";
    }
}
