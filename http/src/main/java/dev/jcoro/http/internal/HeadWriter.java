package dev.jcoro.http.internal;

import dev.jcoro.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Serialises a message head (a status or request line, header lines, the empty line) into bytes, with room
 * to append a small body so that head and body leave in one write.
 */
public final class HeadWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private byte[] bytes = new byte[256];
    private int size;

    /**
     * Writes {@code HTTP/1.1 <status> <reason>}.
     *
     * @param status the status code
     * @return this writer
     */
    public HeadWriter statusLine(int status) {
        ascii("HTTP/1.1 ");
        ascii(Integer.toString(status));
        ascii(" ");
        ascii(Reasons.of(status));
        return raw(CRLF);
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
        return header(name, Long.toString(value));
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
        if (body == null || body.length == 0) {
            return ByteBuffer.wrap(bytes, 0, size);
        }
        byte[] all = Arrays.copyOf(bytes, size + body.length);
        System.arraycopy(body, 0, all, size, body.length);
        return ByteBuffer.wrap(all);
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size + i] = (byte) s.charAt(i);
        }
        size += n;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
