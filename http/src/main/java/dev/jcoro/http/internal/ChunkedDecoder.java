package dev.jcoro.http.internal;

import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpStatusException;
import java.nio.ByteBuffer;

/**
 * The framing of a chunked body (RFC 9112 §7.1), decoded incrementally from a buffer: chunk-size lines,
 * the CRLF after each chunk's data, the last chunk and the trailer section. It does no I/O; a reader asks
 * it where the next data bytes are, takes them, and reports how many it took.
 *
 * <p>Strict where a lenient reading lets two parsers disagree about where a message ends (the root of
 * request smuggling): a chunk size is 1–16 hex digits and nothing else before the optional extensions; the
 * size line and the end of each chunk's data must be CRLF (a bare LF is refused); the size must fit in a
 * signed 64-bit number. Every violation is a 400 that closes the connection.
 */
public final class ChunkedDecoder {
    private enum State { SIZE, DATA, DATA_END, TRAILERS, DONE }

    private static final int MAX_SIZE_DIGITS = 16;

    private final int maxLine;
    private final HeadDecoder trailers;
    private State state = State.SIZE;
    private long chunkRemaining;

    /**
     * A decoder for one body.
     *
     * @param maxLine the longest chunk-size line, extensions included
     * @param maxTrailerSection the most bytes of trailer fields
     * @param maxTrailerCount the most trailer fields
     */
    public ChunkedDecoder(int maxLine, int maxTrailerSection, int maxTrailerCount) {
        this.maxLine = maxLine;
        this.trailers = new HeadDecoder(HeadDecoder.Kind.TRAILERS, 0, maxTrailerSection, maxTrailerCount);
    }

    /**
     * Consumes framing bytes at the front of {@code buf} until data bytes, the end of the body, or the end
     * of the buffer.
     *
     * @param buf the bytes received, in read mode; its position moves past the framing consumed
     * @return the number of data bytes that may be taken now (at most what {@code buf} holds), 0 if more
     *     input is needed, or -1 once the body (trailers included) is complete
     * @throws HttpStatusException 400 (closing) for malformed framing; 431 for oversized trailers
     */
    public long next(ByteBuffer buf) throws HttpStatusException {
        while (true) {
            switch (state) {
                case SIZE -> {
                    if (!sizeLine(buf)) {
                        return 0;
                    }
                }
                case DATA -> {
                    if (chunkRemaining == 0) {
                        state = State.DATA_END;
                    } else {
                        return Math.min(chunkRemaining, buf.remaining());
                    }
                }
                case DATA_END -> {
                    if (!buf.hasRemaining()) {
                        return 0;
                    }
                    if (buf.get(buf.position()) != '\r') {
                        throw bad("chunk data not followed by CRLF");
                    }
                    if (buf.remaining() < 2) {
                        return 0;
                    }
                    if (buf.get(buf.position() + 1) != '\n') {
                        throw bad("chunk data not followed by CRLF");
                    }
                    buf.position(buf.position() + 2);
                    state = State.SIZE;
                }
                case TRAILERS -> {
                    if (!trailers.decode(buf)) {
                        return 0;
                    }
                    state = State.DONE;
                }
                case DONE -> {
                    return -1;
                }
            }
        }
    }

    /**
     * Reports that {@code n} data bytes were taken, from the buffer or straight from the socket.
     *
     * @param n how many; at most the current chunk's remainder
     */
    public void consumed(long n) {
        assert state == State.DATA && n <= chunkRemaining;
        chunkRemaining -= n;
    }

    /**
     * The data bytes left in the current chunk, which a reader may take straight from the socket.
     *
     * @return the count; 0 outside chunk data
     */
    public long chunkRemaining() {
        return state == State.DATA ? chunkRemaining : 0;
    }

    /**
     * The trailer fields, once the body is complete.
     *
     * @return the fields; empty if none were sent
     */
    public HttpHeaders trailers() {
        return trailers.headers();
    }

    private boolean sizeLine(ByteBuffer buf) throws HttpStatusException {
        int start = buf.position();
        int end = buf.limit();
        int lf = -1;
        for (int i = start; i < end && i - start <= maxLine + 1; i++) {
            if (buf.get(i) == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            if (end - start > maxLine + 1) {
                throw bad("chunk-size line longer than " + maxLine + " bytes");
            }
            return false;
        }
        if (lf == start || buf.get(lf - 1) != '\r') {
            throw bad("chunk-size line not ended by CRLF");
        }
        int lineEnd = lf - 1;
        long size = 0;
        int i = start;
        while (i < lineEnd && Chars.hexValue(buf.get(i)) >= 0) {
            if (i - start == MAX_SIZE_DIGITS || (i - start == MAX_SIZE_DIGITS - 1 && size > (Long.MAX_VALUE >> 4))) {
                throw bad("chunk size too large");
            }
            size = (size << 4) | Chars.hexValue(buf.get(i));
            i++;
        }
        if (i == start) {
            throw bad("chunk size is not a hexadecimal number");
        }
        extensions(buf, i, lineEnd);
        buf.position(lf + 1);
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            chunkRemaining = size;
            state = State.DATA;
        }
        return true;
    }

    /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS value ] ): checked for stray bytes, then ignored. */
    private static void extensions(ByteBuffer buf, int from, int to) throws HttpStatusException {
        int i = from;
        while (i < to && (buf.get(i) == ' ' || buf.get(i) == '\t')) {
            i++;
        }
        if (i == to) {
            return;
        }
        if (buf.get(i) != ';') {
            throw bad("chunk size followed by something other than an extension");
        }
        for (; i < to; i++) {
            if (!Chars.isFieldValueByte(buf.get(i) & 0xFF)) {
                throw bad("control character in a chunk extension");
            }
        }
    }

    private static HttpStatusException bad(String message) {
        return new HttpStatusException(400, message, true);
    }
}
