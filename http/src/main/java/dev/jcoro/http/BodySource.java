package dev.jcoro.http;

import dev.jcoro.Suspendable;
import java.io.IOException;

/**
 * Produces a request body as it goes, for the client: the client calls {@link #writeTo} once, with a writer
 * that frames what it is given (Content-Length when the length is known, chunked otherwise).
 *
 * <pre>{@code
 * ClientRequest upload = ClientRequest.builder(uri).method("PUT")
 *         .body(-1, out -> { for (byte[] part : parts) out.write(part); })
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface BodySource {

    /**
     * Writes the whole body to {@code out}; the client ends the body when this returns.
     *
     * @param out where the body goes
     * @throws IOException if producing or writing fails; the request is abandoned and its connection closed
     */
    @Suspendable
    void writeTo(BodyWriter out) throws IOException;
}
