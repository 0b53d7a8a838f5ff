package dev.jcoro.mysql.internal;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Builds the payload of one outgoing packet with the protocol's encodings. The first four bytes of the
 * array are left free for the packet header, which {@link PacketChannel} fills in when it sends, so a
 * payload below 16 MiB goes out in one write without copying.
 */
public final class PacketBuilder {
    static final int HEADER = 4;
    private static final int INITIAL = 256;
    /** Above this, the array is dropped after sending, so one huge packet does not pin memory. */
    private static final int KEEP_LIMIT = 1 << 20;

    private byte[] buf = new byte[INITIAL];
    private int len = HEADER;

    /** Clears the payload for the next packet. */
    public PacketBuilder clear() {
        if (buf.length > KEEP_LIMIT) {
            buf = new byte[INITIAL];
        }
        len = HEADER;
        return this;
    }

    /** The payload's length so far. */
    public int length() {
        return len - HEADER;
    }

    /** The array: the header's four bytes, then {@link #length()} payload bytes. */
    byte[] array() {
        return buf;
    }

    /** A copy of the payload, for tests. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, HEADER, len);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) len + n);
            if (want > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("packet larger than 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /** Appends one byte. */
    public PacketBuilder int1(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    /** Appends a two-byte little-endian integer. */
    public PacketBuilder int2(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        return this;
    }

    /** Appends a three-byte little-endian integer. */
    public PacketBuilder int3(int v) {
        ensure(3);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        return this;
    }

    /** Appends a four-byte little-endian integer. */
    public PacketBuilder int4(int v) {
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 24);
        return this;
    }

    /** Appends an eight-byte little-endian integer. */
    public PacketBuilder int8(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Appends a length-encoded integer (unsigned: a negative {@code v} is a value above 2^63). */
    public PacketBuilder lenencInt(long v) {
        if (v >= 0 && v < 0xFB) {
            return int1((int) v);
        } else if (v >= 0 && v < 1 << 16) {
            return int1(0xFC).int2((int) v);
        } else if (v >= 0 && v < 1 << 24) {
            return int1(0xFD).int3((int) v);
        }
        return int1(0xFE).int8(v);
    }

    /** Appends bytes as they are. */
    public PacketBuilder bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    /** Appends {@code b[off, off + n)} as it is. */
    public PacketBuilder bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends {@code n} zero bytes. */
    public PacketBuilder zeros(int n) {
        ensure(n);
        Arrays.fill(buf, len, len + n, (byte) 0);
        len += n;
        return this;
    }

    /** Appends length-encoded bytes. */
    public PacketBuilder lenencBytes(byte[] b) {
        return lenencInt(b.length).bytes(b);
    }

    /** Appends a length-encoded string. */
    public PacketBuilder lenencString(String s, Charset charset) {
        return lenencBytes(s.getBytes(charset));
    }

    /** Appends a NUL-terminated string. */
    public PacketBuilder nulString(String s, Charset charset) {
        return bytes(s.getBytes(charset)).int1(0);
    }

    /** Appends a string without terminator (the rest of a packet). */
    public PacketBuilder string(String s, Charset charset) {
        return bytes(s.getBytes(charset));
    }

    /** Overwrites one byte at payload offset {@code at} (for the NULL bitmap, written after the values' types). */
    public void set(int at, int v) {
        buf[HEADER + at] = (byte) v;
    }

    /** Reads back one payload byte at offset {@code at}. */
    public int get(int at) {
        return buf[HEADER + at] & 0xff;
    }
}
