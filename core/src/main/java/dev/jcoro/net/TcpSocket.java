package dev.jcoro.net;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.internal.CarrierThread;
import dev.jcoro.internal.net.Readiness;
import dev.jcoro.internal.sched.Deadlines;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A TCP connection whose reads, writes and connect suspend the calling coroutine instead of blocking its
 * thread, so one carrier thread serves thousands of connections with straight-line code.
 *
 * <pre>{@code
 * try (TcpSocket s = TcpSocket.connect(new InetSocketAddress("127.0.0.1", 8080))) {
 *     s.write(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(US_ASCII)));
 *     ByteBuffer buf = ByteBuffer.allocate(4096);
 *     while (s.read(buf) >= 0) { ... }
 * }
 * }</pre>
 *
 * <p>{@code TCP_NODELAY} is on. Outside a coroutine the same methods block the calling thread. One
 * coroutine may read while another writes; two concurrent readers (or writers) are refused. A socket may
 * be handed from a coroutine on one loop to a coroutine on another. {@link #close()} works from any
 * thread and wakes a waiting reader or writer with {@link java.nio.channels.AsynchronousCloseException}.
 */
public final class TcpSocket implements StreamSocket {
    private final SocketChannel channel;
    private final Readiness readiness;
    private volatile long readTimeoutNanos;
    /**
     * Set by a write, cleared by a read: the next read most likely waits for the peer's answer to what was
     * just written (a request, a response), so in a coroutine it waits for readiness before it tries, saving
     * the read that would find nothing. A hint only: a stale value costs one read or one wait, never a byte.
     */
    private boolean answerAwaited;

    TcpSocket(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        this.channel = channel;
        this.readiness = new Readiness(channel);
    }

    /**
     * Connects to {@code address}, suspending until the connection is made. An unresolved address is
     * resolved on the blocking pool first, since name resolution blocks.
     *
     * @param address where to connect
     * @return the connected socket
     * @throws IOException if the connection is refused or fails, or the name does not resolve
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    public static TcpSocket connect(InetSocketAddress address) throws IOException {
        return connect(address, Duration.ZERO);
    }

    /**
     * Connects to {@code address}, giving up after {@code timeout}.
     *
     * @param address where to connect
     * @param timeout the longest wait; {@link Duration#ZERO} waits without limit
     * @return the connected socket
     * @throws SocketTimeoutException if the connection was not made in time
     * @throws IOException if the connection is refused or fails, or the name does not resolve
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    public static TcpSocket connect(InetSocketAddress address, Duration timeout) throws IOException {
        InetSocketAddress target = address.isUnresolved() ? resolve(address) : address;
        SocketChannel channel = SocketChannel.open();
        TcpSocket socket = null;
        try {
            socket = new TcpSocket(channel);
            if (!channel.connect(target)) {
                do {
                    socket.readiness.await(SelectionKey.OP_CONNECT, Deadlines.nanos(timeout));
                } while (!channel.finishConnect());
            }
            return socket;
        } catch (Throwable t) {
            if (socket != null) {
                socket.close();
            } else {
                channel.close();
            }
            throw t;
        }
    }

    @Suspendable
    private static InetSocketAddress resolve(InetSocketAddress address) throws IOException {
        try {
            return Coroutines.offload(() -> new InetSocketAddress(InetAddress.getByName(address.getHostString()),
                    address.getPort()));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new UnknownHostException(address.getHostString() + ": " + e);
        }
    }

    /**
     * Reads what is available into {@code dst}, suspending until at least one byte is (or the peer closes).
     *
     * @param dst where to put the bytes
     * @return the number of bytes read, 0 if {@code dst} has no room, -1 at the end of the stream
     * @throws SocketTimeoutException if a read timeout is set and nothing arrived in time
     * @throws java.nio.channels.AsynchronousCloseException if the socket is closed while waiting
     * @throws IOException if the connection fails
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Override
    @Suspendable
    public int read(ByteBuffer dst) throws IOException {
        if (!dst.hasRemaining()) {
            return 0;
        }
        if (answerAwaited) {
            answerAwaited = false;
            if (Thread.currentThread() instanceof CarrierThread) {
                readiness.await(SelectionKey.OP_READ, readTimeoutNanos);
            }
        }
        while (true) {
            int n = channel.read(dst);
            if (n != 0) {
                return n;
            }
            readiness.await(SelectionKey.OP_READ, readTimeoutNanos);
        }
    }

    /**
     * Writes all of {@code src}, suspending whenever the socket's send buffer is full.
     *
     * @param src the bytes to write; its position ends at its limit
     * @throws java.nio.channels.AsynchronousCloseException if the socket is closed while waiting
     * @throws IOException if the connection fails
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Override
    @Suspendable
    public void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (channel.write(src) == 0) {
                readiness.await(SelectionKey.OP_WRITE, 0);
            }
        }
        answerAwaited = true;
    }

    /**
     * Writes what the socket's send buffer takes right now, without waiting: for a last message sent from
     * a method that must not suspend ({@link TlsSocket#close()}'s close_notify). Any thread.
     *
     * @param src the bytes to write; its position advances past what was written
     * @return the number of bytes written, possibly 0
     * @throws IOException if the socket is closed or the connection fails
     */
    int writeNow(ByteBuffer src) throws IOException {
        return channel.write(src);
    }

    /**
     * Sets how long {@link #read} waits for data before it throws {@link SocketTimeoutException}.
     * Any thread; applies to reads that start afterwards.
     *
     * @param timeout the longest wait; {@link Duration#ZERO} waits without limit (the default)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public void setReadTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative read timeout: " + timeout);
        }
        readTimeoutNanos = Deadlines.nanos(timeout);
    }

    /**
     * The read timeout.
     *
     * @return the longest a read waits; {@link Duration#ZERO} for no limit
     */
    @Override
    public Duration readTimeout() {
        return Duration.ofNanos(readTimeoutNanos);
    }

    /**
     * Ends the output direction: the peer's reads return -1, while this side can still read.
     *
     * @throws IOException if the socket is closed or the shutdown fails
     */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /**
     * The local address of the connection.
     *
     * @return the bound address
     * @throws IOException if the socket is closed
     */
    @Override
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * The address of the peer.
     *
     * @return the peer's address
     * @throws IOException if the socket is closed
     */
    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        return (InetSocketAddress) channel.getRemoteAddress();
    }

    /**
     * Tells whether the socket is still open.
     *
     * @return false once closed
     */
    @Override
    public boolean isOpen() {
        return !readiness.isClosed() && channel.isOpen();
    }

    /**
     * Closes the connection and wakes a coroutine waiting on it. Any thread; calling it again does nothing.
     *
     * @throws IOException if closing fails
     */
    @Override
    public void close() throws IOException {
        readiness.close();
    }

    @Override
    public String toString() {
        return "TcpSocket[" + channel + "]";
    }
}
