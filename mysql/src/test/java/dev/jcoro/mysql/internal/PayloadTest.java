package dev.jcoro.mysql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.mysql.MySqlProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

    private static Payload payload(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Payload.of(b, 0, b.length);
    }

    @Test
    void lengthEncodedIntegersRoundTripAtEveryWidth() throws Exception {
        long[] values = {0, 1, 250, 251, 252, 0xFFFF, 0x10000, 0xFFFFFF, 0x1000000, Integer.MAX_VALUE,
                Long.MAX_VALUE, -1L};
        int[] widths = {1, 1, 1, 3, 3, 3, 4, 4, 9, 9, 9, 9};
        for (int i = 0; i < values.length; i++) {
            byte[] encoded = new PacketBuilder().lenencInt(values[i]).toByteArray();
            assertEquals(widths[i], encoded.length, "encoded width of " + Long.toUnsignedString(values[i]));
            Payload p = Payload.of(encoded, 0, encoded.length);
            assertEquals(values[i], p.lenencInt("value"));
            assertEquals(0, p.remaining());
        }
    }

    @Test
    void fixedWidthIntegersAreLittleEndian() throws Exception {
        Payload p = payload(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0xff, 0xff, 0xff, 0xff,
                0xff, 0xff, 0xff, 0xff, 0xfe);
        assertEquals(0x0201, p.int2("a"));
        assertEquals(0x050403, p.int3("b"));
        assertEquals(0x09080706, p.int4("c"));
        assertEquals(0x0a, p.int1("d"));
        assertEquals(-1L, p.int8("e"));
        assertEquals(0xfe, p.int1("f"));
    }

    @Test
    void stringsAndBytesRoundTrip() throws Exception {
        byte[] encoded = new PacketBuilder().lenencString("héllo 🐱", StandardCharsets.UTF_8)
                .nulString("root", StandardCharsets.UTF_8).lenencBytes(new byte[300]).string("rest", StandardCharsets.UTF_8)
                .toByteArray();
        Payload p = Payload.of(encoded, 0, encoded.length);
        assertEquals("héllo 🐱", p.lenencString(StandardCharsets.UTF_8, "greeting"));
        assertEquals("root", p.nulString(StandardCharsets.UTF_8, "user"));
        assertArrayEquals(new byte[300], p.lenencBytes("blob"));
        assertEquals("rest", p.restString(StandardCharsets.UTF_8));
    }

    @Test
    void theNullMarkerIsALengthOnlyWhereNullIsAllowed() throws Exception {
        assertEquals(-1, payload(0xfb).lenencOrNull("value"));
        MySqlProtocolException e = assertThrows(MySqlProtocolException.class, () -> payload(0xfb).lenencInt("count"));
        assertTrue(e.getMessage().contains("count at offset 0"), e.getMessage());
    }

    @Test
    void truncatedFieldNamesTheFieldTheOffsetAndThePacket() {
        Payload p = payload(0x0a, 0x01, 0x02).expect("handshake");
        MySqlProtocolException e = assertThrows(MySqlProtocolException.class, () -> {
            p.int1("protocol version");
            p.int4("connection id");
        });
        assertEquals("malformed handshake from the server: connection id at offset 1 of 3 bytes: needs 4 bytes, "
                + "2 left [0a>01 02]", e.getMessage());
    }

    @Test
    void invalidLengthEncodingsAreRefused() {
        MySqlProtocolException ff = assertThrows(MySqlProtocolException.class, () -> payload(0xff).lenencInt("n"));
        assertTrue(ff.getMessage().contains("invalid first byte 0xFF"), ff.getMessage());
        MySqlProtocolException past = assertThrows(MySqlProtocolException.class,
                () -> payload(0x05, 'a', 'b').lenencString(StandardCharsets.UTF_8, "column name"));
        assertTrue(past.getMessage().contains("column name at offset 0 of 3 bytes: length 5 runs past the end (3 bytes left)"),
                past.getMessage());
        MySqlProtocolException nul = assertThrows(MySqlProtocolException.class,
                () -> payload('a', 'b').nulString(StandardCharsets.UTF_8, "server version"));
        assertTrue(nul.getMessage().contains("no terminating NUL"), nul.getMessage());
    }

    @Test
    void skippingALengthEncodedStringLandsOnTheNextField() throws Exception {
        Payload p = payload(3, 'd', 'e', 'f', 2, 'a', 'b');
        p.skipLenenc("catalog");
        assertEquals("ab", p.lenencString(StandardCharsets.UTF_8, "schema"));
    }
}
