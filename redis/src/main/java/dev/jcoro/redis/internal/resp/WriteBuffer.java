package dev.jcoro.redis.internal.resp;

import java.nio.ByteBuffer;

/**
 * A growable byte buffer that RESP frames are encoded into before one socket write carries them all.
 * Used by one coroutine at a time.
 */
public final class WriteBuffer {
    private final int initialCapacity;
    private ByteBuffer buf;

    /**
     * Creates an empty buffer.
     *
     * @param initialCapacity the capacity it starts with and shrinks back to after a large frame
     */
    public WriteBuffer(int initialCapacity) {
        this.initialCapacity = initialCapacity;
        this.buf = ByteBuffer.allocate(initialCapacity);
    }

    /**
     * Appends one byte.
     *
     * @param b the byte
     */
    public void put(byte b) {
        ensure(1);
        buf.put(b);
    }

    /**
     * Appends bytes.
     *
     * @param bytes the bytes
     */
    public void put(byte[] bytes) {
        ensure(bytes.length);
        buf.put(bytes);
    }

    /**
     * Appends the decimal digits of {@code value}, without allocating.
     *
     * @param value the number
     */
    public void putDecimal(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                buf.put(Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return;
            }
            buf.put((byte) '-');
            value = -value;
        }
        int start = buf.position();
        do {
            buf.put((byte) ('0' + value % 10));
            value /= 10;
        } while (value != 0);
        // The digits went in backwards; turn them around in place.
        for (int i = start, j = buf.position() - 1; i < j; i++, j--) {
            byte t = buf.get(i);
            buf.put(i, buf.get(j));
            buf.put(j, t);
        }
    }

    /** Appends CR LF. */
    public void putCrlf() {
        ensure(2);
        buf.put((byte) '\r');
        buf.put((byte) '\n');
    }

    /**
     * The number of bytes appended since the last {@link #clear()}.
     *
     * @return the size
     */
    public int size() {
        return buf.position();
    }

    /**
     * The bytes appended, ready to be written (position 0, limit at the end). Call {@link #clear()} once
     * they are written.
     *
     * @return a view of the content
     */
    public ByteBuffer content() {
        return buf.duplicate().flip();
    }

    /** Empties the buffer, giving back the memory of an unusually large frame. */
    public void clear() {
        if (buf.capacity() > 8 * initialCapacity) {
            buf = ByteBuffer.allocate(initialCapacity);
        } else {
            buf.clear();
        }
    }

    private void ensure(int n) {
        if (buf.remaining() < n) {
            long wanted = Math.max((long) buf.capacity() * 2, (long) buf.position() + n);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("frame too large to encode: " + wanted + " bytes");
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) wanted);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
