package dev.jcoro.redis.internal.resp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.redis.RespProtocolException;
import dev.jcoro.redis.RespValue;
import dev.jcoro.redis.RespValue.ArrayReply;
import dev.jcoro.redis.RespValue.AttributedReply;
import dev.jcoro.redis.RespValue.BigNumberReply;
import dev.jcoro.redis.RespValue.BooleanReply;
import dev.jcoro.redis.RespValue.BulkString;
import dev.jcoro.redis.RespValue.DoubleReply;
import dev.jcoro.redis.RespValue.ErrorReply;
import dev.jcoro.redis.RespValue.IntegerReply;
import dev.jcoro.redis.RespValue.MapReply;
import dev.jcoro.redis.RespValue.PushReply;
import dev.jcoro.redis.RespValue.SetReply;
import dev.jcoro.redis.RespValue.SimpleString;
import dev.jcoro.redis.RespValue.VerbatimString;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RespDecoderTest {

    private static RespValue bulk(String s) {
        return BulkString.of(s);
    }

    private static Map<RespValue, RespValue> map(RespValue... keysAndValues) {
        Map<RespValue, RespValue> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Every type of the protocol, each as the server writes it and as it decodes. */
    private static final Object[][] SAMPLES = {
        {"+OK\r\n", new SimpleString("OK")},
        {"+\r\n", new SimpleString("")},
        {"-ERR unknown command 'FOO'\r\n", new ErrorReply("ERR unknown command 'FOO'")},
        {":0\r\n", new IntegerReply(0)},
        {":-9223372036854775808\r\n", new IntegerReply(Long.MIN_VALUE)},
        {":9223372036854775807\r\n", new IntegerReply(Long.MAX_VALUE)},
        {":+42\r\n", new IntegerReply(42)},
        {"$5\r\nhello\r\n", bulk("hello")},
        {"$0\r\n\r\n", bulk("")},
        {"$4\r\na\r\nb\r\n", bulk("a\r\nb")},
        {"$-1\r\n", RespValue.NULL},
        {"*-1\r\n", RespValue.NULL},
        {"*0\r\n", new ArrayReply(List.of())},
        {"*3\r\n:1\r\n$1\r\nx\r\n*1\r\n+in\r\n",
            new ArrayReply(List.of(new IntegerReply(1), bulk("x"), new ArrayReply(List.of(new SimpleString("in")))))},
        {"*2\r\n$-1\r\n*-1\r\n", new ArrayReply(List.of(RespValue.NULL, RespValue.NULL))},
        {"_\r\n", RespValue.NULL},
        {",3.14\r\n", new DoubleReply(3.14)},
        {",-1.5e3\r\n", new DoubleReply(-1500)},
        {",10\r\n", new DoubleReply(10)},
        {",inf\r\n", new DoubleReply(Double.POSITIVE_INFINITY)},
        {",-inf\r\n", new DoubleReply(Double.NEGATIVE_INFINITY)},
        {"#t\r\n", new BooleanReply(true)},
        {"#f\r\n", new BooleanReply(false)},
        {"(3492890328409238509324850943850943825024385\r\n",
            new BigNumberReply(new BigInteger("3492890328409238509324850943850943825024385"))},
        {"(-12\r\n", new BigNumberReply(BigInteger.valueOf(-12))},
        {"!21\r\nSYNTAX invalid syntax\r\n", new ErrorReply("SYNTAX invalid syntax")},
        {"=15\r\ntxt:Some string\r\n", new VerbatimString("txt", "Some string")},
        {"%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n#f\r\n",
            new MapReply(map(new SimpleString("first"), new IntegerReply(1), bulk("second"), new BooleanReply(false)))},
        {"%0\r\n", new MapReply(map())},
        {"~3\r\n+a\r\n+b\r\n:3\r\n",
            new SetReply(new LinkedHashSet<>(List.of(new SimpleString("a"), new SimpleString("b"), new IntegerReply(3))))},
        {">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$3\r\nhey\r\n",
            new PushReply(List.of(bulk("message"), bulk("ch"), bulk("hey")))},
        {"|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2039123\r\n:9543892\r\n",
            new AttributedReply(map(new SimpleString("key-popularity"), new MapReply(map(bulk("a"), new DoubleReply(0.19)))),
                new ArrayReply(List.of(new IntegerReply(2039123), new IntegerReply(9543892))))},
        {"*2\r\n|1\r\n+ttl\r\n:100\r\n$1\r\nv\r\n:7\r\n",
            new ArrayReply(List.of(new AttributedReply(map(new SimpleString("ttl"), new IntegerReply(100)), bulk("v")),
                new IntegerReply(7)))},
    };

    /** Feeds {@code frame} through a small read buffer in chunks ending at {@code cuts}, as a reader would. */
    private static List<RespValue> decodeInChunks(RespDecoder decoder, byte[] frame, int... cuts) throws Exception {
        List<RespValue> out = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(frame.length + 1);
        int from = 0;
        int[] ends = new int[cuts.length + 1];
        System.arraycopy(cuts, 0, ends, 0, cuts.length);
        ends[cuts.length] = frame.length;
        for (int end : ends) {
            buf.put(frame, from, end - from);
            from = end;
            buf.flip();
            RespValue v;
            while ((v = decoder.decode(buf)) != null) {
                out.add(v);
            }
            buf.compact();
        }
        return out;
    }

    private static RespValue decodeOne(String frame) throws Exception {
        List<RespValue> values = decodeInChunks(new RespDecoder(RespLimits.DEFAULT), frame.getBytes(UTF_8));
        assertEquals(1, values.size(), "values decoded from " + frame);
        return values.get(0);
    }

    @Test
    void everyTypeDecodesToItsValue() throws Exception {
        for (Object[] sample : SAMPLES) {
            assertEquals(sample[1], decodeOne((String) sample[0]), (String) sample[0]);
        }
    }

    @Test
    void everyTypeDecodesTheSameWhenSplitAtEveryByteBoundary() throws Exception {
        for (Object[] sample : SAMPLES) {
            byte[] frame = ((String) sample[0]).getBytes(UTF_8);
            for (int cut = 0; cut <= frame.length; cut++) {
                List<RespValue> values = decodeInChunks(new RespDecoder(RespLimits.DEFAULT), frame, cut);
                assertEquals(List.of(sample[1]), values, sample[0] + " split at " + cut);
            }
        }
    }

    @Test
    void everyTypeDecodesTheSameFedOneByteAtATime() throws Exception {
        for (Object[] sample : SAMPLES) {
            byte[] frame = ((String) sample[0]).getBytes(UTF_8);
            int[] cuts = new int[frame.length];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = i;
            }
            RespDecoder decoder = new RespDecoder(RespLimits.DEFAULT);
            assertEquals(List.of(sample[1]), decodeInChunks(decoder, frame, cuts), (String) sample[0]);
            assertTrue(decoder.isIdle());
            assertEquals(frame.length, decoder.consumed());
        }
    }

    @Test
    void backToBackValuesInOneBufferDecodeInOrder() throws Exception {
        StringBuilder all = new StringBuilder();
        List<Object> expected = new ArrayList<>();
        for (Object[] sample : SAMPLES) {
            all.append(sample[0]);
            expected.add(sample[1]);
        }
        byte[] stream = all.toString().getBytes(UTF_8);
        assertEquals(expected, decodeInChunks(new RespDecoder(RespLimits.DEFAULT), stream));
        // And the whole stream cut in three at arbitrary places.
        for (int a = 1; a < stream.length; a += 7) {
            int b = Math.min(stream.length, a + 13);
            assertEquals(expected, decodeInChunks(new RespDecoder(RespLimits.DEFAULT), stream, a, b));
        }
    }

    @Test
    void bulkStringLargerThanTheReadBufferIsAssembledAcrossReads() throws Exception {
        byte[] payload = new byte[100_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        WriteBuffer w = new WriteBuffer(64);
        RespEncoder.bulk(w, payload);
        ByteBuffer frame = w.content();
        RespDecoder decoder = new RespDecoder(RespLimits.DEFAULT);
        ByteBuffer small = ByteBuffer.allocate(1000);
        RespValue value = null;
        while (value == null) {
            while (small.hasRemaining() && frame.hasRemaining()) {
                small.put(frame.get());
            }
            small.flip();
            value = decoder.decode(small);
            small.compact();
        }
        assertArrayEquals(payload, value.asBytes());
    }

    @Test
    void encodedValuesDecodeToThemselves() throws Exception {
        for (Object[] sample : SAMPLES) {
            RespValue v = (RespValue) sample[1];
            WriteBuffer w = new WriteBuffer(16);
            RespEncoder.value(w, v);
            ByteBuffer bytes = w.content();
            assertEquals(v, new RespDecoder(RespLimits.DEFAULT).decode(bytes), "round trip of " + v);
            assertTrue(!bytes.hasRemaining());
        }
    }

    @Test
    void encodedCommandIsAnArrayOfBulkStrings() {
        WriteBuffer w = new WriteBuffer(4);
        RespEncoder.command(w, new byte[][] {"SET".getBytes(UTF_8), "k".getBytes(UTF_8), "vé".getBytes(UTF_8)});
        ByteBuffer bytes = w.content();
        byte[] out = new byte[bytes.remaining()];
        bytes.get(out);
        assertEquals("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nvé\r\n", new String(out, UTF_8));
    }

    @Test
    void negativeAndLargeNumbersEncode() {
        WriteBuffer w = new WriteBuffer(1);
        w.putDecimal(-1234567890123L);
        w.putDecimal(0);
        w.putDecimal(Long.MIN_VALUE);
        byte[] out = new byte[w.size()];
        w.content().get(out);
        assertEquals("-12345678901230" + Long.MIN_VALUE, new String(out, UTF_8));
    }

    // ---- malformed frames ----

    private static RespProtocolException malformed(String frame) {
        return malformed(RespLimits.DEFAULT, frame);
    }

    private static RespProtocolException malformed(RespLimits limits, String frame) {
        return assertThrows(RespProtocolException.class,
                () -> decodeInChunks(new RespDecoder(limits), frame.getBytes(UTF_8)), frame);
    }

    @Test
    void unknownTypeByteNamesItsOffsetAndTheTypesExpected() {
        RespProtocolException e = malformed("+OK\r\n?what\r\n");
        assertEquals(5, e.offset());
        assertEquals("malformed RESP at byte 5: expected a type byte (one of + - : $ * _ , # ! = ( % ~ > |), found '?'",
                e.getMessage());
    }

    @Test
    void lineFeedWithoutCarriageReturnIsRefused() {
        RespProtocolException e = malformed(":12\n");
        assertEquals(3, e.offset());
        assertTrue(e.getMessage().contains("expected CR before the LF"), e.getMessage());
    }

    @Test
    void nonDigitInALengthIsRefusedAtThatByte() {
        RespProtocolException e = malformed("*1\r\n$1x\r\nab\r\n");
        assertEquals(6, e.offset());
        assertTrue(e.getMessage().endsWith("expected a digit in the length of a bulk string, found 'x'"), e.getMessage());
    }

    @Test
    void bulkStringNotFollowedByCrlfIsRefused() {
        RespProtocolException e = malformed("$3\r\nabcd\r\n");
        assertEquals(7, e.offset());
        assertTrue(e.getMessage().contains("expected CR after the 3 bytes of the bulk string that starts at byte 0,"
                + " found 'd'"), e.getMessage());
    }

    @Test
    void bulkStringOverTheLimitIsRefusedBeforeAllocating() {
        RespLimits small = new RespLimits(10, 100, 8, 1024);
        RespProtocolException e = malformed(small, "$2000000000\r\n");
        assertTrue(e.getMessage().contains("bulk string of 2000000000 bytes exceeds the limit of 10 bytes"),
                e.getMessage());
    }

    @Test
    void aggregateOverTheLimitIsRefused() {
        RespLimits small = new RespLimits(10, 3, 8, 1024);
        RespProtocolException e = malformed(small, "*4\r\n");
        assertTrue(e.getMessage().contains("an array of 4 elements exceeds the limit of 3"), e.getMessage());
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        RespLimits shallow = new RespLimits(10, 10, 2, 1024);
        assertEquals(new ArrayReply(List.of(new ArrayReply(List.of(new IntegerReply(1))))),
                assertDoesNotFail(shallow, "*1\r\n*1\r\n:1\r\n"));
        RespProtocolException e = malformed(shallow, "*1\r\n*1\r\n*1\r\n:1\r\n");
        assertEquals(8, e.offset());
        assertTrue(e.getMessage().contains("nested more than 2 deep"), e.getMessage());
    }

    private static RespValue assertDoesNotFail(RespLimits limits, String frame) {
        try {
            return decodeInChunks(new RespDecoder(limits), frame.getBytes(UTF_8)).get(0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lineWithoutEndBeyondTheLimitIsRefusedWithoutWaitingForever() {
        RespLimits limits = new RespLimits(10, 10, 8, 16);
        RespProtocolException e = malformed(limits, "+" + "x".repeat(40));
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("expected a line end (CR LF) within 16 bytes"), e.getMessage());
    }

    @Test
    void negativeLengthOtherThanNullIsRefused() {
        assertTrue(malformed("$-2\r\n").getMessage().contains("expected a length of 0 or more (or -1 for null)"));
        assertTrue(malformed("%-1\r\n").getMessage().contains("expected a size of 0 or more for a map"));
    }

    @Test
    void pushInsideAnAggregateIsRefused() {
        RespProtocolException e = malformed("*1\r\n>1\r\n:1\r\n");
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("a push frame ('>') may only be a top-level value"), e.getMessage());
    }

    @Test
    void malformedScalarsNameWhatWasExpected() {
        assertTrue(malformed("#x\r\n").getMessage().endsWith("expected 't' or 'f' after '#', found \"x\""));
        assertTrue(malformed(",1.2.3\r\n").getMessage().contains("expected a double"));
        assertTrue(malformed(",0x10\r\n").getMessage().contains("expected a double"));
        assertTrue(malformed("(12a\r\n").getMessage().contains("expected a big number"));
        assertTrue(malformed("_x\r\n").getMessage().contains("expected CR LF right after the null type '_'"));
        assertTrue(malformed(":99999999999999999999\r\n").getMessage().contains("fits in 64 bits"));
        assertTrue(malformed(":\r\n").getMessage().contains("expected a digit in an integer, found CR"));
        assertTrue(malformed("=5\r\ntxt!x\r\n").getMessage().contains("expected a verbatim string to start with"));
    }

    @Test
    void decoderRefusesEveryCallAfterAProtocolError() {
        RespDecoder decoder = new RespDecoder(RespLimits.DEFAULT);
        RespProtocolException first = assertThrows(RespProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap("?\r\n".getBytes(UTF_8))));
        RespProtocolException again = assertThrows(RespProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap("+OK\r\n".getBytes(UTF_8))));
        assertSame(first, again);
    }

    @Test
    void incompleteFrameReturnsNullAndKeepsItsHeaderLine() throws Exception {
        RespDecoder decoder = new RespDecoder(RespLimits.DEFAULT);
        ByteBuffer partial = ByteBuffer.wrap("$5\r".getBytes(UTF_8));
        assertNull(decoder.decode(partial));
        assertEquals(0, partial.position());
    }
}
