package dev.jcoro.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table: malformed, truncated, oversize and ambiguous requests, each with the status the server must
 * answer (or {@link #CLOSE}: it closes without answering), and whether the connection must close after.
 * When it stays open, a follow-up request must be answered, which proves the framing stayed in step.
 */
class MalformedRequestsTest {
    static final int CLOSE = -1;
    private static HttpServer server;

    record Case(String name, String request, int status, boolean closes, boolean endInput) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String H = "Host: x\r\n";

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String longTarget = "/" + "a".repeat(1100);
        String bigHeader = "X-Big: " + "b".repeat(4200) + "\r\n";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            many.append("X-").append(i).append(": v\r\n");
        }
        // request line and version
        c.add(bad("no Host in HTTP/1.1", "GET /hello HTTP/1.1\r\n\r\n"));
        c.add(bad("two Host fields", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        c.add(new Case("request line over the limit", "GET " + longTarget + " HTTP/1.1\r\n" + H + "\r\n", 414, true, false));
        c.add(new Case("request line over the limit, unterminated", "GET " + longTarget, 414, true, false));
        c.add(new Case("HTTP/2.0", "GET /hello HTTP/2.0\r\n" + H + "\r\n", 505, true, false));
        c.add(new Case("HTTP/0.9 version", "GET /hello HTTP/0.9\r\n" + H + "\r\n", 505, true, false));
        c.add(ok("HTTP/1.2 is treated as 1.1", "GET /hello HTTP/1.2\r\n" + H + "\r\n"));
        c.add(bad("version without minor", "GET /hello HTTP/1\r\n" + H + "\r\n"));
        c.add(bad("lower-case version", "GET /hello http/1.1\r\n" + H + "\r\n"));
        c.add(bad("invalid character in method", "GE(T /hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("two spaces after method", "GET  /hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("no version", "GET /hello\r\n" + H + "\r\n"));
        c.add(bad("space before method", " GET /hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("fragment in target", "GET /hello#x HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("target not a path", "GET hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("asterisk with GET", "GET * HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("broken percent-escape in path", "GET /files/a%zz HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("non-ASCII byte in target", "GET /h\u00e9llo HTTP/1.1\r\n" + H + "\r\n"));
        c.add(ok("absolute-form target", "GET http://x/hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(ok("two empty lines before the request line", "\r\n\r\nGET /hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(bad("nine empty lines before the request line", "\r\n".repeat(9) + "GET /hello HTTP/1.1\r\n" + H + "\r\n"));
        c.add(ok("bare LF line ends", "GET /hello HTTP/1.1\nHost: x\n\n"));
        c.add(bad("bare CR in the request line", "GET /hello\rHTTP/1.1\r\n" + H + "\r\n"));
        // header fields
        c.add(new Case("header section over the limit", "GET /hello HTTP/1.1\r\n" + H + bigHeader + "\r\n", 431, true, false));
        c.add(new Case("too many header fields", "GET /hello HTTP/1.1\r\n" + H + many + "\r\n", 431, true, false));
        c.add(bad("obsolete line folding", "GET /hello HTTP/1.1\r\n" + H + "X-A: one\r\n two\r\n\r\n"));
        c.add(bad("space between name and colon", "GET /hello HTTP/1.1\r\nHost : x\r\n\r\n"));
        c.add(bad("tab between name and colon", "GET /hello HTTP/1.1\r\n" + H + "X-A\t: v\r\n\r\n"));
        c.add(bad("header line without colon", "GET /hello HTTP/1.1\r\n" + H + "X-A v\r\n\r\n"));
        c.add(bad("empty header name", "GET /hello HTTP/1.1\r\n" + H + ": v\r\n\r\n"));
        c.add(bad("NUL in a header value", "GET /hello HTTP/1.1\r\n" + H + "X-A: a\u0000b\r\n\r\n"));
        c.add(bad("bare CR in a header value", "GET /hello HTTP/1.1\r\n" + H + "X-A: a\rb\r\n\r\n"));
        c.add(bad("DEL in a header value", "GET /hello HTTP/1.1\r\n" + H + "X-A: a\u007fb\r\n\r\n"));
        c.add(new Case("unsupported expectation", "GET /hello HTTP/1.1\r\n" + H + "Expect: 200-ok\r\n\r\n", 417, true, false));
        // Content-Length
        c.add(bad("Content-Length and Transfer-Encoding", "POST /echo HTTP/1.1\r\n" + H
                + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        c.add(bad("differing Content-Length fields", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"));
        c.add(bad("differing Content-Length list", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 3, 4\r\n\r\nabcd"));
        c.add(ok("equal Content-Length list", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 3, 3\r\n\r\nabc"));
        c.add(ok("Content-Length with surrounding spaces", "POST /echo HTTP/1.1\r\n" + H + "Content-Length:  3 \r\n\r\nabc"));
        c.add(bad("negative Content-Length", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n"));
        c.add(bad("Content-Length with a sign", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: +3\r\n\r\nabc"));
        c.add(bad("Content-Length not a number", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: abc\r\n\r\n"));
        c.add(bad("Content-Length in hex", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 0x3\r\n\r\nabc"));
        c.add(bad("Content-Length overflowing", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999\r\n\r\n"));
        c.add(new Case("Content-Length over the body limit", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 1001\r\n\r\n", 413, true, false));
        c.add(new Case("body shorter than Content-Length", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 10\r\n\r\nabc", 400, true, true));
        // Transfer-Encoding and chunks
        c.add(new Case("gzip then chunked", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501, true, false));
        c.add(bad("coding list not ending in chunked", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip\r\n\r\n"));
        c.add(bad("chunked twice", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"));
        c.add(bad("chunked split over two fields, twice", "POST /echo HTTP/1.1\r\n" + H
                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        c.add(bad("Transfer-Encoding in HTTP/1.0", "POST /echo HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        c.add(bad("chunked with a parameter", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked;x=1\r\n\r\n0\r\n\r\n"));
        c.add(ok("chunked in another case", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: ChUnKeD\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        c.add(ok("chunk extensions and trailers", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                + "3;name=value\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"));
        c.add(bad("chunk size not hex", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"));
        c.add(bad("chunk size with leading space", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n 3\r\nabc\r\n0\r\n\r\n"));
        c.add(bad("chunk size with 0x", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0x3\r\nabc\r\n0\r\n\r\n"));
        c.add(bad("chunk size overflowing 64 bits", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                + "1ffffffffffffffff\r\nabc\r\n0\r\n\r\n"));
        c.add(bad("chunk size negative", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n-3\r\nabc\r\n0\r\n\r\n"));
        c.add(bad("chunk data longer than its size", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n"));
        c.add(bad("chunk-size line ended by bare LF", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n"));
        c.add(bad("chunk-size line over the limit", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3;"
                + "e".repeat(100) + "\r\nabc\r\n0\r\n\r\n"));
        c.add(new Case("chunked body over the limit", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                + "3e9\r\n" + "x".repeat(1001) + "\r\n0\r\n\r\n", 413, true, false));
        c.add(new Case("trailer section over the limit", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n"
                + "0\r\n" + bigHeader + "\r\n", 431, true, false));
        c.add(new Case("chunked body cut short", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n3\r\nab",
                400, true, true));
        // truncated heads
        c.add(new Case("head cut short", "GET /hello HTTP/1.1\r\nHost: x\r\n", CLOSE, true, true));
        c.add(new Case("request line cut short", "GET /hel", CLOSE, true, true));
        c.add(new Case("head never completed (header timeout)", "GET /hello HTTP/1.1\r\nHost: x\r\n", 408, true, false));
        c.add(new Case("body never completed (body timeout)", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 10\r\n\r\nabc",
                408, true, false));
        // routing and versions
        c.add(new Case("unknown path", "GET /nope HTTP/1.1\r\n" + H + "\r\n", 404, false, false));
        c.add(new Case("wrong method", "DELETE /hello HTTP/1.1\r\n" + H + "\r\n", 405, false, false));
        c.add(new Case("HTTP/1.0 without Host", "GET /hello HTTP/1.0\r\n\r\n", 200, true, false));
        c.add(new Case("Connection: close", "GET /hello HTTP/1.1\r\n" + H + "Connection: close\r\n\r\n", 200, true, false));
        c.add(ok("unread body is skipped", "POST /ignore-body HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello"));
        return c;
    }

    private static Case bad(String name, String request) {
        return new Case(name, request, 400, true, false);
    }

    private static Case ok(String name, String request) {
        return new Case(name, request, 200, false, false);
    }

    @Test
    void theTableHasAtLeastFortyHostileCases() {
        assertTrue(cases().stream().filter(c -> c.status != 200).count() >= 40, "hostile cases: " + cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersAsTheRfcSays(Case c) throws Exception {
        try (RawConnection conn = new RawConnection(server.port())) {
            conn.send(c.request);
            if (c.endInput) {
                conn.shutdownOutput();
            }
            RawConnection.Response r = conn.read(c.request.startsWith("HEAD"));
            if (c.status == CLOSE) {
                assertNull(r, "expected the server to close without answering");
                return;
            }
            assertNotNull(r, "the server closed without answering; expected " + c.status);
            assertEquals(c.status, r.status(), () -> "body: " + r.text());
            if (c.closes) {
                assertEquals("close", r.header("Connection"));
                conn.timeout(3000);
                assertTrue(conn.closedByServer(), "the server kept the connection open");
            } else {
                conn.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                RawConnection.Response next = conn.read();
                assertNotNull(next, "the connection did not carry a second request");
                assertEquals(200, next.status());
                assertEquals("hello", next.text());
            }
        }
    }
}
