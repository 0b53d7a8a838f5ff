package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A response body without Content-Length or chunked framing: it ends when the server closes the
 * connection (RFC 9112 §6.3, rule 8). Only responses are framed this way; the connection is not reusable.
 */
final class UntilCloseBody extends AbstractBody {

    UntilCloseBody(Inbound in, long timeoutNanos, long defaultLimit) {
        super(in, timeoutNanos, BodyErrors.CLIENT, defaultLimit);
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
        while (!in.hasBuffered()) {
            if (fill() < 0) {
                finished = true;
                return -1;
            }
        }
        return copyBuffered(dst, Long.MAX_VALUE);
    }

    @Override
    public long contentLength() {
        return -1;
    }
}
