package dev.jcoro.samples.seed;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.net.TcpServerSocket;
import dev.jcoro.net.TcpSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The seed's FastAPI pair, on one carrier thread (one event loop, as in asyncio):
 * {@code /index1} sleeps 30 s with {@code Coroutines.sleep} and does not delay {@code /index2};
 * {@code /blocking} calls {@code Thread.sleep(2 s)}, which stalls the loop, delays {@code /index2}
 * visibly, and is reported by the scheduler's blocked-carrier watchdog on standard error.
 */
public final class FastApiDemo {
    private FastApiDemo() {
    }

    @Suspendable
    static void serve(TcpServerSocket server) {
        Acceptor.serve(server, FastApiDemo::handle);
    }

    @Suspendable
    static void handle(TcpSocket client) {
        try (client) {
            String path = JsonEndpoint.readHead(client);
            if (path == null) {
                return;
            }
            switch (path) {
                case "/index1" -> Coroutines.sleep(Duration.ofSeconds(30));
                case "/index2" -> { }
                case "/blocking" -> blockTheCarrier();
                default -> {
                    client.write(Http.response(404, "{\"error\": \"no such path\"}"));
                    return;
                }
            }
            client.write(Http.response(200, "{\"path\": \"" + path + "\"}"));
        } catch (IOException | RuntimeException dropped) {
            // One bad client costs only its own coroutine.
        }
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
        try (Scheduler loop = Scheduler.create(1);
             TcpServerSocket server = TcpServerSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            loop.launch(() -> serve(server));
            InetSocketAddress address = server.localAddress();
            System.out.println("server on " + address + " (one carrier thread)");

            CompletableFuture.runAsync(() -> get(address, "/index1"));
            Thread.sleep(100);
            System.out.printf("/index2 while /index1 sleeps 30 s (Coroutines.sleep): %5d ms%n", get(address, "/index2"));

            CompletableFuture.runAsync(() -> get(address, "/blocking"));
            Thread.sleep(100);
            System.out.printf("/index2 while /blocking holds the loop (Thread.sleep): %5d ms%n", get(address, "/index2"));
            System.out.println("(the watchdog's report about /blocking is on standard error)");
        }
    }

    /** One blocking GET; returns the milliseconds it took. */
    private static long get(InetSocketAddress address, String path) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(address);
            s.getOutputStream().write(Http.request(path).array());
            InputStream in = s.getInputStream();
            Http.body(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(path + ": " + e.getMessage(), e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
