package dev.jcoro.http;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A message body that arrives over the connection: a request's body on the server, a response's on the
 * client. Reads suspend the calling coroutine until bytes come; the framing (Content-Length, chunked,
 * until-close) is already taken off, so the reader sees only the body's bytes.
 *
 * <pre>{@code
 * byte[] all = request.body().readAllBytes();           // up to the server's body limit
 * ByteBuffer buf = ByteBuffer.allocate(64 * 1024);        // or stream it
 * while (request.body().read(buf.clear()) >= 0) { buf.flip(); sink.write(buf); }
 * }</pre>
 *
 * <p>Read from the coroutine that handles the message; not thread-safe.
 */
public interface BodyReader {

    /**
     * Reads what is available of the body into {@code dst}, suspending until at least one byte is.
     *
     * @param dst where to put the bytes
     * @return the number of bytes read, 0 if {@code dst} has no room, -1 at the end of the body
     * @throws HttpStatusException on the server, when the body is malformed (400), over the limit (413) or
     *     stalls past the body timeout (408)
     * @throws java.net.SocketTimeoutException on the client, when the read timeout passes
     * @throws IOException if the connection fails or closes before the end of the body
     */
    @Suspendable
    int read(ByteBuffer dst) throws IOException;

    /**
     * Reads the rest of the body into an array, refusing more than the default limit (the server's
     * body limit; on the client, the client's response-size limit).
     *
     * @return the bytes
     * @throws HttpStatusException with 413 if the body is larger than the limit, or as {@link #read}
     * @throws IOException as {@link #read}
     */
    @Suspendable
    byte[] readAllBytes() throws IOException;

    /**
     * Reads the rest of the body into an array, refusing more than {@code limit} bytes.
     *
     * @param limit the most bytes accepted
     * @return the bytes
     * @throws HttpStatusException with 413 if the body is larger than {@code limit}, or as {@link #read}
     * @throws IOException as {@link #read}
     */
    @Suspendable
    byte[] readAllBytes(long limit) throws IOException;

    /**
     * The body's length when its sender announced it.
     *
     * @return the Content-Length, or -1 for a chunked or until-close body
     */
    long contentLength();

    /**
     * Tells whether the whole body has been read.
     *
     * @return true once {@link #read} has returned -1, or the body is empty
     */
    boolean isFinished();
}
