package dev.jcoro.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.http.HttpStatusException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedDecoderTest {

    /** Decodes a whole chunked body held in one buffer; returns the data. */
    private static String decode(String wire) throws HttpStatusException {
        ChunkedDecoder d = new ChunkedDecoder(32, 256, 4);
        ByteBuffer buf = ByteBuffer.wrap(wire.getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            long n = d.next(buf);
            if (n < 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            if (n == 0) {
                throw new AssertionError("ran out of input");
            }
            for (int i = 0; i < n; i++) {
                out.write(buf.get());
            }
            d.consumed(n);
        }
    }

    private static int statusOf(String wire) {
        return assertThrows(HttpStatusException.class, () -> decode(wire)).status();
    }

    @Test
    void decodesChunksExtensionsAndTrailers() throws Exception {
        assertEquals("hello world", decode("5;a=b\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n"));
    }

    @Test
    void upperCaseHexAndLeadingZeros() throws Exception {
        assertEquals("x".repeat(26), decode("001A\r\n" + "x".repeat(26) + "\r\n0\r\n\r\n"));
    }

    @Test
    void byteByByteInputDecodesTheSame() throws Exception {
        String wire = "3\r\nabc\r\n2;x\r\nde\r\n0\r\n\r\n";
        ChunkedDecoder d = new ChunkedDecoder(32, 256, 4);
        ByteBuffer buf = ByteBuffer.allocate(wire.length()).flip();
        StringBuilder out = new StringBuilder();
        int fed = 0;
        while (true) {
            long n = d.next(buf);
            if (n < 0) {
                break;
            }
            if (n == 0) {
                buf.compact().put((byte) wire.charAt(fed++)).flip();
                continue;
            }
            for (int i = 0; i < n; i++) {
                out.append((char) buf.get());
            }
            d.consumed(n);
        }
        assertEquals("abcde", out.toString());
        assertEquals(wire.length(), fed);
    }

    @Test
    void malformedSizesAre400() {
        assertEquals(400, statusOf("zz\r\n"));
        assertEquals(400, statusOf(" 3\r\nabc\r\n0\r\n\r\n"));
        assertEquals(400, statusOf("0x3\r\nabc\r\n0\r\n\r\n"));
        assertEquals(400, statusOf("-1\r\n"));
        assertEquals(400, statusOf("\r\n"));
        assertEquals(400, statusOf("3 junk\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void sizeThatOverflowsSixtyFourBitsIs400() {
        assertEquals(400, statusOf("10000000000000000\r\n"));
        assertEquals(400, statusOf("8000000000000000\r\n"));
    }

    @Test
    void bareLfAndMissingDataCrlfAre400() {
        assertEquals(400, statusOf("3\nabc\r\n0\r\n\r\n"));
        assertEquals(400, statusOf("3\r\nabcd\r\n0\r\n\r\n"));
        assertEquals(400, statusOf("3\r\nabc\n0\r\n\r\n"));
    }

    @Test
    void overlongSizeLineIs400() {
        assertEquals(400, statusOf("3;" + "e".repeat(40) + "\r\nabc\r\n0\r\n\r\n"));
    }

    @Test
    void oversizedTrailersAre431() {
        assertEquals(431, statusOf("0\r\nX: " + "t".repeat(300) + "\r\n\r\n"));
    }
}
