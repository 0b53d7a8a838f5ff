package dev.jcoro.http.internal;

import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpStatusException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the head of an HTTP/1.1 message — a request line or a status line, then the header fields up to
 * the empty line — incrementally, from whatever bytes have arrived so far (RFC 9112 §2–§5). Each call to
 * {@link #decode} consumes the complete lines in the buffer and remembers how far it has scanned the
 * incomplete last one, so a head trickled in byte by byte costs linear time. Every limit is checked as soon
 * as the bytes that break it arrive, before the end of the line.
 *
 * <p>What it rejects, with the status a server answers ({@link HttpStatusException}):
 * <ul>
 * <li>a request line longer than the limit: 414; a header section over its size or count limit: 431;</li>
 * <li>a malformed request line, method, target or version; a bare CR; obsolete line folding; whitespace
 *     between a field name and its colon; a control character in a value: 400;</li>
 * <li>a well-formed version other than HTTP/1.x: 505.</li>
 * </ul>
 * Line ends may be CRLF or a lone LF (RFC 9112 §2.2 lets a recipient accept LF). Up to
 * {@value #MAX_LEADING_EMPTY_LINES} empty lines before a request line are skipped (RFC 9112 §2.2).
 *
 * <p>One decoder per connection, reused with {@link #reset()}; not thread-safe.
 */
public final class HeadDecoder {
    /** What kind of head is decoded. */
    public enum Kind {
        /** A request line, then fields. */
        REQUEST,
        /** A status line, then fields. */
        RESPONSE,
        /** Fields only: the trailer section of a chunked body. */
        TRAILERS
    }

    static final int MAX_LEADING_EMPTY_LINES = 8;

    private final Kind kind;
    private final int maxStartLine;
    private final int maxHeaderSection;
    private final int maxHeaderCount;

    private int scanned;
    private boolean startLineDone;
    private int emptyLinesSkipped;
    private int headerBytes;
    private HttpHeaders headers;

    private String method;
    private String target;
    private int versionMinor;
    private int status;
    private String reason;

    /**
     * A decoder with the given limits.
     *
     * @param kind what it decodes
     * @param maxStartLine the longest request or status line, without its line end
     * @param maxHeaderSection the most bytes of header lines, line ends included
     * @param maxHeaderCount the most header fields
     */
    public HeadDecoder(Kind kind, int maxStartLine, int maxHeaderSection, int maxHeaderCount) {
        this.kind = kind;
        this.maxStartLine = maxStartLine;
        this.maxHeaderSection = maxHeaderSection;
        this.maxHeaderCount = maxHeaderCount;
        reset();
    }

    /** Makes the decoder ready for the next head, forgetting the last one. */
    public void reset() {
        scanned = 0;
        startLineDone = kind == Kind.TRAILERS;
        emptyLinesSkipped = 0;
        headerBytes = 0;
        headers = new HttpHeaders();
        method = null;
        target = null;
        versionMinor = 0;
        status = 0;
        reason = null;
    }

    /**
     * Consumes the complete lines in {@code buf} (from its position to its limit; it must be backed by an
     * array) and tells whether the head is complete. On true, the buffer's position is just after the empty
     * line that ends the head.
     *
     * @param buf the bytes received so far, in read mode
     * @return true when the head is complete
     * @throws HttpStatusException if the bytes break the syntax or a limit; the status says which
     */
    public boolean decode(ByteBuffer buf) throws HttpStatusException {
        byte[] a = buf.array();
        int base = buf.arrayOffset();
        while (true) {
            int start = base + buf.position();
            int end = base + buf.limit();
            int lf = -1;
            for (int i = start + scanned; i < end; i++) {
                if (a[i] == '\n') {
                    lf = i;
                    break;
                }
            }
            if (lf < 0) {
                scanned = end - start;
                checkPartialLine(scanned);
                return false;
            }
            scanned = 0;
            int lineEnd = lf > start && a[lf - 1] == '\r' ? lf - 1 : lf;
            buf.position(lf + 1 - base);
            if (!startLineDone) {
                if (lineEnd - start > maxStartLine) {
                    throw startLineTooLong();
                }
                if (lineEnd == start && kind == Kind.REQUEST) {
                    if (++emptyLinesSkipped > MAX_LEADING_EMPTY_LINES) {
                        throw bad("too many empty lines before the request line");
                    }
                    continue;
                }
                if (kind == Kind.REQUEST) {
                    requestLine(a, start, lineEnd);
                } else {
                    statusLine(a, start, lineEnd);
                }
                startLineDone = true;
                continue;
            }
            headerBytes += lf + 1 - start;
            if (headerBytes > maxHeaderSection) {
                throw headerSectionTooLarge();
            }
            if (lineEnd == start) {
                return true;
            }
            field(a, start, lineEnd);
        }
    }

    private void checkPartialLine(int length) throws HttpStatusException {
        if (!startLineDone) {
            // Leave room for the CR of the line end before calling the line too long.
            if (length > maxStartLine + 1) {
                throw startLineTooLong();
            }
        } else if (headerBytes + length > maxHeaderSection) {
            throw headerSectionTooLarge();
        }
    }

    private HttpStatusException startLineTooLong() {
        return kind == Kind.REQUEST
                ? new HttpStatusException(414, "request line longer than " + maxStartLine + " bytes", true)
                : new HttpStatusException(400, "status line longer than " + maxStartLine + " bytes", true);
    }

    private HttpStatusException headerSectionTooLarge() {
        return new HttpStatusException(431, (kind == Kind.TRAILERS ? "trailer" : "header")
                + " section larger than " + maxHeaderSection + " bytes", true);
    }

    private static HttpStatusException bad(String message) {
        return new HttpStatusException(400, message, true);
    }

    private void requestLine(byte[] a, int start, int end) throws HttpStatusException {
        int sp1 = indexOf(a, start, end, (byte) ' ');
        if (sp1 <= start) {
            throw bad(sp1 == start ? "request line starts with a space" : "request line without a target");
        }
        for (int i = start; i < sp1; i++) {
            if (!Chars.isTokenChar(a[i] & 0xFF)) {
                throw bad(a[i] == '\r' ? "bare CR in the request line" : "invalid character in the method");
            }
        }
        int sp2 = indexOf(a, sp1 + 1, end, (byte) ' ');
        if (sp2 < 0) {
            throw bad("request line without an HTTP version");
        }
        if (sp2 == sp1 + 1) {
            throw bad("empty request target or more than one space");
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (!Chars.isTargetByte(a[i] & 0xFF)) {
                throw bad("invalid character 0x" + Integer.toHexString(a[i] & 0xFF) + " in the request target");
            }
        }
        versionMinor = version(a, sp2 + 1, end, true);
        method = Methods.of(a, start, sp1);
        target = new String(a, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);
    }

    private void statusLine(byte[] a, int start, int end) throws HttpStatusException {
        int sp = indexOf(a, start, end, (byte) ' ');
        if (sp < 0) {
            throw bad("status line without a status code");
        }
        versionMinor = version(a, start, sp, false);
        if (end - sp < 4 || (end - sp > 4 && a[sp + 4] != ' ')) {
            throw bad("status line without a three-digit status code");
        }
        int code = 0;
        for (int i = sp + 1; i < sp + 4; i++) {
            if (a[i] < '0' || a[i] > '9') {
                throw bad("status code is not three digits");
            }
            code = code * 10 + (a[i] - '0');
        }
        if (code < 100) {
            throw bad("status code below 100: " + code);
        }
        status = code;
        reason = end - sp > 4 ? new String(a, sp + 5, end - sp - 5, StandardCharsets.ISO_8859_1) : "";
    }

    /** HTTP-version = "HTTP/" DIGIT "." DIGIT; a well-formed version of another major is 505. */
    private static int version(byte[] a, int start, int end, boolean request) throws HttpStatusException {
        if (end - start != 8 || a[start] != 'H' || a[start + 1] != 'T' || a[start + 2] != 'T' || a[start + 3] != 'P'
                || a[start + 4] != '/' || !digit(a[start + 5]) || a[start + 6] != '.' || !digit(a[start + 7])) {
            for (int i = start; i < end; i++) {
                if (a[i] == '\r') {
                    throw bad("bare CR in the " + (request ? "request" : "status") + " line");
                }
            }
            throw bad("malformed HTTP version");
        }
        if (a[start + 5] != '1') {
            throw new HttpStatusException(505, "HTTP version " + (char) a[start + 5] + "." + (char) a[start + 7]
                    + " is not supported; use HTTP/1.1", true);
        }
        return a[start + 7] - '0';
    }

    private void field(byte[] a, int start, int end) throws HttpStatusException {
        if (a[start] == ' ' || a[start] == '\t') {
            throw bad("obsolete line folding (a header line starting with whitespace)");
        }
        if (headers.size() >= maxHeaderCount) {
            throw new HttpStatusException(431, "more than " + maxHeaderCount + " header fields", true);
        }
        int colon = start;
        while (colon < end && a[colon] != ':') {
            if (!Chars.isTokenChar(a[colon] & 0xFF)) {
                throw bad(a[colon] == ' ' || a[colon] == '\t' ? "whitespace between a header name and its colon"
                        : a[colon] == '\r' ? "bare CR in a header line" : "invalid character in a header name");
            }
            colon++;
        }
        if (colon == end) {
            throw bad("header line without a colon");
        }
        if (colon == start) {
            throw bad("empty header name");
        }
        int vs = colon + 1;
        int ve = end;
        while (vs < ve && (a[vs] == ' ' || a[vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (a[ve - 1] == ' ' || a[ve - 1] == '\t')) {
            ve--;
        }
        for (int i = vs; i < ve; i++) {
            if (!Chars.isFieldValueByte(a[i] & 0xFF)) {
                throw bad(a[i] == '\r' ? "bare CR in a header value" : "control character in a header value");
            }
        }
        headers.add(HeaderNames.of(a, start, colon), new String(a, vs, ve - vs, StandardCharsets.ISO_8859_1));
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The request method of the decoded request line.
     *
     * @return the method token, e.g. {@code GET}
     */
    public String method() {
        return method;
    }

    /**
     * The request target as sent.
     *
     * @return the target, e.g. {@code /files/7?x=1}
     */
    public String target() {
        return target;
    }

    /**
     * The minor version of HTTP/1.x.
     *
     * @return 0 or 1 (a higher minor is reported as sent; callers treat it as 1)
     */
    public int versionMinor() {
        return versionMinor;
    }

    /**
     * The status code of the decoded status line.
     *
     * @return 100 to 999
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase of the decoded status line.
     *
     * @return the phrase, possibly empty
     */
    public String reason() {
        return reason;
    }

    /**
     * The decoded header fields.
     *
     * @return the fields, in order
     */
    public HttpHeaders headers() {
        return headers;
    }
}
