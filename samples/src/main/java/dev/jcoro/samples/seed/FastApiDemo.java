package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.http.ClientRequest;
import dev.jcoro.http.HttpClient;
import dev.jcoro.http.HttpServer;
import dev.jcoro.http.Router;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The seed's FastAPI pair, on one carrier thread (one event loop, as in asyncio), served by jcoro-http:
 * {@code /index1} sleeps 30 s with {@code Coroutines.sleep} and does not delay {@code /index2};
 * {@code /blocking} calls {@code Thread.sleep(2 s)}, which stalls the loop, delays {@code /index2}
 * visibly, and is reported by the scheduler's blocked-carrier watchdog on standard error.
 */
public final class FastApiDemo {
    private FastApiDemo() {
    }

    static Router router() {
        return Router.builder()
                .get("/index1", (request, response) -> {
                    Coroutines.sleep(Duration.ofSeconds(30));
                    json(response, "/index1");
                })
                .get("/index2", (request, response) -> json(response, "/index2"))
                .get("/blocking", (request, response) -> {
                    blockTheCarrier();
                    json(response, "/blocking");
                })
                .build();
    }

    @dev.jcoro.Suspendable
    private static void json(dev.jcoro.http.HttpResponse response, String path) throws IOException {
        response.header("Content-Type", "application/json").send("{\"path\": \"" + path + "\"}");
    }

    /** The mistake the seed warns about: a blocking sleep inside a coroutine holds the whole loop. */
    private static void blockTheCarrier() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        try (HttpServer server = HttpServer.builder().address(InetAddress.getLoopbackAddress()).loops(1)
                     .handler(router()).start();
             HttpClient client = HttpClient.builder().readTimeout(Duration.ofMinutes(1)).build()) {
            InetSocketAddress address = server.address();
            System.out.println("server on " + address + " (one carrier thread)");

            CompletableFuture.runAsync(() -> get(client, address, "/index1"));
            Thread.sleep(100);
            System.out.printf("/index2 while /index1 sleeps 30 s (Coroutines.sleep): %5d ms%n", get(client, address, "/index2"));

            CompletableFuture.runAsync(() -> get(client, address, "/blocking"));
            Thread.sleep(100);
            System.out.printf("/index2 while /blocking holds the loop (Thread.sleep): %5d ms%n", get(client, address, "/index2"));
            System.out.println("(the watchdog's report about /blocking is on standard error)");
            server.close(Duration.ZERO.plusMillis(100));
        }
    }

    /** One GET from a plain thread (the client's calls block outside a coroutine); returns the milliseconds it took. */
    private static long get(HttpClient client, InetSocketAddress address, String path) {
        long start = System.nanoTime();
        try {
            int status = client.send(ClientRequest.get("http://" + address.getHostString() + ":" + address.getPort() + path)).status();
            if (status != 200) {
                throw new IllegalStateException(path + ": status " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
