package dev.jcoro.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A complete response received by {@link HttpClient#send}: status, header fields and the whole body.
 * Immutable.
 */
public final class ClientResponse {
    private final URI uri;
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;

    ClientResponse(URI uri, int status, HttpHeaders headers, byte[] body) {
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The URI that answered: the request's, or the last one redirected to.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The status code.
     *
     * @return e.g. 200
     */
    public int status() {
        return status;
    }

    /**
     * The header fields.
     *
     * @return the fields; do not modify
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * The first value of a header field.
     *
     * @param name the name, any case
     * @return the value, or null
     */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * The body.
     *
     * @return the bytes; empty when there is none
     */
    public byte[] body() {
        return body;
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return status + " from " + uri + " (" + body.length + " bytes)";
    }
}
