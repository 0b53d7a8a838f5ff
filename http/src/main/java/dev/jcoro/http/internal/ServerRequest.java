package dev.jcoro.http.internal;

import dev.jcoro.http.BodyReader;
import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpRequest;
import dev.jcoro.http.HttpStatusException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The server's {@link HttpRequest}: the decoded head, the routed path parameters and the body. */
public final class ServerRequest implements HttpRequest {
    private final String method;
    private final String target;
    private final int versionMinor;
    private final HttpHeaders headers;
    private final RequestTarget parts;
    private final BodyReader body;
    private final ServerConnection connection;
    private Map<String, List<String>> query;
    private Map<String, String> pathParams = Map.of();

    ServerRequest(String method, String target, int versionMinor, HttpHeaders headers, RequestTarget parts,
            BodyReader body, ServerConnection connection) {
        this.method = method;
        this.target = target;
        this.versionMinor = versionMinor;
        this.headers = headers;
        this.parts = parts;
        this.body = body;
        this.connection = connection;
    }

    /**
     * Sets the parameters the router matched in the path.
     *
     * @param params name to decoded value
     */
    public void pathParams(Map<String, String> params) {
        this.pathParams = params;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String path() {
        return parts.path();
    }

    @Override
    public String rawPath() {
        return parts.rawPath();
    }

    @Override
    public String query(String name) {
        List<String> values = queryParams().get(name);
        return values == null ? null : values.get(0);
    }

    @Override
    public Map<String, List<String>> queryParams() {
        if (query == null) {
            query = parseQuery(parts.rawQuery());
        }
        return query;
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decodeOrRaw(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decodeOrRaw(pair.substring(eq + 1));
            params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        params.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(params);
    }

    /** A broken escape in a query is kept as sent rather than failing the whole request. */
    private static String decodeOrRaw(String s) {
        try {
            return Percent.decode(s, true);
        } catch (HttpStatusException e) {
            return s;
        }
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public String version() {
        return versionMinor == 0 ? "HTTP/1.0" : "HTTP/1.1";
    }

    int versionMinor() {
        return versionMinor;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public BodyReader body() {
        return body;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        try {
            return connection.socket().remoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** The request line, for log messages. */
    String requestLine() {
        return method + " " + target + " " + version();
    }

    @Override
    public String toString() {
        return requestLine();
    }
}
