package dev.jcoro.http.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyReader;
import dev.jcoro.http.HttpStatusException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What every framed body shares: the timeout and error policy, the hook that runs before the first byte is
 * waited for (the server's {@code 100 Continue}), and {@link #readAllBytes} built on {@link #read}.
 */
abstract class AbstractBody implements BodyReader {
    /** Runs once, before a body read first has to wait on the socket. */
    @FunctionalInterface
    interface FirstReadHook {
        @Suspendable
        void beforeFirstRead() throws IOException;
    }

    final Inbound in;
    final long timeoutNanos;
    final BodyErrors errors;
    private final long defaultLimit;
    private FirstReadHook hook;
    boolean finished;

    AbstractBody(Inbound in, long timeoutNanos, BodyErrors errors, long defaultLimit) {
        this.in = in;
        this.timeoutNanos = timeoutNanos;
        this.errors = errors;
        this.defaultLimit = defaultLimit;
    }

    void onFirstRead(FirstReadHook hook) {
        this.hook = hook;
    }

    /** Reads more into the inbound buffer, applying the hook, the timeout and the error policy. */
    @Suspendable
    final int fill() throws IOException {
        runHook();
        try {
            return in.fill(timeoutNanos);
        } catch (SocketTimeoutException e) {
            throw errors.stalled(e);
        } catch (IOException e) {
            throw errors.failed(e);
        }
    }

    @Suspendable
    final int readDirect(ByteBuffer dst) throws IOException {
        runHook();
        try {
            return in.readDirect(dst, timeoutNanos);
        } catch (SocketTimeoutException e) {
            throw errors.stalled(e);
        } catch (IOException e) {
            throw errors.failed(e);
        }
    }

    @Suspendable
    private void runHook() throws IOException {
        FirstReadHook h = hook;
        if (h != null) {
            hook = null;
            h.beforeFirstRead();
        }
    }

    /** Copies up to {@code max} buffered bytes into {@code dst}. */
    final int copyBuffered(ByteBuffer dst, long max) {
        ByteBuffer src = in.buffer();
        int n = (int) Math.min(Math.min(src.remaining(), dst.remaining()), max);
        int oldLimit = src.limit();
        src.limit(src.position() + n);
        dst.put(src);
        src.limit(oldLimit);
        return n;
    }

    @Override
    @Suspendable
    public byte[] readAllBytes() throws IOException {
        return readAllBytes(defaultLimit);
    }

    @Override
    @Suspendable
    public byte[] readAllBytes(long limit) throws IOException {
        long known = contentLength();
        if (known > limit) {
            throw new HttpStatusException(413, "body of " + known + " bytes is over the limit of " + limit, true);
        }
        byte[] out = new byte[(int) Math.min(known >= 0 ? known : 8192, Integer.MAX_VALUE - 8)];
        int size = 0;
        while (true) {
            if (finished) {
                return size == out.length ? out : Arrays.copyOf(out, size);
            }
            if (size == out.length) {
                if (size >= limit) {
                    ByteBuffer probe = ByteBuffer.allocate(1);
                    if (read(probe) < 0) {
                        return out;
                    }
                    throw new HttpStatusException(413, "body is over the limit of " + limit + " bytes", true);
                }
                out = Arrays.copyOf(out, (int) Math.min(Math.max(16, (long) size * 2), Math.min(limit, Integer.MAX_VALUE - 8)));
            }
            int n = read(ByteBuffer.wrap(out, size, out.length - size));
            if (n < 0) {
                return size == out.length ? out : Arrays.copyOf(out, size);
            }
            size += n;
        }
    }

    @Override
    public boolean isFinished() {
        return finished;
    }

    /**
     * Reads and discards the rest of the body, up to {@code max} bytes, so the connection can carry the
     * next message.
     *
     * @return true if the body ended within {@code max} bytes
     */
    @Suspendable
    final boolean skipRest(long max) throws IOException {
        ByteBuffer scratch = ByteBuffer.allocate(8192);
        long skipped = 0;
        while (!finished) {
            if (skipped > max) {
                return false;
            }
            int n = read(scratch.clear());
            if (n < 0) {
                return true;
            }
            skipped += n;
        }
        return true;
    }
}
