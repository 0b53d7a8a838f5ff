package dev.jcoro.mysql.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.MySqlProtocolException;
import dev.jcoro.net.StreamSocket;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * The packet layer of the MySQL protocol over a {@link StreamSocket}: each packet is a three-byte
 * little-endian length and a one-byte sequence id, then the payload. A payload of 16 MiB - 1 or more is
 * split into 16 MiB - 1 chunks ending with a shorter one (empty if needed); this class splits on writing
 * and joins on reading, so the layers above see whole payloads. Sequence ids count up from 0 within a
 * command, across both directions; a packet out of sequence is a protocol error.
 *
 * <p>Reads go through one buffer, filled with as much as the socket has, so many small packets (rows)
 * cost one socket read. Confined to the coroutine that owns the connection.
 */
public final class PacketChannel {
    /** The largest payload one packet carries; a payload this long continues in the next packet. */
    public static final int MAX_CHUNK = 0xFFFFFF;
    private static final int BUFFER = 16 * 1024;
    /** A buffer grown past this for a huge packet shrinks back once that packet is read. */
    private static final int KEEP_LIMIT = 1 << 20;

    private StreamSocket socket;
    private final int maxPayload;
    private byte[] in = new byte[BUFFER];
    private int readPos;
    private int writePos;
    private byte[] joined;
    private final Payload payload = new Payload();
    private final PacketBuilder out = new PacketBuilder();
    private final ByteBuffer header = ByteBuffer.allocate(4);
    private int sequence;
    private long deadline;
    private DeadlineHandler handler;

    /**
     * Creates the channel.
     *
     * @param socket the connection
     * @param maxPayload the largest joined payload accepted from the server, in bytes
     */
    public PacketChannel(StreamSocket socket, int maxPayload) {
        this.socket = socket;
        this.maxPayload = maxPayload;
    }

    /** The socket packets travel on. */
    public StreamSocket socket() {
        return socket;
    }

    /**
     * Replaces the socket by one layered over it (TLS), after the SSL request packet went out.
     *
     * @param upgraded the new socket
     * @throws MySqlProtocolException if the server sent bytes the old socket read ahead, which the new one
     *     would never see
     */
    public void upgrade(StreamSocket upgraded) throws MySqlProtocolException {
        if (readPos != writePos) {
            throw new MySqlProtocolException("the server sent " + (writePos - readPos)
                    + " unexpected bytes before the TLS handshake");
        }
        socket = upgraded;
    }

    /** Starts a new command: the next packet sent has sequence id 0. */
    public void resetSequence() {
        sequence = 0;
    }

    /** The sequence id the next packet will carry (sent or expected). */
    public int sequence() {
        return sequence;
    }

    /**
     * Bounds the reads that follow by a deadline: a read still waiting at {@code deadlineNanos}
     * ({@link System#nanoTime()}) throws {@link SocketTimeoutException}.
     *
     * @param deadlineNanos the deadline, or 0 for none
     */
    public void deadline(long deadlineNanos) {
        deadline = deadlineNanos;
        if (deadlineNanos == 0) {
            socket.setReadTimeout(Duration.ZERO);
        }
    }

    /**
     * Sets who decides what happens when a {@linkplain #deadline deadline} passes; without one, the read
     * throws {@link SocketTimeoutException}.
     *
     * @param handler the handler
     */
    public void deadlineHandler(DeadlineHandler handler) {
        this.handler = handler;
    }

    /**
     * The builder for the next packet to send, emptied.
     *
     * @return the builder; fill it, then call {@link #send()}
     */
    public PacketBuilder begin() {
        return out.clear();
    }

    /**
     * Sends the packet built since {@link #begin()}, split into chunks if it is 16 MiB - 1 bytes or longer.
     *
     * @throws IOException if the connection fails
     */
    @Suspendable
    public void send() throws IOException {
        byte[] buf = out.array();
        int length = out.length();
        if (length < MAX_CHUNK) {
            putHeader(buf, 0, length);
            socket.write(ByteBuffer.wrap(buf, 0, PacketBuilder.HEADER + length));
            return;
        }
        int off = PacketBuilder.HEADER;
        int left = length;
        while (true) {
            int chunk = Math.min(left, MAX_CHUNK);
            header.clear();
            putHeader(header.array(), 0, chunk);
            socket.write(header);
            socket.write(ByteBuffer.wrap(buf, off, chunk));
            off += chunk;
            left -= chunk;
            if (chunk < MAX_CHUNK) {
                return;
            }
        }
    }

    private void putHeader(byte[] b, int at, int length) {
        b[at] = (byte) length;
        b[at + 1] = (byte) (length >>> 8);
        b[at + 2] = (byte) (length >>> 16);
        b[at + 3] = (byte) sequence;
        sequence = (sequence + 1) & 0xff;
    }

    /**
     * Reads the next packet, joining split ones.
     *
     * @param kind what the packet is expected to be, for error messages
     * @return its payload, valid until the next read
     * @throws MySqlProtocolException if the packet is out of sequence or larger than allowed
     * @throws EOFException if the server closes the connection
     * @throws SocketTimeoutException if the {@linkplain #deadline deadline} passes first and no handler
     *     extends it
     * @throws IOException if the connection fails
     */
    @Suspendable
    public Payload read(String kind) throws IOException {
        int length = readHeader(kind);
        if (length < MAX_CHUNK) {
            fill(length, kind);
            payload.reset(in, readPos, readPos + length);
            readPos += length;
            return payload.expect(kind);
        }
        int total = 0;
        while (true) {
            if ((long) total + length > maxPayload) {
                throw new MySqlProtocolException("the server's " + kind + " is larger than the client's limit of "
                        + maxPayload + " bytes");
            }
            fill(length, kind);
            joined = joined == null ? new byte[length] : Arrays.copyOf(joined, total + length);
            System.arraycopy(in, readPos, joined, total, length);
            readPos += length;
            total += length;
            if (length < MAX_CHUNK) {
                break;
            }
            length = readHeader(kind);
        }
        byte[] whole = joined;
        joined = null;
        shrink();
        payload.reset(whole, 0, total);
        return payload.expect(kind);
    }

    @Suspendable
    private int readHeader(String kind) throws IOException {
        shrink();
        fill(4, kind);
        int length = (in[readPos] & 0xff) | (in[readPos + 1] & 0xff) << 8 | (in[readPos + 2] & 0xff) << 16;
        int seq = in[readPos + 3] & 0xff;
        if (seq != sequence) {
            throw new MySqlProtocolException("packet out of sequence from the server: expected sequence id "
                    + sequence + ", got " + seq + " (a " + length + "-byte packet, reading a " + kind + ")");
        }
        sequence = (sequence + 1) & 0xff;
        readPos += 4;
        return length;
    }

    /** Makes {@code n} bytes available at {@link #readPos}, reading from the socket as needed. */
    @Suspendable
    private void fill(int n, String kind) throws IOException {
        if (writePos - readPos >= n) {
            return;
        }
        if (in.length - readPos < n) {
            byte[] bigger = in.length >= n ? in : new byte[Math.max(n, Math.min(in.length * 2, MAX_CHUNK + 4))];
            System.arraycopy(in, readPos, bigger, 0, writePos - readPos);
            writePos -= readPos;
            readPos = 0;
            in = bigger;
        }
        ByteBuffer dst = ByteBuffer.wrap(in, writePos, in.length - writePos);
        while (writePos - readPos < n) {
            int got = readSocket(dst);
            if (got < 0) {
                int had = writePos - readPos;
                throw new EOFException("the server closed the connection" + (had == 0 ? ""
                        : " in the middle of a packet (" + had + " of " + n + " bytes of a " + kind + " arrived)"));
            }
            writePos += got;
        }
    }

    /**
     * Reads from the socket within the deadline. When the deadline passes, the handler decides: it may set a
     * new deadline and the read goes on where it was (no packet is torn), or throw.
     */
    @Suspendable
    private int readSocket(ByteBuffer dst) throws IOException {
        while (true) {
            if (deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    deadline = deadlinePassed();
                    continue;
                }
                socket.setReadTimeout(Duration.ofNanos(left));
            }
            try {
                return socket.read(dst);
            } catch (SocketTimeoutException e) {
                if (deadline == 0) {
                    throw e;
                }
                // The loop asks the handler what to do now that the deadline has passed.
            }
        }
    }

    @Suspendable
    private long deadlinePassed() throws IOException {
        if (handler == null) {
            throw new SocketTimeoutException("no reply from the server in time");
        }
        long next = handler.deadlinePassed();
        if (next == 0) {
            socket.setReadTimeout(Duration.ZERO);
        }
        return next;
    }

    /** Decides what happens when a read's deadline passes. */
    public interface DeadlineHandler {
        /**
         * Called, on the reading coroutine, when the deadline passed while waiting for the server.
         *
         * @return a new deadline ({@link System#nanoTime()}) to keep reading until, or 0 for none
         * @throws IOException to fail the read
         */
        @Suspendable
        long deadlinePassed() throws IOException;
    }

    /** Gives back the memory of a huge packet once nothing of it is left to read. */
    private void shrink() {
        if (in.length > KEEP_LIMIT && writePos - readPos <= BUFFER) {
            byte[] small = new byte[BUFFER];
            System.arraycopy(in, readPos, small, 0, writePos - readPos);
            writePos -= readPos;
            readPos = 0;
            in = small;
        } else if (readPos == writePos) {
            readPos = 0;
            writePos = 0;
        }
    }
}
