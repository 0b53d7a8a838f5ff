package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeadWriterTest {
    private static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b).toString();
    }

    @Test
    void statusLineHeadersNumbersAndBodyInOneBuffer() {
        HeadWriter w = new HeadWriter().statusLine(200)
                .headers(new HttpHeaders().add("Content-Type", "text/plain").add("Date", "skipped"), "date")
                .header("Content-Length", 0)
                .header("X-Big", 1234567890123L)
                .header("X-Ten", 10)
                .end();
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nX-Big: 1234567890123\r\n"
                + "X-Ten: 10\r\n\r\nbody", text(w.toBuffer("body".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void statusLinesAreTheSameWhenFormattedAgain() {
        for (int i = 0; i < 2; i++) {
            assertEquals("HTTP/1.1 404 Not Found\r\n", text(new HeadWriter().statusLine(404).toBuffer(null)));
            assertEquals("HTTP/1.1 599 Status 599\r\n", text(new HeadWriter().statusLine(599).toBuffer(null)));
        }
    }

    @Test
    void aBodyLargerThanTheHeadArrayIsAppendedWhole() {
        byte[] body = new byte[10_000];
        body[9_999] = 'z';
        ByteBuffer b = new HeadWriter().statusLine(200).end().toBuffer(body);
        assertEquals("HTTP/1.1 200 OK\r\n\r\n".length() + 10_000, b.remaining());
        assertEquals('z', b.get(b.limit() - 1));
    }

    @Test
    void impossibleStatusesAndNegativeNumbersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HeadWriter().statusLine(1000));
        assertThrows(IllegalArgumentException.class, () -> new HeadWriter().statusLine(-1));
        assertThrows(IllegalArgumentException.class, () -> new HeadWriter().header("Content-Length", -5));
    }
}
