package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 1,000 connections trickle a request head one byte a second. Each must get 408 and be closed at the header
 * timeout, while a normal client's requests keep being answered all along.
 */
class SlowlorisTest {
    private static final int ATTACKERS = 1000;
    private static final byte[] HEAD = "GET /hello HTTP/1.1\r\nHost: x\r\nUser-Agent: slow\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void trickledHeadsAreCutAtTheHeaderTimeoutWhileOthersAreServed() throws Exception {
        try (HttpServer server = TestServer.builder().headerTimeout(Duration.ofSeconds(2)).start()) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            List<SocketChannel> attackers = new ArrayList<>();
            AtomicInteger normalAnswered = new AtomicInteger();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    SocketChannel ch = SocketChannel.open(address);
                    ch.configureBlocking(false);
                    attackers.add(ch);
                }
                CompletableFuture<Void> normal = CompletableFuture.runAsync(() -> {
                    try (RawConnection c = new RawConnection(server.port())) {
                        c.timeout(1500);
                        long end = System.nanoTime() + Duration.ofMillis(3500).toNanos();
                        while (System.nanoTime() < end) {
                            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                            assertEquals("hello", c.read().text());
                            normalAnswered.incrementAndGet();
                            Thread.sleep(50);
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException("the normal client was not served: " + e, e);
                    }
                });
                long start = System.nanoTime();
                for (int second = 0; second < 4; second++) {
                    for (SocketChannel ch : attackers) {
                        try {
                            ch.write(ByteBuffer.wrap(HEAD, second, 1));
                        } catch (IOException closedByServer) {
                            // expected once the timeout has passed
                        }
                    }
                    Thread.sleep(Math.max(0, (second + 1) * 1000L - (System.nanoTime() - start) / 1_000_000));
                }
                normal.join();
                assertTrue(normalAnswered.get() >= 20, "normal requests answered: " + normalAnswered.get());

                int timedOut = 0;
                List<String> other = new ArrayList<>();
                for (SocketChannel ch : attackers) {
                    String answer = drain(ch);
                    if (answer.startsWith("HTTP/1.1 408 ") && answer.endsWith("<closed>")) {
                        timedOut++;
                    } else if (other.size() < 5) {
                        other.add(answer);
                    }
                }
                assertEquals(ATTACKERS, timedOut, "not cut with 408 and close: " + other);
                assertEquals(0, waitForNoConnections(server), "connections left");
            } finally {
                for (SocketChannel ch : attackers) {
                    ch.close();
                }
            }
        }
    }

    /** What the server sent, with {@code <closed>} appended if it closed the connection. */
    private static String drain(SocketChannel ch) throws IOException {
        StringBuilder sb = new StringBuilder();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        while (true) {
            int n;
            try {
                n = ch.read(buf.clear());
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                return sb.append("<closed>").toString();
            }
            if (n == 0) {
                return sb.toString();
            }
            sb.append(new String(buf.array(), 0, n, StandardCharsets.US_ASCII));
        }
    }

    private static int waitForNoConnections(HttpServer server) throws InterruptedException {
        for (int i = 0; i < 300 && server.openConnections() > 0; i++) {
            Thread.sleep(10);
        }
        return server.openConnections();
    }
}
