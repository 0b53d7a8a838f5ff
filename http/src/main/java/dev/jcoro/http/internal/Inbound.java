package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.net.StreamSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The receiving side of one connection: a socket and the buffer of bytes read from it but not yet
 * consumed, which the head decoder and the body readers take from in turn. The buffer starts small and
 * grows only for a long line (the decoders' limits bound it); pipelined requests simply stay in it.
 *
 * <p>Confined to the coroutine that serves the connection.
 */
public final class Inbound {
    private final StreamSocket socket;
    private final int initialCapacity;
    private final int maxCapacity;
    private ByteBuffer buf;
    private long timeoutNanos = -1;

    /**
     * Reads from {@code socket} into a buffer of {@code initialCapacity} bytes, grown up to
     * {@code maxCapacity}.
     *
     * @param socket the connection
     * @param initialCapacity the buffer's first size
     * @param maxCapacity the most it may grow to
     */
    public Inbound(StreamSocket socket, int initialCapacity, int maxCapacity) {
        this.socket = socket;
        this.initialCapacity = initialCapacity;
        this.maxCapacity = Math.max(initialCapacity, maxCapacity);
        this.buf = ByteBuffer.allocate(initialCapacity).flip();
    }

    /**
     * The unread bytes, in read mode (position to limit); consumers advance its position.
     *
     * @return the buffer
     */
    public ByteBuffer buffer() {
        return buf;
    }

    /**
     * Tells whether unread bytes are waiting.
     *
     * @return true if the buffer is not empty
     */
    public boolean hasBuffered() {
        return buf.hasRemaining();
    }

    /**
     * The connection.
     *
     * @return the socket read from
     */
    public StreamSocket socket() {
        return socket;
    }

    /**
     * Reads more bytes from the socket behind those already buffered, making room first (by moving the
     * unread bytes to the front, or by growing the buffer when they fill it).
     *
     * @param timeoutNanos the longest wait for a byte; 0 for no limit
     * @return the number of bytes added, or -1 at the end of the stream
     * @throws java.net.SocketTimeoutException if nothing came in time
     * @throws IOException if the connection fails
     */
    @Suspendable
    public int fill(long timeoutNanos) throws IOException {
        makeRoom();
        setTimeout(timeoutNanos);
        int pos = buf.position();
        buf.position(buf.limit()).limit(buf.capacity());
        int n;
        try {
            n = socket.read(buf);
        } finally {
            buf.limit(buf.position()).position(pos);
        }
        return n;
    }

    /**
     * Reads from the socket straight into {@code dst}, bypassing the buffer; only when nothing is buffered.
     * Used for large bodies, saving a copy.
     *
     * @param dst where to read to
     * @param timeoutNanos the longest wait for a byte; 0 for no limit
     * @return as {@link StreamSocket#read}
     * @throws IOException as {@link #fill}
     */
    @Suspendable
    public int readDirect(ByteBuffer dst, long timeoutNanos) throws IOException {
        assert !buf.hasRemaining();
        setTimeout(timeoutNanos);
        return socket.read(dst);
    }

    private void setTimeout(long nanos) {
        if (nanos != timeoutNanos) {
            socket.setReadTimeout(Duration.ofNanos(nanos));
            timeoutNanos = nanos;
        }
    }

    private void makeRoom() {
        if (buf.limit() < buf.capacity()) {
            return;
        }
        if (buf.position() > 0) {
            buf.compact().flip();
            return;
        }
        if (buf.capacity() >= maxCapacity) {
            // The decoders' limits are below the maximum, so they reject a line before it can fill it.
            throw new IllegalStateException("receive buffer full at " + maxCapacity + " bytes");
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.min(maxCapacity, buf.capacity() * 2));
        bigger.put(buf).flip();
        buf = bigger;
    }

    /**
     * Goes back to a buffer of the initial size if this one grew (for a long head) and holds nothing, so
     * that a connection waiting for its next request does not keep the large one.
     */
    public void shrinkIfEmpty() {
        if (!buf.hasRemaining() && buf.capacity() > initialCapacity) {
            buf = ByteBuffer.allocate(initialCapacity).flip();
        }
    }

    /**
     * Moves unread bytes to the front when the buffer is at least half consumed, so that a long stream of
     * pipelined requests does not make it grow.
     */
    public void compactIfWorthIt() {
        if (buf.position() > 0 && (!buf.hasRemaining() || buf.position() >= buf.capacity() / 2)) {
            buf.compact().flip();
        }
    }
}
