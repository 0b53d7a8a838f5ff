package dev.jcoro.samples.http;

import dev.jcoro.Coroutines;
import dev.jcoro.http.HttpLimits;
import dev.jcoro.http.HttpServer;
import dev.jcoro.http.HttpStatusException;
import dev.jcoro.http.Router;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A small jcoro-http server on 127.0.0.1, the one the acceptance checks start:
 * {@code GET /hello}, {@code POST /echo}, {@code GET /sleep?ms=N}, 404 otherwise. Default limits, except
 * that a request head must arrive within 2 s, an idle keep-alive connection closes after 5 s, and bodies
 * over 1 MiB get 413. SIGTERM closes it gracefully. Usage: {@code HelloServer PORT}.
 */
public final class HelloServer {
    private HelloServer() {
    }

    static Router router() {
        return Router.builder()
                .get("/hello", (request, response) -> response.header("Content-Type", "text/plain").send("hello"))
                .post("/echo", (request, response) -> response.header("Content-Type", "application/octet-stream")
                        .send(request.body().readAllBytes()))
                .get("/sleep", (request, response) -> {
                    long ms = millis(request.query("ms"));
                    Coroutines.sleep(Duration.ofMillis(ms));
                    response.header("Content-Type", "text/plain").send("slept " + ms);
                })
                .build();
    }

    private static long millis(String ms) throws HttpStatusException {
        try {
            long value = Long.parseLong(ms == null ? "" : ms);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpStatusException(400, "ms must be a non-negative number of milliseconds: " + ms);
    }

    static HttpServer start(int port) throws java.io.IOException {
        return HttpServer.builder()
                .address(InetAddress.getLoopbackAddress())
                .port(port)
                .handler(router())
                .limits(HttpLimits.defaults().withMaxBodySize(1024 * 1024))
                .headerTimeout(Duration.ofSeconds(2))
                .idleTimeout(Duration.ofSeconds(5))
                .start();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: HelloServer PORT");
            System.exit(2);
        }
        HttpServer server = start(Integer.parseInt(args[0]));
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            closed.countDown();
        }, "hello-server-shutdown"));
        System.out.println("listening on http://" + server.address().getHostString() + ":" + server.port());
        closed.await();
    }
}
