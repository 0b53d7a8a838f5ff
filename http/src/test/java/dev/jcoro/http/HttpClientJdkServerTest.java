package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client against the JDK's own server, com.sun.net.httpserver. */
class HttpClientJdkServerTest {
    private HttpServer jdk;
    private String base;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jdk.setExecutor(Executors.newCachedThreadPool());
        jdk.createContext("/hello", ex -> respond(ex, 200, "hello".getBytes(StandardCharsets.US_ASCII), false));
        jdk.createContext("/echo", ex -> respond(ex, 200, ex.getRequestBody().readAllBytes(), false));
        jdk.createContext("/chunked", ex -> respond(ex, 200, "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII), true));
        jdk.createContext("/slow", ex -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(Long.parseLong(ex.getRequestURI().getQuery().substring(3)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            respond(ex, 200, "slow".getBytes(StandardCharsets.US_ASCII), false);
        });
        jdk.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/hello");
            respond(ex, 302, new byte[0], false);
        });
        jdk.createContext("/loop", ex -> {
            ex.getResponseHeaders().add("Location", "/loop");
            respond(ex, 307, new byte[0], false);
        });
        jdk.createContext("/method", ex -> respond(ex, 200, (ex.getRequestMethod() + " "
                + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII), false));
        jdk.createContext("/see-other", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Location", "/method");
            respond(ex, 303, new byte[0], false);
        });
        jdk.createContext("/temporary", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().add("Location", "/method");
            respond(ex, 307, new byte[0], false);
        });
        jdk.start();
        base = "http://127.0.0.1:" + jdk.getAddress().getPort();
    }

    private void respond(HttpExchange ex, int status, byte[] body, boolean chunked) throws IOException {
        clientPorts.add(ex.getRemoteAddress().getPort());
        ex.sendResponseHeaders(status, chunked ? 0 : body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        jdk.stop(0);
    }

    private static HttpClient client() {
        return HttpClient.builder().readTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void getsAFixedLengthBody() throws Exception {
        try (HttpClient client = client()) {
            ClientResponse r = client.send(ClientRequest.get(base + "/hello"));
            assertEquals(200, r.status());
            assertEquals("hello", r.bodyText());
            assertEquals("5", r.header("content-length"));
        }
    }

    @Test
    void getsAChunkedBody() throws Exception {
        try (HttpClient client = client()) {
            assertEquals(100_000, client.send(ClientRequest.get(base + "/chunked")).body().length);
        }
    }

    @Test
    void postsFixedAndStreamedBodies() throws Exception {
        byte[] payload = new byte[300_000];
        new Random(3).nextBytes(payload);
        try (HttpClient client = client()) {
            assertArrayEquals(payload, client.send(ClientRequest.post(base + "/echo", payload)).body());
            ClientRequest chunked = ClientRequest.builder(URI.create(base + "/echo")).method("POST")
                    .body(-1, out -> {
                        for (int i = 0; i < payload.length; i += 10_000) {
                            out.write(java.nio.ByteBuffer.wrap(payload, i, Math.min(10_000, payload.length - i)));
                        }
                    }).build();
            assertArrayEquals(payload, client.send(chunked).body());
            ClientRequest sized = ClientRequest.builder(URI.create(base + "/echo")).method("POST")
                    .body(payload.length, out -> out.write(payload)).build();
            assertArrayEquals(payload, client.send(sized).body());
        }
    }

    @Test
    void keepAliveReusesOneConnection() throws Exception {
        try (HttpClient client = client()) {
            for (int i = 0; i < 10; i++) {
                assertEquals("hello", client.send(ClientRequest.get(base + "/hello")).bodyText());
            }
            assertEquals(1, clientPorts.size(), "client ports seen by the server: " + clientPorts);
            assertEquals(1, client.idleConnections());
        }
    }

    @Test
    void perHostCapBoundsConcurrentRequests() throws Exception {
        try (HttpClient client = HttpClient.builder().maxConnectionsPerHost(3).build()) {
            List<String> bodies = Coroutines.run(() -> {
                List<Task<String>> tasks = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    tasks.add(Coroutines.launch(() -> client.send(ClientRequest.get(base + "/slow?ms=100")).bodyText()));
                }
                List<String> out = new ArrayList<>();
                for (Task<String> t : tasks) {
                    out.add(t.join());
                }
                return out;
            });
            assertEquals(12, bodies.size());
            assertTrue(bodies.stream().allMatch("slow"::equals));
            assertEquals(3, maxInFlight.get(), "requests in flight at once");
            assertEquals(3, new HashSet<>(clientPorts).size(), "connections opened");
        }
    }

    @Test
    void redirectsAreOffByDefaultAndFollowedWhenAsked() throws Exception {
        try (HttpClient plain = client()) {
            ClientResponse r = plain.send(ClientRequest.get(base + "/redirect"));
            assertEquals(302, r.status());
            assertEquals("/hello", r.header("Location"));
        }
        try (HttpClient following = HttpClient.builder().followRedirects(3).build()) {
            ClientResponse r = following.send(ClientRequest.get(base + "/redirect"));
            assertEquals(200, r.status());
            assertEquals("hello", r.bodyText());
            assertEquals(URI.create(base + "/hello"), r.uri());
            IOException loop = assertThrows(IOException.class, () -> following.send(ClientRequest.get(base + "/loop")));
            assertTrue(loop.getMessage().contains("more than 3 redirects"), loop.getMessage());
            assertEquals("GET ", following.send(ClientRequest.post(base + "/see-other", "data".getBytes(StandardCharsets.US_ASCII))).bodyText());
            assertEquals("POST data", following.send(ClientRequest.post(base + "/temporary", "data".getBytes(StandardCharsets.US_ASCII))).bodyText());
        }
    }

    @Test
    void refusedConnectionIsAConnectExceptionNamingTheOrigin() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HttpClient client = client()) {
            ConnectException e = assertThrows(ConnectException.class,
                    () -> client.send(ClientRequest.get("http://127.0.0.1:" + closedPort + "/")));
            assertTrue(e.getMessage().startsWith("cannot connect to http://127.0.0.1:" + closedPort), e.getMessage());
        }
    }

    @Test
    void readTimeoutIsASocketTimeoutException() throws Exception {
        try (HttpClient client = HttpClient.builder().readTimeout(Duration.ofMillis(200)).build()) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class,
                    () -> client.send(ClientRequest.get(base + "/slow?ms=2000")));
            assertTrue(e.getMessage().contains("within 200 ms"), e.getMessage());
            assertEquals(0, client.idleConnections(), "the timed-out connection is not pooled");
        }
    }

    @Test
    void streamingExchangeReadsTheBodyAsItComes() throws Exception {
        try (HttpClient client = client()) {
            long total = client.exchange(ClientRequest.get(base + "/chunked"), (status, headers, body) -> {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
                long n = 0;
                int r;
                while ((r = body.read(buf.clear())) >= 0) {
                    n += r;
                }
                return n;
            });
            assertEquals(100_000, total);
            assertEquals(1, client.idleConnections(), "a body read to its end leaves the connection pooled");
            client.exchange(ClientRequest.get(base + "/chunked"), (status, headers, body) -> null);
            assertEquals(0, client.idleConnections(), "an unread body closes the connection");
        }
    }
}
