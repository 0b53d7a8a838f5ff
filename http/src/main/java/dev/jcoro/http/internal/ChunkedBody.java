package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.HttpHeaders;
import dev.jcoro.http.HttpStatusException;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A chunked body: the I/O around a {@link ChunkedDecoder}, with a cap on the decoded size. */
final class ChunkedBody extends AbstractBody {
    private static final int DIRECT_READ_MIN = 4096;

    private final ChunkedDecoder decoder;
    private final long maxSize;
    private long size;

    ChunkedBody(Inbound in, ChunkedDecoder decoder, long maxSize, long timeoutNanos, BodyErrors errors, long defaultLimit) {
        super(in, timeoutNanos, errors, defaultLimit);
        this.decoder = decoder;
        this.maxSize = maxSize;
    }

    @Override
    @Suspendable
    public int read(ByteBuffer dst) throws IOException {
        if (finished) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (true) {
            long available = decoder.next(in.buffer());
            if (available < 0) {
                finished = true;
                return -1;
            }
            if (available > 0) {
                return taken(copyBuffered(dst, available));
            }
            long inChunk = decoder.chunkRemaining();
            if (inChunk > 0 && dst.remaining() >= DIRECT_READ_MIN && !in.hasBuffered()) {
                int oldLimit = dst.limit();
                dst.limit((int) Math.min(oldLimit, dst.position() + inChunk));
                int n;
                try {
                    n = readDirect(dst);
                } finally {
                    dst.limit(oldLimit);
                }
                if (n > 0) {
                    return taken(n);
                }
                if (n < 0) {
                    throw errors.endedEarly("inside a chunk, after " + size + " bytes");
                }
            } else {
                in.compactIfWorthIt();
                if (fill() < 0) {
                    throw errors.endedEarly("chunked body not terminated, after " + size + " bytes");
                }
            }
        }
    }

    private int taken(int n) throws HttpStatusException {
        decoder.consumed(n);
        size += n;
        if (size > maxSize) {
            throw new HttpStatusException(413, "chunked body is over the limit of " + maxSize + " bytes", true);
        }
        return n;
    }

    /**
     * The trailer fields, once the body has been read to its end.
     *
     * @return the fields; empty if none were sent
     */
    HttpHeaders trailers() {
        return decoder.trailers();
    }

    @Override
    public long contentLength() {
        return -1;
    }
}
