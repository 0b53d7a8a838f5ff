package dev.jcoro.http;

/**
 * The sizes a server accepts from its clients, each with the status it answers when a request goes over.
 * Immutable; every {@code with…} method returns a copy.
 *
 * <pre>{@code
 * HttpLimits limits = HttpLimits.defaults().withMaxBodySize(1 << 20).withMaxConnections(50_000);
 * }</pre>
 *
 * <table>
 * <caption>Limits, defaults and answers</caption>
 * <tr><th>limit</th><th>default</th><th>over it</th></tr>
 * <tr><td>{@link #maxRequestLineLength()}</td><td>8 KiB</td><td>414 and close</td></tr>
 * <tr><td>{@link #maxHeaderSectionSize()}</td><td>16 KiB</td><td>431 and close</td></tr>
 * <tr><td>{@link #maxHeaderCount()}</td><td>100</td><td>431 and close</td></tr>
 * <tr><td>{@link #maxBodySize()}</td><td>10 MiB</td><td>413 before the body is read (Content-Length), or
 *     when the chunked body passes it; then close</td></tr>
 * <tr><td>{@link #maxChunkLineLength()}</td><td>1 KiB</td><td>400 and close</td></tr>
 * <tr><td>{@link #maxConnections()}</td><td>16,384</td><td>the server stops accepting until one closes
 *     (new clients wait in the listen backlog)</td></tr>
 * <tr><td>{@link #maxDiscardSize()}</td><td>64 KiB</td><td>a request body the handler left unread is
 *     read and dropped up to this size to keep the connection; beyond it the connection closes</td></tr>
 * </table>
 */
public final class HttpLimits {
    private static final HttpLimits DEFAULTS = new HttpLimits(8 * 1024, 16 * 1024, 100, 10L * 1024 * 1024, 1024,
            16_384, 64 * 1024);

    private final int maxRequestLineLength;
    private final int maxHeaderSectionSize;
    private final int maxHeaderCount;
    private final long maxBodySize;
    private final int maxChunkLineLength;
    private final int maxConnections;
    private final long maxDiscardSize;

    private HttpLimits(int maxRequestLineLength, int maxHeaderSectionSize, int maxHeaderCount, long maxBodySize,
            int maxChunkLineLength, int maxConnections, long maxDiscardSize) {
        this.maxRequestLineLength = positive("maxRequestLineLength", maxRequestLineLength);
        this.maxHeaderSectionSize = positive("maxHeaderSectionSize", maxHeaderSectionSize);
        this.maxHeaderCount = positive("maxHeaderCount", maxHeaderCount);
        if (maxBodySize < 1) {
            throw new IllegalArgumentException("maxBodySize must be at least 1: " + maxBodySize);
        }
        this.maxBodySize = maxBodySize;
        this.maxChunkLineLength = positive("maxChunkLineLength", maxChunkLineLength);
        this.maxConnections = positive("maxConnections", maxConnections);
        if (maxDiscardSize < 0) {
            throw new IllegalArgumentException("maxDiscardSize must not be negative: " + maxDiscardSize);
        }
        this.maxDiscardSize = maxDiscardSize;
    }

    private static int positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + value);
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /**
     * The default limits (see the table above).
     *
     * @return the defaults
     */
    public static HttpLimits defaults() {
        return DEFAULTS;
    }

    /**
     * The longest request line, without its CRLF.
     *
     * @return bytes
     */
    public int maxRequestLineLength() {
        return maxRequestLineLength;
    }

    /**
     * The most bytes of header lines (CRLFs included, request line excluded); also bounds a chunked body's
     * trailer section.
     *
     * @return bytes
     */
    public int maxHeaderSectionSize() {
        return maxHeaderSectionSize;
    }

    /**
     * The most header fields in a request.
     *
     * @return the count
     */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /**
     * The largest request body.
     *
     * @return bytes
     */
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * The longest chunk-size line of a chunked body, extensions included.
     *
     * @return bytes
     */
    public int maxChunkLineLength() {
        return maxChunkLineLength;
    }

    /**
     * The most connections open at once.
     *
     * @return the count
     */
    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The most bytes of an unread request body the server reads and drops to keep the connection open.
     *
     * @return bytes
     */
    public long maxDiscardSize() {
        return maxDiscardSize;
    }

    /**
     * A copy with another request-line limit.
     *
     * @param bytes at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public HttpLimits withMaxRequestLineLength(int bytes) {
        return new HttpLimits(bytes, maxHeaderSectionSize, maxHeaderCount, maxBodySize, maxChunkLineLength,
                maxConnections, maxDiscardSize);
    }

    /**
     * A copy with another header-section limit.
     *
     * @param bytes at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public HttpLimits withMaxHeaderSectionSize(int bytes) {
        return new HttpLimits(maxRequestLineLength, bytes, maxHeaderCount, maxBodySize, maxChunkLineLength,
                maxConnections, maxDiscardSize);
    }

    /**
     * A copy with another header-count limit.
     *
     * @param count at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public HttpLimits withMaxHeaderCount(int count) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, count, maxBodySize, maxChunkLineLength,
                maxConnections, maxDiscardSize);
    }

    /**
     * A copy with another body limit.
     *
     * @param bytes at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public HttpLimits withMaxBodySize(long bytes) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, bytes, maxChunkLineLength,
                maxConnections, maxDiscardSize);
    }

    /**
     * A copy with another chunk-line limit.
     *
     * @param bytes at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code bytes} is less than 1
     */
    public HttpLimits withMaxChunkLineLength(int bytes) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize, bytes,
                maxConnections, maxDiscardSize);
    }

    /**
     * A copy with another connection cap.
     *
     * @param count at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code count} is less than 1
     */
    public HttpLimits withMaxConnections(int count) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
                maxChunkLineLength, count, maxDiscardSize);
    }

    /**
     * A copy with another discard limit.
     *
     * @param bytes 0 or more; 0 closes every connection whose request body was left unread
     * @return the copy
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public HttpLimits withMaxDiscardSize(long bytes) {
        return new HttpLimits(maxRequestLineLength, maxHeaderSectionSize, maxHeaderCount, maxBodySize,
                maxChunkLineLength, maxConnections, bytes);
    }

    @Override
    public String toString() {
        return "HttpLimits[requestLine=" + maxRequestLineLength + ", headerSection=" + maxHeaderSectionSize
                + ", headers=" + maxHeaderCount + ", body=" + maxBodySize + ", chunkLine=" + maxChunkLineLength
                + ", connections=" + maxConnections + ", discard=" + maxDiscardSize + "]";
    }
}
