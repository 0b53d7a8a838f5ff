package dev.jcoro.bench.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * HelloServers' {@code helidon}: Helidon SE 4 (a virtual thread per connection) answering {@code GET /hello}
 * with 200, {@code text/plain} and {@code hello}, and {@code GET /json} after a {@code Thread.sleep} of one
 * second on the request's virtual thread with HelloServers' JSON body; Helidon adds the Date header itself. Lives in src/main/java21
 * because Helidon 4 needs JDK 21, so it exists only in a benchmarks jar built on JDK 21 or later.
 */
public final class HelidonHello {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.US_ASCII);

    private HelidonHello() {
    }

    /**
     * Starts the server on {@code address}; it serves on its own (virtual) threads. Called reflectively by
     * HelloServers, which is built for Java 17.
     */
    public static void start(InetSocketAddress address) {
        WebServer.builder()
                .host(address.getAddress().getHostAddress())
                .port(address.getPort())
                .backlog(4096)
                .routing(routing -> routing
                        .get("/hello", (request, response) -> response.header(HeaderNames.CONTENT_TYPE, "text/plain").send(HELLO))
                        .get("/json", (request, response) -> {
                            Thread.sleep(HelloServers.JSON_DELAY_MILLIS);
                            response.header(HeaderNames.CONTENT_TYPE, "application/json").send(HelloServers.JSON);
                        }))
                .build()
                .start();
    }
}
