package dev.jcoro.http;

import dev.jcoro.Suspendable;

/**
 * Handles one request by filling in its response; runs as part of the connection's coroutine, so it may
 * suspend (read the body, call a database client, sleep) without holding a thread.
 *
 * <pre>{@code
 * HttpHandler hello = (request, response) -> response.send("hello");
 * }</pre>
 *
 * <p>What it throws: an {@link HttpStatusException} becomes that status; anything else becomes 500 and is
 * logged once (with the request line) through {@link System.Logger} {@code dev.jcoro.http.HttpServer}; if
 * the response had already started, the connection is closed instead. The connection's other requests and
 * the server go on either way. A handler that blocks its carrier thread stalls its loop; the scheduler's
 * watchdog names it.
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Handles {@code request}.
     *
     * @param request the request
     * @param response the response to fill in
     * @throws Exception anything; see the type's description for what the server does with it
     */
    @Suspendable
    void handle(HttpRequest request, HttpResponse response) throws Exception;
}
