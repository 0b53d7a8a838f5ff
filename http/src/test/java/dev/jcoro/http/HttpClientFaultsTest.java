package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a scripted raw server: each accepted connection reads one request head and answers
 * with the next scripted bytes, then keeps the connection, closes it, or resets it.
 */
class HttpClientFaultsTest {
    enum Then { KEEP, CLOSE, RESET }

    record Answer(String bytes, Then then) {
    }

    private ServerSocket listener;
    private Thread acceptor;
    private final BlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new ArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        base = "http://127.0.0.1:" + listener.getLocalPort();
        acceptor = new Thread(this::acceptLoop, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                connections.incrementAndGet();
                synchronized (open) {
                    open.add(s);
                }
                Thread t = new Thread(() -> serve(s));
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            while (readHead(in)) {
                Answer a = script.take();
                s.getOutputStream().write(a.bytes.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                if (a.then == Then.RESET) {
                    s.setSoLinger(true, 0);
                    return;
                }
                if (a.then == Then.CLOSE) {
                    return;
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the test decides what the client sees
        }
    }

    private static boolean readHead(InputStream in) throws IOException {
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            state = (b == '\n') ? state + 1 : (b == '\r' ? state : 0);
            if (state == 2) {
                return true;
            }
        }
        return false;
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
        synchronized (open) {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private HttpClient client() {
        return HttpClient.builder().readTimeout(Duration.ofSeconds(3)).build();
    }

    private void answer(String bytes, Then then) {
        script.add(new Answer(bytes, then));
    }

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void malformedStatusLineIsAnIoExceptionAndTheConnectionIsDropped() throws Exception {
        try (HttpClient client = client()) {
            answer("HTTX/1.1 200 OK\r\n\r\n", Then.KEEP);
            IOException e = assertThrows(IOException.class, () -> client.send(ClientRequest.get(base + "/")));
            assertTrue(e.getMessage().startsWith("malformed response from http://127.0.0.1:"), e.getMessage());
            assertEquals(0, client.idleConnections());
            answer(OK, Then.KEEP);
            assertEquals("ok", client.send(ClientRequest.get(base + "/")).bodyText());
            assertEquals(2, connections.get(), "the broken connection was not handed out again");
        }
    }

    @Test
    void malformedChunkedBodyIsAnIoException() throws Exception {
        try (HttpClient client = client()) {
            answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", Then.KEEP);
            IOException e = assertThrows(IOException.class, () -> client.send(ClientRequest.get(base + "/")));
            assertTrue(e.getMessage().startsWith("malformed response body from"), e.getMessage());
            assertEquals(0, client.idleConnections());
        }
    }

    @Test
    void conflictingContentLengthsAreAnIoException() throws Exception {
        try (HttpClient client = client()) {
            answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok", Then.KEEP);
            IOException e = assertThrows(IOException.class, () -> client.send(ClientRequest.get(base + "/")));
            assertTrue(e.getMessage().contains("Content-Length values differ"), e.getMessage());
        }
    }

    @Test
    void resetMidResponseIsAnIoException() throws Exception {
        try (HttpClient client = client()) {
            answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", Then.RESET);
            IOException e = assertThrows(IOException.class, () -> client.send(ClientRequest.get(base + "/")));
            assertTrue(e.getMessage().contains("reset") || e instanceof EOFException, e.toString());
            assertEquals(0, client.idleConnections());
        }
    }

    @Test
    void closeMidBodyIsAnEofNamingTheBytes() throws Exception {
        try (HttpClient client = client()) {
            answer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial", Then.CLOSE);
            EOFException e = assertThrows(EOFException.class, () -> client.send(ClientRequest.get(base + "/")));
            assertTrue(e.getMessage().contains("7 of 100 bytes"), e.getMessage());
        }
    }

    @Test
    void staleKeepAliveConnectionIsRetriedOnceOnANewOne() throws Exception {
        try (HttpClient client = client()) {
            answer(OK, Then.CLOSE);           // keep-alive announced, then closed: stale in the pool
            assertEquals("ok", client.send(ClientRequest.get(base + "/")).bodyText());
            assertEquals(1, client.idleConnections());
            Thread.sleep(100);
            answer(OK, Then.KEEP);
            assertEquals("ok", client.send(ClientRequest.get(base + "/")).bodyText());
            assertEquals(2, connections.get());
        }
    }

    @Test
    void idleConnectionsAreEvicted() throws Exception {
        try (HttpClient client = HttpClient.builder().idleTimeout(Duration.ofMillis(200)).build()) {
            answer(OK, Then.KEEP);
            client.send(ClientRequest.get(base + "/"));
            assertEquals(1, client.idleConnections());
            Thread.sleep(400);
            answer(OK, Then.KEEP);
            client.send(ClientRequest.get(base + "/"));
            assertEquals(2, connections.get(), "the expired connection was not reused");
            assertEquals(1, client.idleConnections(), "and not kept either");
        }
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        try (HttpClient client = client()) {
            answer("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + OK, Then.KEEP);
            assertEquals("ok", client.send(ClientRequest.get(base + "/")).bodyText());
        }
    }
}
