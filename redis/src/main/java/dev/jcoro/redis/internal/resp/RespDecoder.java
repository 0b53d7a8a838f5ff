package dev.jcoro.redis.internal.resp;

import dev.jcoro.redis.RespProtocolException;
import dev.jcoro.redis.RespValue;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Decodes RESP2 and RESP3 incrementally: feed it whatever bytes have arrived, and it returns each complete
 * top-level value as soon as its last byte is in, keeping its place inside a frame that is still arriving.
 * A frame may be split at any byte.
 *
 * <p>The state is a stack of the aggregates (arrays, maps, sets, pushes, attributes) opened and not yet
 * complete, plus at most one bulk string being filled; each header line is parsed once, when its line end
 * has arrived, so a frame split across many reads costs no re-parsing. Bulk payloads are copied out of the
 * input as they arrive, so the caller's buffer need not hold a whole bulk string, only one header line
 * ({@link RespLimits#maxLineLength()}). Every length is checked against the {@link RespLimits} before
 * anything is allocated.
 *
 * <p>Malformed input throws {@link RespProtocolException} naming the offset of the offending byte in the
 * stream, what was expected and what was found; the decoder is then unusable, since the stream has lost its
 * framing. One decoder serves one connection, from one coroutine at a time.
 */
public final class RespDecoder {
    private static final String TYPES = "one of + - : $ * _ , # ! = ( % ~ > |";

    private final RespLimits limits;
    /** Offset in the stream of the next byte to consume. */
    private long consumed;
    /** Aggregates opened and not yet complete, innermost first. */
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    /** Attributes received at the top level, waiting for the value they describe. */
    private Map<RespValue, RespValue> topAttributes;

    /** The type byte of the bulk value being filled, or 0 when none is. */
    private byte bulkType;
    private byte[] bulk;
    private int bulkFilled;
    /** How many bytes of the CR LF after the payload have arrived (0 to 2). */
    private int bulkTerminator;
    private long bulkHeaderOffset;

    private RespProtocolException failure;

    /**
     * Creates a decoder for one connection.
     *
     * @param limits the largest frames to accept
     */
    public RespDecoder(RespLimits limits) {
        this.limits = limits;
    }

    /**
     * Consumes bytes from {@code in} up to the end of the next complete top-level value and returns it, or
     * consumes everything and returns null when the value is not complete yet. Bytes of an unfinished header
     * line are left in {@code in} (compact it and call again once more have arrived).
     *
     * @param in the bytes received, between position and limit
     * @return the next value, or null if more bytes are needed
     * @throws RespProtocolException if the bytes are not valid RESP or exceed the limits (and on every call
     *     after that)
     */
    public RespValue decode(ByteBuffer in) throws RespProtocolException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (true) {
                Object value;
                if (bulkType != 0) {
                    value = continueBulk(in);
                } else {
                    if (!in.hasRemaining()) {
                        return null;
                    }
                    int lf = findLineFeed(in);
                    if (lf < 0) {
                        if (in.remaining() > limits.maxLineLength() + 3) {
                            throw error(consumed, "expected a line end (CR LF) within " + limits.maxLineLength()
                                    + " bytes of the line that starts with " + describe(in.get(in.position())));
                        }
                        return null;
                    }
                    value = parseLine(in, lf);
                }
                if (value == NEED_MORE) {
                    if (bulkType != 0 && !in.hasRemaining()) {
                        return null;
                    }
                    continue;
                }
                RespValue top = complete(value);
                if (top != null) {
                    return top;
                }
            }
        } catch (RespProtocolException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * How many bytes this decoder has consumed since the connection opened.
     *
     * @return the stream offset of the next byte it will read
     */
    public long consumed() {
        return consumed;
    }

    /**
     * Tells whether the decoder is between top-level values (nothing partly decoded).
     *
     * @return true if no frame is in progress
     */
    public boolean isIdle() {
        return open.isEmpty() && bulkType == 0 && topAttributes == null;
    }

    /** Returned by a step that opened an aggregate or a bulk string: nothing complete yet. */
    private static final Object NEED_MORE = new Object();

    private int findLineFeed(ByteBuffer in) {
        int limit = in.limit();
        for (int i = in.position(); i < limit; i++) {
            if (in.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Parses the line from {@code in.position()} to {@code lf} and consumes it. */
    private Object parseLine(ByteBuffer in, int lf) throws RespProtocolException {
        int start = in.position();
        long base = consumed - start;   // stream offset of buffer index i is base + i
        byte type = in.get(start);
        if (lf - start - 2 > limits.maxLineLength()) {
            throw error(base + start, "expected a line of at most " + limits.maxLineLength() + " bytes, found one of "
                    + (lf - start - 2) + " bytes starting with " + describe(type));
        }
        if (lf == start || in.get(lf - 1) != '\r') {
            throw error(base + lf, "expected CR before the LF that ends the line starting at byte " + (base + start)
                    + ", found " + (lf == start ? "nothing" : describe(in.get(lf - 1))));
        }
        int from = start + 1;
        int to = lf - 1;
        Object value = parseHeader(in, type, from, to, base);
        in.position(lf + 1);
        consumed = base + lf + 1;
        return value;
    }

    private Object parseHeader(ByteBuffer in, byte type, int from, int to, long base) throws RespProtocolException {
        switch (type) {
            case '+':
                return new RespValue.SimpleString(text(in, from, to));
            case '-':
                return new RespValue.ErrorReply(text(in, from, to));
            case ':':
                return new RespValue.IntegerReply(parseLong(in, from, to, base, "an integer"));
            case '_':
                if (to != from) {
                    throw error(base + from, "expected CR LF right after the null type '_', found " + describe(in.get(from)));
                }
                return RespValue.NULL;
            case ',':
                return new RespValue.DoubleReply(parseDouble(in, from, to, base));
            case '#':
                return parseBoolean(in, from, to, base);
            case '(':
                return new RespValue.BigNumberReply(parseBigNumber(in, from, to, base));
            case '$':
            case '!':
            case '=':
                return startBulk(in, type, from, to, base);
            case '*':
            case '~':
            case '%':
            case '>':
            case '|':
                return openAggregate(in, type, from, to, base);
            default:
                throw error(base + from - 1, "expected a type byte (" + TYPES + "), found " + describe(type));
        }
    }

    private Object startBulk(ByteBuffer in, byte type, int from, int to, long base) throws RespProtocolException {
        long length = parseLong(in, from, to, base, "the length of a " + typeName(type));
        if (length == -1 && type == '$') {
            return RespValue.NULL;
        }
        if (length < 0) {
            throw error(base + from, "expected a length of 0 or more" + (type == '$' ? " (or -1 for null)" : "")
                    + " for a " + typeName(type) + ", found " + length);
        }
        if (length > limits.maxBulkLength()) {
            throw error(base + from, "a " + typeName(type) + " of " + length + " bytes exceeds the limit of "
                    + limits.maxBulkLength() + " bytes (maxBulkLength)");
        }
        if (type == '=' && length < 4) {
            throw error(base + from, "expected a verbatim string of at least 4 bytes (format and ':'), found length "
                    + length);
        }
        bulkType = type;
        bulk = new byte[(int) length];
        bulkFilled = 0;
        bulkTerminator = 0;
        bulkHeaderOffset = base + from - 1;
        return NEED_MORE;
    }

    private Object continueBulk(ByteBuffer in) throws RespProtocolException {
        int n = Math.min(bulk.length - bulkFilled, in.remaining());
        in.get(bulk, bulkFilled, n);
        bulkFilled += n;
        consumed += n;
        while (bulkFilled == bulk.length && bulkTerminator < 2) {
            if (!in.hasRemaining()) {
                return NEED_MORE;
            }
            byte expected = bulkTerminator == 0 ? (byte) '\r' : (byte) '\n';
            byte b = in.get(in.position());
            if (b != expected) {
                throw error(consumed, "expected " + (expected == '\r' ? "CR" : "LF") + " after the " + bulk.length
                        + " bytes of the " + typeName(bulkType) + " that starts at byte " + bulkHeaderOffset
                        + ", found " + describe(b));
            }
            in.position(in.position() + 1);
            consumed++;
            bulkTerminator++;
        }
        if (bulkTerminator < 2) {
            return NEED_MORE;
        }
        byte[] payload = bulk;
        byte type = bulkType;
        bulk = null;
        bulkType = 0;
        switch (type) {
            case '$':
                return new RespValue.BulkString(payload);
            case '!':
                return new RespValue.ErrorReply(new String(payload, StandardCharsets.UTF_8));
            default:
                if (payload[3] != ':') {
                    throw error(bulkHeaderOffset, "expected a verbatim string to start with a 3-character format and"
                            + " ':', found " + describe(payload[3]) + " at its 4th byte");
                }
                return new RespValue.VerbatimString(new String(payload, 0, 3, StandardCharsets.UTF_8),
                        new String(payload, 4, payload.length - 4, StandardCharsets.UTF_8));
        }
    }

    private Object openAggregate(ByteBuffer in, byte type, int from, int to, long base) throws RespProtocolException {
        long count = parseLong(in, from, to, base, "the size of " + typeName(type));
        if (count == -1 && type == '*') {
            return RespValue.NULL;
        }
        if (count < 0) {
            throw error(base + from, "expected a size of 0 or more" + (type == '*' ? " (or -1 for null)" : "")
                    + " for " + typeName(type) + ", found " + count);
        }
        if (count > limits.maxAggregateLength()) {
            throw error(base + from, typeName(type) + " of " + count + " elements exceeds the limit of "
                    + limits.maxAggregateLength() + " (maxAggregateLength)");
        }
        if (type == '>' && !open.isEmpty()) {
            throw error(base + from - 1, "a push frame ('>') may only be a top-level value, found one inside "
                    + typeName(open.peek().type));
        }
        if (open.size() + 1 > limits.maxNesting()) {
            throw error(base + from - 1, "aggregates nested more than " + limits.maxNesting()
                    + " deep (maxNesting)");
        }
        boolean pairs = type == '%' || type == '|';
        Frame frame = new Frame(type, (int) (pairs ? count * 2 : count));
        if (count == 0) {
            return frame.build();
        }
        open.push(frame);
        return NEED_MORE;
    }

    /**
     * Adds a finished value to the aggregate that is open, closing every aggregate it completes.
     *
     * @return the top-level value once one is complete, else null
     */
    private RespValue complete(Object finished) {
        Object value = finished;
        while (true) {
            Frame frame = open.peek();
            if (value instanceof Attributes a) {
                // Attributes describe the next value; they are not an element of their own.
                if (frame == null) {
                    topAttributes = a.entries;
                } else {
                    frame.attributes = a.entries;
                }
                return null;
            }
            RespValue v = (RespValue) value;
            if (frame == null) {
                if (topAttributes != null) {
                    v = new RespValue.AttributedReply(topAttributes, v);
                    topAttributes = null;
                }
                return v;
            }
            if (frame.attributes != null) {
                v = new RespValue.AttributedReply(frame.attributes, v);
                frame.attributes = null;
            }
            frame.items.add(v);
            if (frame.items.size() < frame.size) {
                return null;
            }
            open.pop();
            value = frame.build();
        }
    }

    private static String text(ByteBuffer in, int from, int to) {
        if (in.hasArray()) {
            return new String(in.array(), in.arrayOffset() + from, to - from, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[to - from];
        in.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long parseLong(ByteBuffer in, int from, int to, long base, String what) throws RespProtocolException {
        int i = from;
        boolean negative = false;
        if (i < to && (in.get(i) == '-' || in.get(i) == '+')) {
            negative = in.get(i) == '-';
            i++;
        }
        if (i == to) {
            throw error(base + i, "expected a digit in " + what + ", found CR");
        }
        // Accumulated as a negative number, whose range includes Long.MIN_VALUE.
        long value = 0;
        for (; i < to; i++) {
            byte b = in.get(i);
            if (b < '0' || b > '9') {
                throw error(base + i, "expected a digit in " + what + ", found " + describe(b));
            }
            int digit = b - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw error(base + from, "expected " + what + " that fits in 64 bits, found " + text(in, from, to));
            }
            value = value * 10 - digit;
        }
        if (!negative && value == Long.MIN_VALUE) {
            throw error(base + from, "expected " + what + " that fits in 64 bits, found " + text(in, from, to));
        }
        return negative ? value : -value;
    }

    private double parseDouble(ByteBuffer in, int from, int to, long base) throws RespProtocolException {
        String s = text(in, from, to);
        switch (s) {
            case "inf":
            case "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan":
            case "-nan":
                return Double.NaN;
            default:
                if (!isDecimalNumber(s)) {
                    throw error(base + from, "expected a double ([+-]digits[.digits][e[+-]digits], inf, -inf or nan),"
                            + " found \"" + s + "\"");
                }
                return Double.parseDouble(s);
        }
    }

    /** RESP3's double grammar, stricter than {@link Double#parseDouble}, which also takes hex and suffixes. */
    private static boolean isDecimalNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private RespValue parseBoolean(ByteBuffer in, int from, int to, long base) throws RespProtocolException {
        if (to - from == 1 && (in.get(from) == 't' || in.get(from) == 'f')) {
            return new RespValue.BooleanReply(in.get(from) == 't');
        }
        throw error(base + from, "expected 't' or 'f' after '#', found "
                + (to == from ? "CR" : "\"" + text(in, from, to) + "\""));
    }

    private BigInteger parseBigNumber(ByteBuffer in, int from, int to, long base) throws RespProtocolException {
        String s = text(in, from, to);
        int digitsFrom = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+') ? 1 : 0;
        boolean valid = s.length() > digitsFrom;
        for (int i = digitsFrom; i < s.length() && valid; i++) {
            valid = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }
        if (!valid) {
            throw error(base + from, "expected a big number ([+-]digits) after '(', found \"" + s + "\"");
        }
        return new BigInteger(s);
    }

    private static RespProtocolException error(long offset, String problem) {
        return new RespProtocolException(offset, problem);
    }

    private static String describe(byte b) {
        if (b >= 0x21 && b < 0x7f) {
            return "'" + (char) b + "'";
        }
        return String.format("byte 0x%02x", b & 0xff);
    }

    private static String typeName(byte type) {
        switch (type) {
            case '$':
                return "bulk string";
            case '!':
                return "bulk error";
            case '=':
                return "verbatim string";
            case '*':
                return "an array";
            case '~':
                return "a set";
            case '%':
                return "a map";
            case '>':
                return "a push";
            case '|':
                return "an attribute";
            default:
                return describe(type);
        }
    }

    /** Attributes that arrived and wait for the value they describe. */
    private record Attributes(Map<RespValue, RespValue> entries) {
    }

    /** An aggregate whose header has arrived and whose elements are arriving. */
    private static final class Frame {
        final byte type;
        final int size;
        final List<RespValue> items;
        Map<RespValue, RespValue> attributes;

        Frame(byte type, int size) {
            this.type = type;
            this.size = size;
            this.items = new ArrayList<>(Math.min(size, 1024));
        }

        Object build() {
            switch (type) {
                case '*':
                    return new RespValue.ArrayReply(items);
                case '~':
                    return new RespValue.SetReply(new LinkedHashSet<>(items));
                case '>':
                    return new RespValue.PushReply(items);
                default:
                    Map<RespValue, RespValue> map = new LinkedHashMap<>();
                    for (int i = 0; i < items.size(); i += 2) {
                        map.put(items.get(i), items.get(i + 1));
                    }
                    return type == '%' ? new RespValue.MapReply(map) : new Attributes(map);
            }
        }
    }
}
