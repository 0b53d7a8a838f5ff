package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A body of a length announced by {@code Content-Length} (RFC 9112 §6.2). */
final class FixedLengthBody extends AbstractBody {
    /** Below this much room in the caller's buffer, reading through our own buffer saves system calls. */
    private static final int DIRECT_READ_MIN = 4096;

    private final long length;
    private long remaining;

    FixedLengthBody(Inbound in, long length, long timeoutNanos, BodyErrors errors, long defaultLimit) {
        super(in, timeoutNanos, errors, defaultLimit);
        this.length = length;
        this.remaining = length;
        this.finished = length == 0;
    }

    @Override
    @Suspendable
    public int read(ByteBuffer dst) throws IOException {
        if (remaining == 0) {
            finished = true;
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (!in.hasBuffered()) {
            int n;
            if (dst.remaining() >= DIRECT_READ_MIN) {
                int oldLimit = dst.limit();
                dst.limit((int) Math.min(oldLimit, dst.position() + remaining));
                try {
                    n = readDirect(dst);
                } finally {
                    dst.limit(oldLimit);
                }
                if (n > 0) {
                    return taken(n);
                }
            } else {
                n = fill();
            }
            if (n < 0) {
                throw errors.endedEarly((length - remaining) + " of " + length + " bytes");
            }
        }
        return taken(copyBuffered(dst, remaining));
    }

    private int taken(int n) {
        remaining -= n;
        if (remaining == 0) {
            finished = true;
        }
        return n;
    }

    @Override
    public long contentLength() {
        return length;
    }
}
