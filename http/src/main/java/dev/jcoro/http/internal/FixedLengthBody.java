package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** A body of a length announced by {@code Content-Length} (RFC 9112 §6.2). */
final class FixedLengthBody extends AbstractBody {
    private final long length;
    private long remaining;

    FixedLengthBody(Inbound in, long length, long timeoutNanos, BodyErrors errors, long defaultLimit) {
        super(in, timeoutNanos, errors, defaultLimit);
        this.length = length;
        this.remaining = length;
        this.finished = length == 0;
    }

    /** {@link #finished} is set exactly when {@link #remaining} reaches 0 (see {@link #taken}). */
    @Override
    @Suspendable
    int readSome(ByteBuffer dst) throws IOException {
        while (!in.hasBuffered()) {
            int n;
            if (dst.remaining() >= DIRECT_READ_MIN) {
                n = readDirect(dst, remaining);
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
