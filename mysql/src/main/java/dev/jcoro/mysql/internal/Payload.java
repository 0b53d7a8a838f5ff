package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.MySqlProtocolException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over the payload of one received packet (split packets already joined), with the protocol's
 * integer and string encodings. Every read checks the bounds and, when the packet is too short or holds
 * an invalid value, throws {@link MySqlProtocolException} naming the field, its offset and the packet.
 *
 * <p>A payload is a view of the channel's buffer, valid until the next packet is read; code that keeps
 * bytes copies them ({@link #bytes(int, String)}).
 */
public final class Payload {
    /** The first byte of a length-encoded integer that means SQL {@code NULL} in a text row. */
    public static final int NULL_MARKER = 0xFB;

    private byte[] array;
    private int start;
    private int end;
    private int pos;
    private String kind = "packet";

    /** Creates a payload over {@code array[start, end)}, for tests and for decoding a copy of a packet. */
    public static Payload of(byte[] array, int start, int end) {
        Payload p = new Payload();
        p.reset(array, start, end);
        return p;
    }

    void reset(byte[] array, int start, int end) {
        this.array = array;
        this.start = start;
        this.end = end;
        this.pos = start;
        this.kind = "packet";
    }

    /**
     * Names the packet for error messages ("handshake", "column definition", ...).
     *
     * @param kind what the packet is expected to be
     * @return this payload
     */
    public Payload expect(String kind) {
        this.kind = kind;
        return this;
    }

    /** The name given by {@link #expect}. */
    public String kind() {
        return kind;
    }

    /** The payload's length in bytes. */
    public int length() {
        return end - start;
    }

    /** The bytes not yet read. */
    public int remaining() {
        return end - pos;
    }

    /** The read offset from the start of the payload. */
    public int offset() {
        return pos - start;
    }

    /** Moves the read offset, relative to the start of the payload. */
    public void offset(int offset) {
        if (offset < 0 || offset > length()) {
            throw new IllegalArgumentException("offset " + offset + " outside a " + length() + "-byte payload");
        }
        pos = start + offset;
    }

    /** The backing array; with {@link #arrayOffset()}, for decoders that copy a whole row at once. */
    public byte[] array() {
        return array;
    }

    /** Where the payload starts in {@link #array()}. */
    public int arrayOffset() {
        return start;
    }

    /** The first byte, without moving, or -1 for an empty payload. */
    public int header() {
        return end > start ? array[start] & 0xff : -1;
    }

    /** The next byte without moving. */
    public int peek(String what) throws MySqlProtocolException {
        need(1, what);
        return array[pos] & 0xff;
    }

    /** Reads a one-byte unsigned integer. */
    public int int1(String what) throws MySqlProtocolException {
        need(1, what);
        return array[pos++] & 0xff;
    }

    /** Reads a two-byte little-endian unsigned integer. */
    public int int2(String what) throws MySqlProtocolException {
        need(2, what);
        int v = (array[pos] & 0xff) | (array[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    /** Reads a three-byte little-endian unsigned integer. */
    public int int3(String what) throws MySqlProtocolException {
        need(3, what);
        int v = (array[pos] & 0xff) | (array[pos + 1] & 0xff) << 8 | (array[pos + 2] & 0xff) << 16;
        pos += 3;
        return v;
    }

    /** Reads a four-byte little-endian integer (as a signed int; mask it for the unsigned value). */
    public int int4(String what) throws MySqlProtocolException {
        need(4, what);
        int v = (array[pos] & 0xff) | (array[pos + 1] & 0xff) << 8 | (array[pos + 2] & 0xff) << 16
                | (array[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    /** Reads an eight-byte little-endian integer. */
    public long int8(String what) throws MySqlProtocolException {
        need(8, what);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (array[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /**
     * Reads a length-encoded integer: one byte below 0xFB, or 0xFC/0xFD/0xFE followed by 2, 3 or 8 bytes.
     *
     * @param what the field, for the error message
     * @return the value (an 8-byte value above {@code Long.MAX_VALUE} comes back negative)
     * @throws MySqlProtocolException if the packet ends early or the first byte is 0xFB (NULL) or 0xFF
     */
    public long lenencInt(String what) throws MySqlProtocolException {
        int first = int1(what);
        if (first == NULL_MARKER) {
            throw malformed("unexpected NULL marker 0xFB in length-encoded integer", what, pos - 1);
        }
        return lenencRest(first, what);
    }

    /**
     * Reads a length-encoded integer that may be the NULL marker, as the lengths of text-row values are.
     *
     * @param what the field, for the error message
     * @return the value, or -1 for the NULL marker
     * @throws MySqlProtocolException if the packet ends early, the first byte is 0xFF or the value is above
     *     {@code Long.MAX_VALUE}
     */
    public long lenencOrNull(String what) throws MySqlProtocolException {
        int first = int1(what);
        if (first == NULL_MARKER) {
            return -1;
        }
        long v = lenencRest(first, what);
        if (v < 0) {
            throw malformed("length " + Long.toUnsignedString(v) + " too large", what, pos - 9);
        }
        return v;
    }

    private long lenencRest(int first, String what) throws MySqlProtocolException {
        if (first < 0xFB) {
            return first;
        }
        switch (first) {
            case 0xFC:
                return int2(what);
            case 0xFD:
                return int3(what);
            case 0xFE:
                return int8(what);
            default:
                throw malformed("invalid first byte 0xFF of a length-encoded integer", what, pos - 1);
        }
    }

    /** Reads a length-encoded length and checks that so many bytes follow. */
    public int lenencLength(String what) throws MySqlProtocolException {
        int at = pos;
        long n = lenencInt(what);
        if (n < 0 || n > remaining()) {
            pos = at;
            throw malformed("length " + Long.toUnsignedString(n) + " runs past the end ("
                    + (end - at) + " bytes left)", what, at);
        }
        return (int) n;
    }

    /** Reads a length-encoded string. */
    public String lenencString(Charset charset, String what) throws MySqlProtocolException {
        int n = lenencLength(what);
        String s = new String(array, pos, n, charset);
        pos += n;
        return s;
    }

    /** Reads length-encoded bytes (a copy). */
    public byte[] lenencBytes(String what) throws MySqlProtocolException {
        return bytes(lenencLength(what), what);
    }

    /** Reads {@code n} bytes (a copy). */
    public byte[] bytes(int n, String what) throws MySqlProtocolException {
        need(n, what);
        byte[] b = Arrays.copyOfRange(array, pos, pos + n);
        pos += n;
        return b;
    }

    /** Reads a NUL-terminated string. */
    public String nulString(Charset charset, String what) throws MySqlProtocolException {
        for (int i = pos; i < end; i++) {
            if (array[i] == 0) {
                String s = new String(array, pos, i - pos, charset);
                pos = i + 1;
                return s;
            }
        }
        throw malformed("no terminating NUL before the end of the packet", what, pos);
    }

    /** Reads NUL-terminated bytes (a copy, without the NUL), or the rest of the packet if there is no NUL. */
    public byte[] nulOrRestBytes() {
        int i = pos;
        while (i < end && array[i] != 0) {
            i++;
        }
        byte[] b = Arrays.copyOfRange(array, pos, i);
        pos = i < end ? i + 1 : end;
        return b;
    }

    /** Reads the rest of the packet as a string. */
    public String restString(Charset charset) {
        String s = new String(array, pos, end - pos, charset);
        pos = end;
        return s;
    }

    /** Reads the rest of the packet (a copy). */
    public byte[] restBytes() {
        byte[] b = Arrays.copyOfRange(array, pos, end);
        pos = end;
        return b;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n, String what) throws MySqlProtocolException {
        need(n, what);
        pos += n;
    }

    /** Skips a length-encoded string. */
    public void skipLenenc(String what) throws MySqlProtocolException {
        int n = lenencLength(what);
        pos += n;
    }

    private void need(int n, String what) throws MySqlProtocolException {
        if (end - pos < n) {
            throw malformed("needs " + n + " bytes, " + (end - pos) + " left", what, pos);
        }
    }

    /**
     * An exception for a field that does not parse.
     *
     * @param problem what is wrong
     * @param what the field
     * @return the exception, to throw
     */
    public MySqlProtocolException malformed(String problem, String what) {
        return malformed(problem, what, pos);
    }

    private MySqlProtocolException malformed(String problem, String what, int at) {
        return new MySqlProtocolException("malformed " + kind + " from the server: " + what + " at offset "
                + (at - start) + " of " + length() + " bytes: " + problem + " [" + hex(at) + "]");
    }

    /** Up to 16 bytes around {@code at}, for error messages. */
    private String hex(int at) {
        int from = Math.max(start, at - 8);
        int to = Math.min(end, from + 16);
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i == at) {
                sb.append('>');
            } else if (i > from) {
                sb.append(' ');
            }
            sb.append(Character.forDigit((array[i] >> 4) & 0xf, 16)).append(Character.forDigit(array[i] & 0xf, 16));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return kind + " payload, " + length() + " bytes, at offset " + offset() + ": "
                + new String(array, start, Math.min(length(), 64), StandardCharsets.ISO_8859_1);
    }
}
