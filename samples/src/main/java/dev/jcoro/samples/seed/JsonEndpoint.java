package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.http.HttpHandler;
import dev.jcoro.http.HttpLimits;
import dev.jcoro.http.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * The seed's server: every request waits one second (a {@code Coroutines.sleep}, so thousands wait at
 * once) and answers {@code {"name": "satori", "age": 16}}. A jcoro-http server: one coroutine per
 * connection.
 */
final class JsonEndpoint {
    static final String BODY = "{\"name\": \"satori\", \"age\": 16}";
    /** The demo holds every client's connection at once, so the server's connection cap must not bite. */
    private static final int MAX_CONNECTIONS = 1 << 20;

    private JsonEndpoint() {
    }

    static HttpHandler handler(Duration delay) {
        return (request, response) -> {
            Coroutines.sleep(delay);
            response.header("Content-Type", "application/json").send(BODY);
        };
    }

    /** Starts the endpoint on a free loopback port. */
    static HttpServer start(Duration delay) throws IOException {
        return HttpServer.builder()
                .address(InetAddress.getLoopbackAddress())
                .limits(HttpLimits.defaults().withMaxConnections(MAX_CONNECTIONS))
                .handler(handler(delay))
                .start();
    }
}
