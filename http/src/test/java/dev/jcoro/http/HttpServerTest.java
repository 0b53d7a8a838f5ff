package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpServerTest {
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close(Duration.ofSeconds(2));
    }

    private RawConnection connect() throws IOException {
        return new RawConnection(server.port());
    }

    @Test
    void ephemeralPortIsReadable() {
        assertTrue(server.port() > 0);
    }

    @Test
    void keepAliveCarriesManyRequestsOnOneConnection() throws IOException {
        try (RawConnection c = connect()) {
            for (int i = 0; i < 20; i++) {
                c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response r = c.read();
                assertEquals(200, r.status());
                assertEquals("hello", r.text());
                assertEquals("5", r.header("Content-Length"));
                assertNotNull(r.header("Date"));
                assertNull(r.header("Connection"));
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        try (RawConnection c = connect()) {
            c.send("GET /sleep?ms=200 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /files/7?q=a%20b HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("slept", c.read().text());
            assertEquals("abc", c.read().text());
            assertEquals("file 7 q=a b", c.read().text());
            assertEquals("hello", c.read().text());
        }
    }

    @Test
    void headHasTheGetHeadersAndNoBody() throws IOException {
        try (RawConnection c = connect()) {
            c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Response r = c.read(true);
            assertEquals(200, r.status());
            assertEquals("5", r.header("Content-Length"));
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello", c.read().text(), "a body after HEAD would have shifted this response");
        }
    }

    @Test
    void streamedBodyIsChunkedForHttp11() throws IOException {
        try (RawConnection c = connect()) {
            c.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
            RawConnection.Response r = c.read();
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals("part0\npart1\npart2\n", r.text());
        }
    }

    @Test
    void streamedBodyForHttp10EndsWithTheConnection() throws IOException {
        try (RawConnection c = connect()) {
            c.send("GET /stream HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawConnection.Response r = c.read();
            assertNull(r.header("Transfer-Encoding"));
            assertEquals("close", r.header("Connection"));
            assertEquals("part0\npart1\npart2\n", r.text());
        }
    }

    @Test
    void http10KeepAliveIsHonoured() throws IOException {
        try (RawConnection c = connect()) {
            c.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertEquals("keep-alive", c.read().header("Connection"));
            c.send("GET /hello HTTP/1.0\r\n\r\n");
            assertEquals("close", c.read().header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void expectContinueGetsContinueBeforeTheBody() throws IOException {
        try (RawConnection c = connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals("HTTP/1.1 100 Continue", c.line());
            assertEquals("", c.line());
            c.send("data");
            RawConnection.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("data", r.text());
        }
    }

    @Test
    void bodyOverTheLimitIs413WithoutContinue() throws IOException {
        try (RawConnection c = connect()) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
            RawConnection.Response r = c.read();
            assertEquals(413, r.status(), "a 100 Continue would have come first");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void unreadBodyWithPendingExpectClosesTheConnection() throws IOException {
        try (RawConnection c = connect()) {
            c.send("POST /ignore-body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            RawConnection.Response r = c.read();
            assertEquals("ignored", r.text());
            assertEquals("close", r.header("Connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void handlerExceptionIs500LoggedOnceAndTheConnectionGoesOn() throws IOException {
        List<LogRecord> records = new ArrayList<>();
        Logger jul = Logger.getLogger("dev.jcoro.http.HttpServer");
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try (RawConnection c = connect()) {
            c.send("GET /fail HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(500, c.read().status());
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello", c.read().text());
        } finally {
            jul.removeHandler(capture);
        }
        synchronized (capture) {
            assertEquals(1, records.size());
            assertTrue(records.get(0).getMessage().contains("GET /fail HTTP/1.1"), records.get(0).getMessage());
            assertEquals("handler bug on purpose", records.get(0).getThrown().getMessage());
        }
    }

    @Test
    void handlerExceptionAfterTheResponseStartedClosesTheConnection() throws IOException {
        try (RawConnection c = connect()) {
            c.send("GET /fail-late HTTP/1.1\r\nHost: x\r\n\r\n");
            c.timeout(3000);
            String text = new String(c.readUntilClose(), StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("HTTP/1.1 200 OK"), text);
            assertTrue(text.contains("partial"), text);
            assertFalse(text.contains("0\r\n\r\n"), "the chunked body must not look complete: " + text);
        }
        try (RawConnection c = connect()) {
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello", c.read().text(), "the server still serves");
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedQuietly() throws IOException {
        try (RawConnection c = connect()) {
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, c.read().status());
            long start = System.nanoTime();
            c.timeout(5000);
            assertTrue(c.closedByServer(), "closed without sending anything");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 1000, "closed after " + ms + " ms, before the 1.5 s idle timeout");
        }
    }

    @Test
    void connectionThatSendsNothingIsClosedQuietlyAtTheHeaderTimeout() throws IOException {
        long start = System.nanoTime();
        try (RawConnection c = connect()) {
            c.timeout(5000);
            assertTrue(c.closedByServer(), "closed without sending anything");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms >= 700, "closed after " + ms + " ms, before the 0.8 s header timeout");
        }
    }

    @Test
    void requestThatOutlivesTheIdleTimeoutIsNotClosedBeneathIt() throws IOException {
        try (RawConnection c = connect()) {
            // 2 s is past both the 0.8 s header timeout and the 1.5 s idle timeout: the connection is busy.
            c.send("GET /sleep?ms=2000 HTTP/1.1\r\nHost: x\r\n\r\n");
            c.timeout(5000);
            RawConnection.Response r = c.read();
            assertEquals("slept", r.text());
            assertNull(r.header("Connection"));
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals("hello", c.read().text(), "still kept alive afterwards");
        }
    }

    @Test
    void gracefulCloseLetsInFlightRequestsFinishAndClosesIdleOnes() throws Exception {
        try (RawConnection busy = connect(); RawConnection idle = connect()) {
            idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, idle.read().status());
            busy.send("GET /sleep?ms=500 HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(100);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> server.close(Duration.ofSeconds(5)));
            assertTrue(idle.closedByServer(), "the idle connection is closed at once");
            RawConnection.Response r = busy.read();
            assertEquals("slept", r.text());
            assertEquals("close", r.header("Connection"));
            closing.get(5, TimeUnit.SECONDS);
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void gracefulCloseCutsRequestsThatOutliveTheGrace() throws Exception {
        try (RawConnection busy = connect()) {
            busy.send("GET /sleep?ms=10000 HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(100);
            long start = System.nanoTime();
            server.close(Duration.ofMillis(300));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
            assertNull(busy.read(), "the cut request gets no response");
            assertEquals(0, server.openConnections());
        }
    }

    @Test
    void connectionCapStopsAcceptingUntilOneCloses() throws Exception {
        try (HttpServer capped = TestServer.builder().limits(TestServer.LIMITS.withMaxConnections(2)).start();
             RawConnection a = new RawConnection(capped.port());
             RawConnection b = new RawConnection(capped.port());
             RawConnection c = new RawConnection(capped.port())) {
            a.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, a.read().status());
            b.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, b.read().status());
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            c.timeout(500);
            assertEquals(2, capped.openConnections());
            assertTrue(!c.closedByServer(), "the third connection waits in the backlog, unanswered");
            a.close();
            c.timeout(5000);
            assertEquals("hello", c.read().text(), "answered once the first closed");
        }
    }

    @Test
    void serverOnASharedSchedulerLeavesItRunning() throws Exception {
        try (dev.jcoro.Scheduler scheduler = dev.jcoro.Scheduler.create(1)) {
            HttpServer shared = HttpServer.builder().address(InetAddress.getLoopbackAddress()).scheduler(scheduler)
                    .handler((rq, rs) -> rs.send("shared")).start();
            try (RawConnection c = new RawConnection(shared.port())) {
                c.send("GET /anything HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("shared", c.read().text());
            }
            shared.close();
            assertEquals(7, scheduler.launch(() -> {
                Coroutines.yieldNow();
                return 7;
            }).join());
        }
    }

    @Test
    void handlerThatBlocksItsCarrierIsNamedByTheWatchdog() throws Exception {
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (dev.jcoro.Scheduler scheduler = dev.jcoro.Scheduler.builder().threads(1)
                .blockedThreshold(Duration.ofMillis(100)).blockedReporter(reports::add).build()) {
            HttpServer blocking = HttpServer.builder().address(InetAddress.getLoopbackAddress()).scheduler(scheduler)
                    .handler(Router.builder().get("/block", HttpServerTest::blockTheCarrier).build()).start();
            try (RawConnection c = new RawConnection(blocking.port())) {
                c.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
                assertEquals("blocked", c.read().text());
            } finally {
                blocking.close();
            }
        }
        assertEquals(1, reports.size(), reports::toString);
        assertTrue(reports.get(0).contains("HttpServerTest.blockTheCarrier"), reports.get(0));
    }

    @dev.jcoro.Suspendable
    private static void blockTheCarrier(HttpRequest request, HttpResponse response) throws Exception {
        Thread.sleep(400);
        response.send("blocked");
    }
}
