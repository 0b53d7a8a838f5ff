package dev.jcoro.redis.internal.resp;

/**
 * The largest frames a {@link RespDecoder} accepts, so that a broken or hostile peer cannot make the client
 * allocate without bound: each length is checked when its header arrives, before anything is allocated.
 *
 * @param maxBulkLength the longest bulk string, verbatim string or bulk error, in bytes
 * @param maxAggregateLength the most elements of one array, set or push (entries of one map or attribute)
 * @param maxNesting how deep aggregates may nest inside one another
 * @param maxLineLength the longest line of a simple string, error or number, CRLF excluded
 */
public record RespLimits(int maxBulkLength, int maxAggregateLength, int maxNesting, int maxLineLength) {
    /**
     * Redis's own defaults: 512 MiB bulk strings ({@code proto-max-bulk-len}), and generous bounds for the
     * rest.
     */
    public static final RespLimits DEFAULT = new RespLimits(512 * 1024 * 1024, 64 * 1024 * 1024, 64, 64 * 1024);

    /** Validates the limits. */
    public RespLimits {
        if (maxBulkLength < 0 || maxAggregateLength < 0 || maxNesting < 1 || maxLineLength < 16) {
            throw new IllegalArgumentException("invalid RESP limits: bulk " + maxBulkLength + ", aggregate "
                    + maxAggregateLength + ", nesting " + maxNesting + ", line " + maxLineLength);
        }
    }
}
