package dev.jcoro.http;

import dev.jcoro.Suspendable;
import java.io.IOException;

/**
 * Reads a response as it arrives, for {@link HttpClient#exchange}: the body is a suspending stream, valid
 * only while this runs. What it leaves unread is not drained: the connection is closed instead of pooled.
 *
 * @param <T> what it makes of the response
 */
@FunctionalInterface
public interface ResponseHandler<T> {

    /**
     * Handles the response.
     *
     * @param status the status code
     * @param headers the response's header fields
     * @param body the body; empty for HEAD, 204 and 304
     * @return the result {@link HttpClient#exchange} returns
     * @throws IOException if reading fails
     */
    @Suspendable
    T handle(int status, HttpHeaders headers, BodyReader body) throws IOException;
}
