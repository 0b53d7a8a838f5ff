package dev.jcoro.redis;

import java.io.IOException;

/**
 * The server sent bytes that are not valid RESP, or a frame beyond the client's limits (a bulk string
 * longer than {@link RedisOptions.Builder#maxBulkLength}, aggregates nested deeper than
 * {@link RedisOptions.Builder#maxNesting}...). The message names the byte offset in the connection's
 * stream, what was expected and what was found. The client cannot tell where the next reply starts after
 * such a frame, so it closes the connection and fails every command in flight with a
 * {@link RedisConnectionException} caused by this one.
 */
public class RespProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * Creates the exception.
     *
     * @param offset the offset of the offending byte, counted from the first byte the server sent on the
     *     connection
     * @param problem what was expected and what was found
     */
    public RespProtocolException(long offset, String problem) {
        super("malformed RESP at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    /**
     * The offset of the offending byte, counted from the first byte the server sent on the connection.
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }
}
