package dev.jcoro.redis.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.net.StreamSocket;
import dev.jcoro.redis.RespValue;
import dev.jcoro.redis.internal.resp.RespDecoder;
import dev.jcoro.redis.internal.resp.RespLimits;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Reads whole RESP values from a socket: the decoder plus the buffer it decodes from. The handshake uses
 * it first, then the connection's reader coroutine, so the stream offsets in protocol errors count from
 * the connection's first byte. One coroutine at a time.
 */
final class ReplyReader {
    private final StreamSocket socket;
    private final RespDecoder decoder;
    private final String server;
    /** Kept in read mode (flipped) between calls: position..limit is what the decoder has not consumed. */
    private final ByteBuffer buf;

    ReplyReader(StreamSocket socket, RespLimits limits, String server) {
        this.socket = socket;
        this.decoder = new RespDecoder(limits);
        this.server = server;
        // Room for a whole header line: the decoder leaves an unfinished line in the buffer.
        this.buf = ByteBuffer.allocate(Math.max(64 * 1024, limits.maxLineLength() + 1024));
        this.buf.limit(0);
    }

    /**
     * The next value from the server, suspending until all of it has arrived.
     *
     * @return the value
     * @throws EOFException if the server closed the connection
     * @throws dev.jcoro.redis.RespProtocolException if the bytes are not valid RESP
     * @throws IOException if reading fails
     */
    @Suspendable
    RespValue read() throws IOException {
        while (true) {
            RespValue v = decoder.decode(buf);
            if (v != null) {
                return v;
            }
            buf.compact();
            int n;
            try {
                n = socket.read(buf);
            } finally {
                buf.flip();
            }
            if (n < 0) {
                throw new EOFException(server + " closed the connection");
            }
        }
    }

    /** True if bytes have arrived that are not decoded yet, so {@link #read()} may not need the socket. */
    boolean hasBuffered() {
        return buf.hasRemaining();
    }

    /** The stream offset of the next byte to decode, for messages. */
    long offset() {
        return decoder.consumed();
    }
}
