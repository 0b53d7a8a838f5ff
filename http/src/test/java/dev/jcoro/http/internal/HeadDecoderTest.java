package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.http.HttpStatusException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadDecoderTest {
    private static HeadDecoder request() {
        return new HeadDecoder(HeadDecoder.Kind.REQUEST, 64, 256, 4);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int statusOf(HeadDecoder d, String input) {
        return assertThrows(HttpStatusException.class, () -> d.decode(bytes(input))).status();
    }

    @Test
    void decodesRequestLineAndFieldsAndStopsAfterTheEmptyLine() throws Exception {
        HeadDecoder d = request();
        ByteBuffer buf = bytes("POST /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Multi: 1\r\nx-multi:  2 \r\n\r\nBODY");
        assertTrue(d.decode(buf));
        assertEquals("POST", d.method());
        assertEquals("/a?b=1", d.target());
        assertEquals(1, d.versionMinor());
        assertEquals("x", d.headers().get("host"));
        assertEquals(List.of("1", "2"), d.headers().all("X-MULTI"));
        assertEquals("BODY", StandardCharsets.US_ASCII.decode(buf).toString());
    }

    @Test
    void headSplitAtEveryByteDecodesTheSame() throws Exception {
        String head = "GET /x HTTP/1.0\r\nA: 1\r\nB: 2\r\n\r\n";
        for (int split = 0; split <= head.length(); split++) {
            HeadDecoder d = request();
            ByteBuffer buf = ByteBuffer.allocate(head.length());
            buf.put(head.substring(0, split).getBytes(StandardCharsets.US_ASCII)).flip();
            boolean done = d.decode(buf);
            buf.compact().put(head.substring(split).getBytes(StandardCharsets.US_ASCII)).flip();
            done = done || d.decode(buf);
            assertTrue(done, "split at " + split);
            assertEquals(0, d.versionMinor());
            assertEquals("2", d.headers().get("B"));
        }
    }

    @Test
    void incompleteHeadAsksForMore() throws Exception {
        assertFalse(request().decode(bytes("GET / HTTP/1.1\r\nHost: x\r\n")));
    }

    @Test
    void requestLineOverTheLimitIs414EvenBeforeItsEnd() {
        assertEquals(414, statusOf(request(), "GET /" + "a".repeat(80)));
    }

    @Test
    void headerSectionOverTheLimitIs431EvenBeforeItsEnd() {
        assertEquals(431, statusOf(request(), "GET / HTTP/1.1\r\nX: " + "a".repeat(300)));
    }

    @Test
    void tooManyFieldsIs431() {
        assertEquals(431, statusOf(request(), "GET / HTTP/1.1\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\n\r\n"));
    }

    @Test
    void obsoleteLineFoldingIs400() {
        assertEquals(400, statusOf(request(), "GET / HTTP/1.1\r\nA: 1\r\n 2\r\n\r\n"));
    }

    @Test
    void whitespaceBeforeColonIs400() {
        assertEquals(400, statusOf(request(), "GET / HTTP/1.1\r\nA : 1\r\n\r\n"));
    }

    @Test
    void controlCharacterInValueIs400() {
        assertEquals(400, statusOf(request(), "GET / HTTP/1.1\r\nA: 1\u00012\r\n\r\n"));
    }

    @Test
    void bareCrIs400() {
        assertEquals(400, statusOf(request(), "GET / HTTP/1.1\r\nA: 1\r2\r\n\r\n"));
    }

    @Test
    void otherMajorVersionIs505AndMalformedVersionIs400() {
        assertEquals(505, statusOf(request(), "GET / HTTP/2.0\r\n"));
        assertEquals(400, statusOf(request(), "GET / HTTP/1.1x\r\n"));
        assertEquals(400, statusOf(request(), "GET / HTTP/11\r\n"));
    }

    @Test
    void leadingEmptyLinesAreSkippedUpToALimit() throws Exception {
        HeadDecoder d = request();
        assertTrue(d.decode(bytes("\r\n\nGET / HTTP/1.1\r\n\r\n")));
        assertEquals("GET", d.method());
        assertEquals(400, statusOf(request(), "\r\n".repeat(HeadDecoder.MAX_LEADING_EMPTY_LINES + 1) + "GET / HTTP/1.1\r\n"));
    }

    @Test
    void statusLineWithAndWithoutReason() throws Exception {
        HeadDecoder d = new HeadDecoder(HeadDecoder.Kind.RESPONSE, 64, 256, 4);
        assertTrue(d.decode(bytes("HTTP/1.1 404 Not Found\r\nA: b\r\n\r\n")));
        assertEquals(404, d.status());
        assertEquals("Not Found", d.reason());
        d.reset();
        assertTrue(d.decode(bytes("HTTP/1.0 200\r\n\r\n")));
        assertEquals(200, d.status());
        assertEquals(0, d.versionMinor());
        d.reset();
        assertEquals(400, assertThrows(HttpStatusException.class, () -> d.decode(bytes("HTTP/1.1 2x0 OK\r\n"))).status());
    }

    @Test
    void trailersHaveNoStartLine() throws Exception {
        HeadDecoder d = new HeadDecoder(HeadDecoder.Kind.TRAILERS, 0, 256, 4);
        assertTrue(d.decode(bytes("Checksum: abc\r\n\r\n")));
        assertEquals("abc", d.headers().get("checksum"));
    }
}
