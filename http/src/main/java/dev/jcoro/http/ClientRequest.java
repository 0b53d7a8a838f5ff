package dev.jcoro.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * A request for {@link HttpClient}: method, absolute {@code http} or {@code https} URI, header fields and
 * an optional body, either bytes (replayable: the client may resend it on a fresh connection or follow a
 * 307/308 redirect with it) or a {@link BodySource} (streamed, sent once). Immutable.
 *
 * <pre>{@code
 * ClientRequest get = ClientRequest.get("http://127.0.0.1:8080/hello");
 * ClientRequest post = ClientRequest.builder(URI.create("http://127.0.0.1:8080/echo"))
 *         .method("POST").header("Content-Type", "application/json").body("{}".getBytes(UTF_8)).build();
 * }</pre>
 */
public final class ClientRequest {
    private final String method;
    private final URI uri;
    private final HttpHeaders headers;
    private final byte[] body;
    private final BodySource source;
    private final long sourceLength;

    private ClientRequest(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.headers = b.headers;
        this.body = b.body;
        this.source = b.source;
        this.sourceLength = b.sourceLength;
    }

    /**
     * A GET of {@code uri}.
     *
     * @param uri an absolute http or https URI
     * @return the request
     * @throws IllegalArgumentException if the URI is not absolute http(s) with a host
     */
    public static ClientRequest get(String uri) {
        return builder(URI.create(uri)).build();
    }

    /**
     * A POST of {@code body} to {@code uri}.
     *
     * @param uri an absolute http or https URI
     * @param body the body
     * @return the request
     * @throws IllegalArgumentException if the URI is not absolute http(s) with a host
     */
    public static ClientRequest post(String uri, byte[] body) {
        return builder(URI.create(uri)).method("POST").body(body).build();
    }

    /**
     * A builder for a GET of {@code uri} without a body.
     *
     * @param uri an absolute http or https URI
     * @return the builder
     * @throws IllegalArgumentException if the URI is not absolute http(s) with a host
     */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /**
     * The method.
     *
     * @return e.g. {@code GET}
     */
    public String method() {
        return method;
    }

    /**
     * The URI.
     *
     * @return the absolute URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * The header fields the caller set (the client adds Host, User-Agent and the framing fields).
     *
     * @return the fields; do not modify
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * The body bytes, for a replayable body.
     *
     * @return the bytes, or null if there is none or it is streamed
     */
    public byte[] body() {
        return body;
    }

    /**
     * The streamed body.
     *
     * @return the source, or null
     */
    public BodySource bodySource() {
        return source;
    }

    /**
     * The streamed body's length.
     *
     * @return the length, or -1 when unknown (sent chunked)
     */
    public long bodySourceLength() {
        return sourceLength;
    }

    /**
     * Tells whether the request can be sent again (no body, or a body of bytes).
     *
     * @return false for a streamed body
     */
    public boolean isReplayable() {
        return source == null;
    }

    /**
     * A copy with another method and URI and no body, for following a redirect that turns into a GET.
     *
     * @param newMethod the method
     * @param newUri the target
     * @return the copy
     */
    ClientRequest redirected(String newMethod, URI newUri, boolean keepBody) {
        Builder b = new Builder(newUri).method(newMethod);
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.nameAt(i);
            if (!keepBody && (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length"))) {
                continue;
            }
            if (!sameOrigin(uri, newUri) && name.equalsIgnoreCase("Authorization")) {
                continue; // never hand credentials to another origin
            }
            b.header(name, headers.valueAt(i));
        }
        if (keepBody && body != null) {
            b.body(body);
        }
        return b.build();
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && a.getPort() == b.getPort();
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }

    /** Builds a {@link ClientRequest}; not thread-safe. */
    public static final class Builder {
        private final URI uri;
        private String method = "GET";
        private final HttpHeaders headers = new HttpHeaders();
        private byte[] body;
        private BodySource source;
        private long sourceLength = -1;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("not an http or https URI: " + uri);
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("URI without a host: " + uri);
            }
            this.uri = uri;
        }

        /**
         * The method; GET unless set.
         *
         * @param method a token such as {@code POST}
         * @return this builder
         * @throws IllegalArgumentException if not a token
         */
        public Builder method(String method) {
            for (int i = 0; i < method.length(); i++) {
                if (!dev.jcoro.http.internal.Chars.isTokenChar(method.charAt(i))) {
                    throw new IllegalArgumentException("method is not a token: " + method);
                }
            }
            if (method.isEmpty()) {
                throw new IllegalArgumentException("empty method");
            }
            this.method = method;
            return this;
        }

        /**
         * Adds a header field.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException as {@link HttpHeaders#add} does
         */
        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        /**
         * A body of bytes, sent with Content-Length.
         *
         * @param bytes the body
         * @return this builder
         */
        public Builder body(byte[] bytes) {
            this.body = Objects.requireNonNull(bytes, "bytes");
            this.source = null;
            return this;
        }

        /**
         * A body of text encoded as UTF-8.
         *
         * @param text the body
         * @return this builder
         */
        public Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * A streamed body.
         *
         * @param length its length, or -1 if unknown (sent chunked)
         * @param source what writes it
         * @return this builder
         */
        public Builder body(long length, BodySource source) {
            this.source = Objects.requireNonNull(source, "source");
            this.sourceLength = length;
            this.body = null;
            return this;
        }

        /**
         * The request.
         *
         * @return an immutable request
         */
        public ClientRequest build() {
            return new ClientRequest(this);
        }
    }
}
