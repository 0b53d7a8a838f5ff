package dev.jcoro.mysql.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.mysql.MySqlProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketChannelTest {
    private static final int MAX = PacketChannel.MAX_CHUNK;
    private static final int LIMIT = 64 << 20;

    /** The wire form of {@code payloads}, sequence ids from 0, split as the protocol says. */
    private static byte[] frames(byte[]... payloads) throws IOException {
        ChunkedSocket sink = new ChunkedSocket(new byte[0]);
        PacketChannel ch = new PacketChannel(sink, LIMIT);
        for (byte[] p : payloads) {
            ch.begin().bytes(p);
            ch.send();
        }
        return sink.written();
    }

    private static byte[] header(int length, int seq) {
        return new byte[] {(byte) length, (byte) (length >> 8), (byte) (length >> 16), (byte) seq};
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void packetsArriveWholeWhateverTheReadBoundaries() throws IOException {
        byte[][] payloads = {"abc".getBytes(), new byte[0], random(300, 1), {7}};
        byte[] wire = frames(payloads);
        assertEquals(3 + 0 + 300 + 1 + 4 * 4, wire.length);
        for (int cut = 0; cut <= wire.length; cut++) {
            assertReads(new ChunkedSocket(wire, cut), payloads, "cut at " + cut);
            for (int second = cut + 1; second < Math.min(wire.length, cut + 8); second++) {
                assertReads(new ChunkedSocket(wire, cut, second), payloads, "cuts at " + cut + ", " + second);
            }
        }
        assertReads(ChunkedSocket.byteByByte(wire), payloads, "one byte per read");
    }

    private static void assertReads(ChunkedSocket socket, byte[][] payloads, String how) throws IOException {
        PacketChannel ch = new PacketChannel(socket, LIMIT);
        for (int i = 0; i < payloads.length; i++) {
            Payload p = ch.read("test packet");
            assertArrayEquals(payloads[i], p.restBytes(), how + ", packet " + i);
        }
    }

    @Test
    void outgoingPayloadsOf16MiBOrMoreAreSplitIntoChunks() throws IOException {
        byte[] big = random(2 * MAX + 5, 2);
        byte[] wire = frames(big);
        byte[] expected = concat(header(MAX, 0), Arrays.copyOfRange(big, 0, MAX), header(MAX, 1),
                Arrays.copyOfRange(big, MAX, 2 * MAX), header(5, 2), Arrays.copyOfRange(big, 2 * MAX, big.length));
        assertArrayEquals(expected, wire);
    }

    @Test
    void aPayloadOfExactlyOneChunkIsFollowedByAnEmptyPacket() throws IOException {
        byte[] exact = random(MAX, 3);
        byte[] wire = frames(exact, "next".getBytes());
        assertArrayEquals(concat(header(MAX, 0), exact, header(0, 1), header(4, 2), "next".getBytes()), wire);
        PacketChannel ch = new PacketChannel(new ChunkedSocket(wire), LIMIT);
        assertArrayEquals(exact, ch.read("big").restBytes());
        assertArrayEquals("next".getBytes(), ch.read("small").restBytes());
    }

    @Test
    void splitPayloadsAreJoinedWhateverTheReadBoundaries() throws IOException {
        byte[] big = random(MAX + 1000, 4);
        byte[] wire = frames(big, "after".getBytes());
        int secondHeader = 4 + MAX;
        int[][] cutSets = {{}, {1}, {3}, {4}, {5}, {secondHeader - 1}, {secondHeader}, {secondHeader + 2},
                {secondHeader + 4}, {secondHeader + 5}, {wire.length - 6}, {2, secondHeader + 1, wire.length - 3}};
        for (int[] cuts : cutSets) {
            PacketChannel ch = new PacketChannel(new ChunkedSocket(wire, cuts), LIMIT);
            assertArrayEquals(big, ch.read("big").restBytes(), "cuts " + Arrays.toString(cuts));
            assertArrayEquals("after".getBytes(), ch.read("small").restBytes(), "cuts " + Arrays.toString(cuts));
        }
    }

    @Test
    void sequenceIdsCountAcrossBothDirectionsAndWrapAt256() throws IOException {
        byte[][] payloads = new byte[300][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = new byte[] {(byte) i};
        }
        byte[] wire = frames(payloads);
        assertEquals((byte) 255, wire[255 * 5 + 3]);
        assertEquals(0, wire[256 * 5 + 3]);
        assertReads(new ChunkedSocket(wire), payloads, "300 packets");

        ChunkedSocket socket = new ChunkedSocket(concat(header(1, 1), new byte[] {42}));
        PacketChannel ch = new PacketChannel(socket, LIMIT);
        ch.begin().int1(3);
        ch.send();
        assertEquals(42, ch.read("reply").int1("value"));
        assertEquals(2, ch.sequence());
        ch.resetSequence();
        assertEquals(0, ch.sequence());
    }

    @Test
    void aPacketOutOfSequenceIsAProtocolError() {
        byte[] wire = concat(header(2, 0), new byte[2], header(1, 5), new byte[1]);
        PacketChannel ch = new PacketChannel(new ChunkedSocket(wire), LIMIT);
        MySqlProtocolException e = assertThrows(MySqlProtocolException.class, () -> {
            ch.read("column definition");
            ch.read("column definition");
        });
        assertEquals("packet out of sequence from the server: expected sequence id 1, got 5 (a 1-byte packet, "
                + "reading a column definition)", e.getMessage());
    }

    @Test
    void theEndOfTheStreamInsideAPacketSaysHowMuchArrived() {
        byte[] wire = concat(header(10, 0), new byte[3]);
        PacketChannel ch = new PacketChannel(new ChunkedSocket(wire), LIMIT);
        EOFException e = assertThrows(EOFException.class, () -> ch.read("text row"));
        assertEquals("the server closed the connection in the middle of a packet (3 of 10 bytes of a text row "
                + "arrived)", e.getMessage());
        EOFException clean = assertThrows(EOFException.class,
                () -> new PacketChannel(new ChunkedSocket(new byte[0]), LIMIT).read("OK packet"));
        assertEquals("the server closed the connection", clean.getMessage());
    }

    @Test
    void aJoinedPayloadOverTheLimitIsRefused() throws IOException {
        byte[] wire = frames(random(MAX + 100, 5));
        PacketChannel ch = new PacketChannel(new ChunkedSocket(wire), MAX + 10);
        MySqlProtocolException e = assertThrows(MySqlProtocolException.class, () -> ch.read("text row"));
        assertTrue(e.getMessage().contains("larger than the client's limit of " + (MAX + 10)), e.getMessage());
    }

    @Test
    void upgradingWithUnreadBytesIsRefused() throws IOException {
        PacketChannel ch = new PacketChannel(new ChunkedSocket(concat(header(1, 0), new byte[1])), LIMIT);
        ch.read("handshake");
        ch.upgrade(new ChunkedSocket(new byte[0]));
        assertTrue(ch.socket() instanceof ChunkedSocket);
        PacketChannel ahead = new PacketChannel(new ChunkedSocket(concat(header(1, 0), new byte[1], new byte[] {9})), LIMIT);
        ahead.read("handshake");
        MySqlProtocolException e = assertThrows(MySqlProtocolException.class,
                () -> ahead.upgrade(new ChunkedSocket(new byte[0])));
        assertTrue(e.getMessage().contains("1 unexpected bytes before the TLS handshake"), e.getMessage());
    }
}
