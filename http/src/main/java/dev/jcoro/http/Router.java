package dev.jcoro.http;

import dev.jcoro.Suspendable;
import dev.jcoro.http.internal.Percent;
import dev.jcoro.http.internal.ServerRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Dispatches requests by method and path. A pattern is a path whose segments are literals or
 * {@code {name}} parameters matching one segment; a request matches the first route, in the order added,
 * whose pattern and method fit. A path that matches no pattern gets 404; one that matches only with other
 * methods gets 405 with {@code Allow}. {@code HEAD} goes to the {@code GET} route unless a {@code HEAD}
 * route is added (the server drops the body).
 *
 * <pre>{@code
 * Router router = Router.builder()
 *         .get("/hello", (rq, rs) -> rs.send("hello"))
 *         .get("/files/{id}", (rq, rs) -> rs.send(files.get(rq.pathParam("id"))))
 *         .post("/files", this::upload)
 *         .build();
 * }</pre>
 *
 * <p>Immutable once built; one router may serve every loop.
 */
public final class Router implements HttpHandler {
    /** {@link #plainRoute}'s answer when no route for the method matches. */
    private static final Route NO_ROUTE = new Route("", new String[0], "", (rq, rs) -> { });

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * A builder without routes.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One method and pattern, split into segments once; {@code literal} is the pattern itself when it has no
     * parameter segment, else null.
     */
    private record Route(String method, String[] segments, String literal, HttpHandler handler) {
        /** The parameters if {@code path} (split, raw) matches, else null. */
        Map<String, String> match(String[] path) throws HttpStatusException {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> params = null;
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.startsWith("{")) {
                    if (params == null) {
                        params = new HashMap<>(4);
                    }
                    params.put(s.substring(1, s.length() - 1), Percent.decode(path[i], false));
                } else if (!s.equals(Percent.decode(path[i], false))) {
                    return null;
                }
            }
            return params == null ? Map.of() : params;
        }
    }

    /**
     * Routes {@code request}, answering 404 or 405 itself when no route fits.
     *
     * @param request the request
     * @param response its response
     * @throws Exception what the chosen handler throws
     */
    @Override
    @Suspendable
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        String rawPath = request.rawPath();
        String method = request.method();
        if (rawPath.indexOf('%') < 0) {
            Route route = plainRoute(method, rawPath);
            if (route == NO_ROUTE && method.equals("HEAD")) {
                route = plainRoute("GET", rawPath);
            }
            if (route != null && route != NO_ROUTE) {
                route.handler.handle(request, response);
                return;
            }
        }
        String[] path = split(rawPath);
        if (dispatch(method, path, request, response)
                || (method.equals("HEAD") && dispatch("GET", path, request, response))) {
            return;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.match(path) != null) {
                allowed.add(route.method);
                if (route.method.equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        if (allowed.isEmpty()) {
            response.status(404).send("not found\n");
        } else {
            response.status(405).header("Allow", String.join(", ", allowed)).send("method not allowed\n");
        }
    }

    /**
     * The fast path, for a raw path without escapes: decoding its segments changes nothing, so a literal
     * pattern matches exactly when it equals the whole path, and nothing need be split. Returns the first
     * route for {@code method}, in the order added, if it is such a literal match; {@link #NO_ROUTE} if no
     * route for {@code method} can match; null if a parameter route comes first, which only the general
     * path ({@link #dispatch}) can decide.
     */
    private Route plainRoute(String method, String rawPath) {
        for (Route route : routes) {
            if (!route.method.equals(method)) {
                continue;
            }
            if (route.literal == null) {
                return null;
            }
            if (route.literal.equals(rawPath)) {
                return route;
            }
        }
        return NO_ROUTE;
    }

    /** Runs the first route for {@code method} that matches {@code path}; false if there is none. */
    @Suspendable
    private boolean dispatch(String method, String[] path, HttpRequest request, HttpResponse response) throws Exception {
        for (Route route : routes) {
            if (!route.method.equals(method)) {
                continue;
            }
            Map<String, String> params = route.match(path);
            if (params != null) {
                if (request instanceof ServerRequest server) {
                    server.pathParams(params);
                }
                route.handler.handle(request, response);
                return true;
            }
        }
        return false;
    }

    private static String[] split(String path) {
        if (path.equals("/") || path.isEmpty()) {
            return new String[0];
        }
        return path.substring(path.charAt(0) == '/' ? 1 : 0).split("/", -1);
    }

    /** Collects routes; not thread-safe. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a route.
         *
         * @param method the method, e.g. {@code PUT}
         * @param pattern a path starting with {@code /}, with {@code {name}} segments for parameters
         * @param handler what handles matching requests
         * @return this builder
         * @throws IllegalArgumentException if the pattern does not start with {@code /}, or a parameter
         *     segment is not exactly {@code {name}}
         */
        public Builder route(String method, String pattern, HttpHandler handler) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(handler, "handler");
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern must start with /: " + pattern);
            }
            String[] segments = split(pattern);
            for (String s : segments) {
                boolean open = s.startsWith("{");
                boolean close = s.endsWith("}");
                if (open != close || (open && (s.length() < 3 || s.indexOf('{', 1) >= 0))) {
                    throw new IllegalArgumentException("malformed parameter segment \"" + s + "\" in " + pattern);
                }
            }
            boolean literal = true;
            for (String s : segments) {
                literal &= !s.startsWith("{");
            }
            routes.add(new Route(method, segments, literal ? pattern : null, handler));
            return this;
        }

        /**
         * Adds a {@code GET} route (which also answers {@code HEAD}).
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         */
        public Builder get(String pattern, HttpHandler handler) {
            return route("GET", pattern, handler);
        }

        /**
         * Adds a {@code POST} route.
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         */
        public Builder post(String pattern, HttpHandler handler) {
            return route("POST", pattern, handler);
        }

        /**
         * Adds a {@code PUT} route.
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         */
        public Builder put(String pattern, HttpHandler handler) {
            return route("PUT", pattern, handler);
        }

        /**
         * Adds a {@code DELETE} route.
         *
         * @param pattern the path pattern
         * @param handler the handler
         * @return this builder
         */
        public Builder delete(String pattern, HttpHandler handler) {
            return route("DELETE", pattern, handler);
        }

        /**
         * The router.
         *
         * @return an immutable router with the routes added so far
         */
        public Router build() {
            return new Router(routes);
        }
    }
}
