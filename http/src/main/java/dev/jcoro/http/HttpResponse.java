package dev.jcoro.http;

import dev.jcoro.Suspendable;
import java.io.IOException;

/**
 * The response a handler builds: a status and header fields, then either a whole body
 * ({@link #send(byte[])}) or a streamed one ({@link #stream()}). The server adds {@code Date},
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}, and {@code Connection}; it leaves the body
 * out for {@code HEAD} and for 204 and 304 responses.
 *
 * <pre>{@code
 * response.status(201).header("Location", "/files/7").send("created");
 *
 * try (BodyWriter out = response.header("Content-Type", "text/csv").stream()) {   // chunked
 *     for (Row row : rows) out.write(csvLine(row));
 * }
 * }</pre>
 *
 * <p>A handler that returns without sending answers with the status set so far and an empty body. Use it
 * from the coroutine that runs the handler.
 */
public interface HttpResponse {

    /**
     * Sets the status; 200 unless set.
     *
     * @param code 200 to 599 (interim 1xx responses are the server's: it sends {@code 100 Continue} itself)
     * @return this response
     * @throws IllegalStateException if the response has already started
     * @throws IllegalArgumentException if {@code code} is out of range or interim
     */
    HttpResponse status(int code);

    /**
     * The status set so far.
     *
     * @return the status code
     */
    int status();

    /**
     * Adds a header field. {@code Content-Length}, {@code Transfer-Encoding} are the server's to set and
     * are ignored; {@code Connection: close} closes the connection after this response.
     *
     * @param name the field name
     * @param value the value
     * @return this response
     * @throws IllegalStateException if the response has already started
     * @throws IllegalArgumentException if the name is not a token or the value holds CR, LF or NUL
     */
    HttpResponse header(String name, String value);

    /**
     * The header fields set so far; changes after the response has started have no effect.
     *
     * @return the fields
     */
    HttpHeaders headers();

    /**
     * Sends the whole response with {@code body}, suspending until it is written.
     *
     * @param body the body bytes
     * @throws IllegalStateException if the response has already started
     * @throws IOException if the connection fails
     */
    @Suspendable
    void send(byte[] body) throws IOException;

    /**
     * Sends the whole response with {@code text} encoded as UTF-8; sets
     * {@code Content-Type: text/plain; charset=utf-8} unless a type is set.
     *
     * @param text the body
     * @throws IllegalStateException if the response has already started
     * @throws IOException if the connection fails
     */
    @Suspendable
    void send(String text) throws IOException;

    /**
     * Starts a body of unknown length: chunked for HTTP/1.1, until close for HTTP/1.0. The head is
     * written at once.
     *
     * @return the writer; close it to end the body
     * @throws IllegalStateException if the response has already started
     * @throws IOException if the connection fails
     */
    @Suspendable
    BodyWriter stream() throws IOException;

    /**
     * Starts a body of exactly {@code contentLength} bytes. The head is written at once.
     *
     * @param contentLength the body's length
     * @return the writer; close it to end the body
     * @throws IllegalStateException if the response has already started
     * @throws IllegalArgumentException if {@code contentLength} is negative
     * @throws IOException if the connection fails
     */
    @Suspendable
    BodyWriter stream(long contentLength) throws IOException;

    /**
     * Tells whether the head has been written (after which status and headers are fixed).
     *
     * @return true once sending or streaming has started
     */
    boolean isCommitted();
}
