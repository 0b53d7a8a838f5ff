package dev.jcoro.http.internal;

import dev.jcoro.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Serialises a message head (a status or request line, header lines, the empty line) into bytes, with room
 * to append a small body so that head and body leave in one write, from one array.
 */
public final class HeadWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    /** Status lines are formatted once per status code and then copied; index: the code. */
    private static final byte[][] STATUS_LINES = new byte[1000][];

    private byte[] bytes;
    private int size;

    /** A writer with room for a typical head (it grows when needed). */
    public HeadWriter() {
        this(256);
    }

    /**
     * A writer with room for {@code capacity} bytes of head and body before it must grow.
     *
     * @param capacity the first size of its array
     */
    public HeadWriter(int capacity) {
        this.bytes = new byte[Math.max(capacity, 16)];
    }

    /**
     * Writes {@code HTTP/1.1 <status> <reason>}.
     *
     * @param status the status code
     * @return this writer
     * @throws IllegalArgumentException if the code is negative or over 999
     */
    public HeadWriter statusLine(int status) {
        if (status < 0 || status >= STATUS_LINES.length) {
            throw new IllegalArgumentException("status code out of range 0 to 999: " + status);
        }
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            // A race formats the same line twice; either copy is right.
            line = ("HTTP/1.1 " + status + " " + Reasons.of(status) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            STATUS_LINES[status] = line;
        }
        return raw(line);
    }

    /**
     * Writes {@code <method> <target> HTTP/1.1}.
     *
     * @param method the method
     * @param target the request target
     * @return this writer
     */
    public HeadWriter requestLine(String method, String target) {
        ascii(method);
        ascii(" ");
        ascii(target);
        ascii(" HTTP/1.1");
        return raw(CRLF);
    }

    /**
     * Writes one header line.
     *
     * @param name the field name
     * @param value the field value (Latin-1)
     * @return this writer
     */
    public HeadWriter header(String name, String value) {
        ascii(name);
        ascii(": ");
        ascii(value);
        return raw(CRLF);
    }

    /**
     * Writes one header line with a number value.
     *
     * @param name the field name
     * @param value the value
     * @return this writer
     */
    public HeadWriter header(String name, long value) {
        ascii(name);
        ascii(": ");
        decimal(value);
        return raw(CRLF);
    }

    /**
     * Writes every field of {@code headers} except those named in {@code skip} (ignoring case).
     *
     * @param headers the fields
     * @param skip names the caller writes itself
     * @return this writer
     */
    public HeadWriter headers(HttpHeaders headers, String... skip) {
        outer:
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.nameAt(i);
            for (String s : skip) {
                if (s.equalsIgnoreCase(name)) {
                    continue outer;
                }
            }
            header(name, headers.valueAt(i));
        }
        return this;
    }

    /**
     * Appends bytes as they are.
     *
     * @param b the bytes
     * @return this writer
     */
    public HeadWriter raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    /**
     * Writes the empty line that ends the head.
     *
     * @return this writer
     */
    public HeadWriter end() {
        return raw(CRLF);
    }

    /**
     * The head, followed by {@code body} if given, as a buffer ready to write.
     *
     * @param body bytes to send in the same write, or null
     * @return the buffer
     */
    public ByteBuffer toBuffer(byte[] body) {
        if (body != null) {
            raw(body);
        }
        return ByteBuffer.wrap(bytes, 0, size);
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size + i] = (byte) s.charAt(i);
        }
        size += n;
    }

    /** Writes a non-negative number's decimal digits. */
    private void decimal(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative header value: " + value);
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        ensure(digits);
        long v = value;
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += digits;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
