package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyWriter;
import dev.jcoro.net.StreamSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The body writers for each framing: fixed length, chunked, until close, and discarded (HEAD, 204, 304). */
public final class Writers {
    /** Below this size a chunk's frame and data are copied into one buffer and written once. */
    private static final int COALESCE_MAX = 8192;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private Writers() {
    }

    /** The part all writers share: the socket, the closed flag, and the byte[] overload. */
    abstract static class Base implements BodyWriter {
        final StreamSocket socket;
        boolean closed;
        /** Set when the body could not be completed; the connection must not carry another message. */
        boolean broken;

        Base(StreamSocket socket) {
            this.socket = socket;
        }

        @Override
        @Suspendable
        public final void write(byte[] bytes) throws IOException {
            write(ByteBuffer.wrap(bytes));
        }

        final void checkOpen() throws IOException {
            if (closed) {
                throw new IOException("body writer is closed");
            }
        }

        /**
         * Tells whether the connection can carry another message after this body.
         *
         * @return false if the body was cut short or framed by closing the connection
         */
        boolean reusable() {
            return closed && !broken;
        }
    }

    /**
     * A writer for a body of exactly {@code length} bytes.
     *
     * @param socket the connection
     * @param length the announced length
     * @return the writer
     */
    public static Base fixed(StreamSocket socket, long length) {
        return new Fixed(socket, length);
    }

    /**
     * A chunked writer.
     *
     * @param socket the connection
     * @return the writer
     */
    public static Base chunked(StreamSocket socket) {
        return new Chunked(socket);
    }

    /**
     * A writer whose body ends when the connection closes (HTTP/1.0 without a length).
     *
     * @param socket the connection
     * @return the writer
     */
    public static Base untilClose(StreamSocket socket) {
        return new UntilClose(socket);
    }

    /**
     * A writer that drops what it is given: the message has no body on the wire.
     *
     * @param socket the connection
     * @return the writer
     */
    public static Base discarding(StreamSocket socket) {
        return new Discarding(socket);
    }

    /**
     * The writer of a message sent whole ({@code send}): already closed and complete. Shared, since nothing
     * can change it: its write refuses and its close does nothing.
     *
     * @return the writer
     */
    public static Base sent() {
        return Discarding.SENT;
    }

    /**
     * Tells whether the connection may carry another message after {@code writer}'s body.
     *
     * @param writer a writer from this class
     * @return true if its body was completed with framing that does not need a close
     */
    public static boolean reusable(BodyWriter writer) {
        return ((Base) writer).reusable();
    }

    private static final class Fixed extends Base {
        private final long length;
        private long written;

        Fixed(StreamSocket socket, long length) {
            super(socket);
            this.length = length;
        }

        @Override
        @Suspendable
        public void write(ByteBuffer src) throws IOException {
            checkOpen();
            if (written + src.remaining() > length) {
                broken = true;
                throw new IOException("body longer than its Content-Length of " + length);
            }
            written += src.remaining();
            socket.write(src);
        }

        @Override
        @Suspendable
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (written != length) {
                broken = true;
                throw new IOException("body ended after " + written + " of its " + length + " bytes");
            }
        }
    }

    private static final class Chunked extends Base {
        Chunked(StreamSocket socket) {
            super(socket);
        }

        @Override
        @Suspendable
        public void write(ByteBuffer src) throws IOException {
            checkOpen();
            int n = src.remaining();
            if (n == 0) {
                return; // an empty chunk would end the body
            }
            byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            if (n <= COALESCE_MAX) {
                ByteBuffer frame = ByteBuffer.allocate(size.length + n + 2);
                frame.put(size).put(src).put((byte) '\r').put((byte) '\n').flip();
                socket.write(frame);
            } else {
                socket.write(ByteBuffer.wrap(size));
                socket.write(src);
                socket.write(ByteBuffer.wrap(new byte[] {'\r', '\n'}));
            }
        }

        @Override
        @Suspendable
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            socket.write(ByteBuffer.wrap(LAST_CHUNK));
        }
    }

    private static final class UntilClose extends Base {
        UntilClose(StreamSocket socket) {
            super(socket);
            broken = true;
        }

        @Override
        @Suspendable
        public void write(ByteBuffer src) throws IOException {
            checkOpen();
            socket.write(src);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class Discarding extends Base {
        static final Discarding SENT = new Discarding(null);

        static {
            SENT.closed = true;
        }

        Discarding(StreamSocket socket) {
            super(socket);
        }

        @Override
        public void write(ByteBuffer src) throws IOException {
            checkOpen();
            src.position(src.limit());
        }

        @Override
        public void close() {
            if (!closed) {   // SENT is shared by every loop: read it, never write it
                closed = true;
            }
        }
    }
}
