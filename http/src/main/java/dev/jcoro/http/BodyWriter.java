package dev.jcoro.http;

import dev.jcoro.Suspendable;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A message body written as it is produced: a streamed response on the server, a streamed request body on
 * the client. Writes suspend while the connection cannot take more; {@link #close()} ends the body (the
 * last chunk of a chunked body).
 *
 * <p>Write from one coroutine; not thread-safe.
 */
public interface BodyWriter extends Closeable {

    /**
     * Writes all of {@code src} as body bytes.
     *
     * @param src the bytes; its position ends at its limit
     * @throws IOException if the connection fails, the writer is closed, or a fixed-length body would grow
     *     past its length
     */
    @Suspendable
    void write(ByteBuffer src) throws IOException;

    /**
     * Writes all of {@code bytes}.
     *
     * @param bytes the bytes
     * @throws IOException as {@link #write(ByteBuffer)}
     */
    @Suspendable
    void write(byte[] bytes) throws IOException;

    /**
     * Ends the body. Calling it again does nothing.
     *
     * @throws IOException if the connection fails, or a fixed-length body is shorter than announced (the
     *     connection is then closed, since the message cannot be completed)
     */
    @Override
    @Suspendable
    void close() throws IOException;
}
