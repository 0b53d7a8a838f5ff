package dev.jcoro.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * A request as the server's handler sees it: the request line taken apart, the header fields, the path
 * parameters the {@link Router} matched, and the body as a suspending stream.
 *
 * <pre>{@code
 * router.get("/files/{id}", (request, response) -> {
 *     long id = Long.parseLong(request.pathParam("id"));
 *     String sort = request.query("sort");                 // decoded, or null
 *     response.send(render(files.find(id), sort));
 * });
 * }</pre>
 *
 * <p>Use it from the coroutine that runs the handler, and only until the handler returns.
 */
public interface HttpRequest {

    /**
     * The method, as sent (methods are case-sensitive).
     *
     * @return e.g. {@code GET}
     */
    String method();

    /**
     * The request target exactly as sent.
     *
     * @return e.g. {@code /files/7?sort=name}
     */
    String target();

    /**
     * The path with percent-escapes decoded (UTF-8), without the query.
     *
     * @return e.g. {@code /files/7}
     */
    String path();

    /**
     * The path as sent, escapes left in.
     *
     * @return e.g. {@code /files/a%2Fb}
     */
    String rawPath();

    /**
     * The first value of a query parameter, decoded ({@code +} is a space).
     *
     * @param name the parameter name
     * @return the value ({@code ""} for {@code ?flag}), or null if absent
     */
    String query(String name);

    /**
     * Every query parameter, decoded, in the order they first appear.
     *
     * @return the parameters; an unmodifiable map of unmodifiable lists
     */
    Map<String, List<String>> queryParams();

    /**
     * A path parameter matched by the router, such as {@code id} in {@code /files/{id}}; decoded.
     *
     * @param name the name between the braces
     * @return the value, or null if the route has no such parameter
     */
    String pathParam(String name);

    /**
     * The protocol version.
     *
     * @return {@code HTTP/1.1} or {@code HTTP/1.0}
     */
    String version();

    /**
     * The header fields.
     *
     * @return the fields; case-insensitive, repeatable
     */
    HttpHeaders headers();

    /**
     * The first value of a header field; short for {@code headers().get(name)}.
     *
     * @param name the field name, any case
     * @return the value, or null
     */
    String header(String name);

    /**
     * The body. Reading it sends {@code 100 Continue} first if the client asked for it.
     *
     * @return the body; empty (not null) when the request has none
     */
    BodyReader body();

    /**
     * The client's address.
     *
     * @return the peer of the connection
     */
    InetSocketAddress remoteAddress();
}
