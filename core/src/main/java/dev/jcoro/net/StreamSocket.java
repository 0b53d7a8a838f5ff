package dev.jcoro.net;

import dev.jcoro.Suspendable;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A connected byte stream whose reads and writes suspend the calling coroutine: a plain {@link TcpSocket}
 * or an encrypted one layered over it. Protocol code (HTTP, Redis, MySQL) is written against this type so
 * that the same code serves {@code http} and {@code https}, {@code redis} and {@code rediss}.
 *
 * <p>Outside a coroutine the same methods block the calling thread. One coroutine may read while another
 * writes; {@link #close()} works from any thread and wakes a waiting reader or writer.
 */
public interface StreamSocket extends Closeable {

    /**
     * Reads what is available into {@code dst}, suspending until at least one byte is (or the peer closes).
     *
     * @param dst where to put the bytes
     * @return the number of bytes read, 0 if {@code dst} has no room, -1 at the end of the stream
     * @throws java.net.SocketTimeoutException if a read timeout is set and nothing arrived in time
     * @throws IOException if the connection fails or is closed while waiting
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    int read(ByteBuffer dst) throws IOException;

    /**
     * Writes all of {@code src}, suspending whenever the connection cannot take more.
     *
     * @param src the bytes to write; its position ends at its limit
     * @throws IOException if the connection fails or is closed while waiting
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    void write(ByteBuffer src) throws IOException;

    /**
     * Sets how long {@link #read} waits for data before it throws {@link java.net.SocketTimeoutException}.
     * Any thread; applies to reads that start afterwards.
     *
     * @param timeout the longest wait; {@link Duration#ZERO} waits without limit (the default)
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    void setReadTimeout(Duration timeout);

    /**
     * The read timeout.
     *
     * @return the longest a read waits; {@link Duration#ZERO} for no limit
     */
    Duration readTimeout();

    /**
     * The local address of the connection.
     *
     * @return the bound address
     * @throws IOException if the socket is closed
     */
    InetSocketAddress localAddress() throws IOException;

    /**
     * The address of the peer.
     *
     * @return the peer's address
     * @throws IOException if the socket is closed
     */
    InetSocketAddress remoteAddress() throws IOException;

    /**
     * Tells whether the socket is still open.
     *
     * @return false once closed
     */
    boolean isOpen();

    /**
     * Closes the connection and wakes a coroutine waiting on it. Any thread; calling it again does nothing.
     *
     * @throws IOException if closing fails
     */
    @Override
    void close() throws IOException;
}
