package dev.jcoro.http;

import dev.jcoro.Coroutines;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The server most tests run against: small limits, short timeouts, routes that exercise each feature. */
final class TestServer {
    static final HttpLimits LIMITS = HttpLimits.defaults()
            .withMaxRequestLineLength(1024)
            .withMaxHeaderSectionSize(4096)
            .withMaxHeaderCount(20)
            .withMaxBodySize(1000)
            .withMaxChunkLineLength(64);

    static final AtomicInteger FAILURES = new AtomicInteger();

    private TestServer() {
    }

    static Router router() {
        return Router.builder()
                .get("/hello", (rq, rs) -> rs.header("Content-Type", "text/plain").send("hello"))
                .post("/echo", (rq, rs) -> rs.send(rq.body().readAllBytes()))
                .get("/sleep", (rq, rs) -> {
                    Coroutines.sleep(Duration.ofMillis(Long.parseLong(rq.query("ms"))));
                    rs.send("slept");
                })
                .get("/files/{id}", (rq, rs) -> rs.send("file " + rq.pathParam("id") + " q=" + rq.query("q")))
                .get("/stream", (rq, rs) -> {
                    try (BodyWriter out = rs.stream()) {
                        for (int i = 0; i < 3; i++) {
                            out.write(("part" + i + "\n").getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                })
                .get("/fail", (rq, rs) -> {
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("handler bug on purpose");
                })
                .get("/fail-late", (rq, rs) -> {
                    BodyWriter out = rs.stream();
                    out.write("partial".getBytes(StandardCharsets.US_ASCII));
                    FAILURES.incrementAndGet();
                    throw new IllegalStateException("handler bug after the response started");
                })
                .post("/ignore-body", (rq, rs) -> rs.send("ignored"))
                .build();
    }

    static HttpServer.Builder builder() {
        return HttpServer.builder()
                .address(InetAddress.getLoopbackAddress())
                .loops(2)
                .handler(router())
                .limits(LIMITS)
                .headerTimeout(Duration.ofMillis(800))
                .idleTimeout(Duration.ofMillis(1500))
                .bodyTimeout(Duration.ofMillis(800));
    }

    static HttpServer start() throws IOException {
        return builder().start();
    }
}
