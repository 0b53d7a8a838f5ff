package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static HttpServer server;

    @BeforeAll
    static void start() throws IOException {
        Router router = Router.builder()
                .get("/users/{id}/files/{name}", (rq, rs) -> rs.send(rq.pathParam("id") + "/" + rq.pathParam("name")))
                .get("/users/me", (rq, rs) -> rs.send("me"))
                .put("/users/{id}", (rq, rs) -> rs.send("put " + rq.pathParam("id")))
                .delete("/users/{id}", (rq, rs) -> rs.send("delete " + rq.pathParam("id")))
                .get("/both", (rq, rs) -> rs.send("get body"))
                .route("HEAD", "/both", (rq, rs) -> rs.header("X-Head", "own").send(new byte[0]))
                .get("/", (rq, rs) -> rs.send("root"))
                .get("/docs/{page}", (rq, rs) -> rs.send("page " + rq.pathParam("page")))
                .get("/docs/index", (rq, rs) -> rs.send("index"))
                .get("/plain", (rq, rs) -> rs.send("plain"))
                .route("HEAD", "/heads/{name}", (rq, rs) -> rs.header("X-Head", "param").send(new byte[0]))
                .get("/heads/one", (rq, rs) -> rs.header("X-Head", "get").send("one"))
                .build();
        server = HttpServer.builder().address(InetAddress.getLoopbackAddress()).handler(router).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawConnection.Response call(String method, String path) throws IOException {
        try (RawConnection c = new RawConnection(server.port())) {
            c.send(method + " " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            return c.read(method.equals("HEAD"));
        }
    }

    @Test
    void pathParametersAreMatchedAndDecoded() throws IOException {
        assertEquals("42/a b.txt", call("GET", "/users/42/files/a%20b.txt").text());
        assertEquals("put 7", call("PUT", "/users/7").text());
    }

    @Test
    void rootAndLiteralRoutes() throws IOException {
        assertEquals("root", call("GET", "/").text());
        assertEquals("me", call("GET", "/users/me").text());
    }

    @Test
    void theFirstRouteAddedWinsAlsoOverALaterLiteralOne() throws IOException {
        // /docs/{page} comes first, so it takes /docs/index although a literal route for it follows.
        assertEquals("page index", call("GET", "/docs/index").text());
    }

    @Test
    void headPrefersAMatchingHeadRouteWithParametersOverALiteralGetRoute() throws IOException {
        assertEquals("param", call("HEAD", "/heads/one").header("X-Head"));
        assertEquals("get", call("GET", "/heads/one").header("X-Head"));
        RawConnection.Response viaGet = call("HEAD", "/plain");
        assertEquals(200, viaGet.status());
        assertEquals("5", viaGet.header("Content-Length"), "a HEAD without its own route gets the GET route's head");
    }

    @Test
    void escapedPathsMatchLiteralRoutesByTheirDecodedSegments() throws IOException {
        assertEquals("plain", call("GET", "/pl%61in").text());
        assertEquals("me", call("GET", "/users/%6De").text());
        assertEquals(404, call("GET", "/plain%2F").status(), "an escaped slash stays inside its segment");
        assertEquals(404, call("GET", "/plain/").status());
    }

    @Test
    void otherMethodsOnAKnownPathGet405WithAllow() throws IOException {
        RawConnection.Response r = call("POST", "/users/7");
        assertEquals(405, r.status());
        assertEquals("PUT, DELETE", r.header("Allow"));
        // /users/me matches the literal route and the {id} routes: Allow lists every method of every match.
        assertEquals("GET, HEAD, PUT, DELETE", call("PATCH", "/users/me").header("Allow"));
    }

    @Test
    void unknownPathsGet404() throws IOException {
        assertEquals(404, call("GET", "/users").status());
        assertEquals(404, call("GET", "/users/7/files").status());
        assertEquals(404, call("GET", "/nowhere/at/all").status());
    }

    @Test
    void headUsesItsOwnRouteBeforeFallingBackToGet() throws IOException {
        assertEquals("own", call("HEAD", "/both").header("X-Head"));
        RawConnection.Response viaGet = call("HEAD", "/users/1/files/x");
        assertEquals(200, viaGet.status());
        assertEquals("3", viaGet.header("Content-Length"));
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("users", (rq, rs) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("/a/{id", (rq, rs) -> { }));
        assertThrows(IllegalArgumentException.class, () -> Router.builder().get("/a/{}", (rq, rs) -> { }));
    }
}
