package dev.jcoro.mysql.internal;

import dev.jcoro.net.StreamSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * An in-memory {@link StreamSocket} for framing tests: it hands out a fixed byte stream in pieces cut at
 * chosen offsets (which a real TCP connection cannot be made to do on demand), then end of stream, and
 * records what is written.
 */
final class ChunkedSocket implements StreamSocket {
    private final byte[] input;
    private final int[] cuts;
    private int pos;
    private int nextCut;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private Duration readTimeout = Duration.ZERO;
    private boolean open = true;

    /**
     * @param input the bytes the "server" sends
     * @param cuts ascending offsets at which a read stops, so the next read starts a new piece
     */
    ChunkedSocket(byte[] input, int... cuts) {
        this.input = input;
        this.cuts = cuts;
    }

    /** A socket that delivers one byte per read. */
    static ChunkedSocket byteByByte(byte[] input) {
        int[] cuts = new int[input.length];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return new ChunkedSocket(input, cuts);
    }

    byte[] written() {
        return written.toByteArray();
    }

    @Override
    public int read(ByteBuffer dst) {
        if (pos == input.length) {
            return -1;
        }
        while (nextCut < cuts.length && cuts[nextCut] <= pos) {
            nextCut++;
        }
        int stop = nextCut < cuts.length ? cuts[nextCut] : input.length;
        int n = Math.min(dst.remaining(), stop - pos);
        dst.put(input, pos, n);
        pos += n;
        return n;
    }

    @Override
    public void write(ByteBuffer src) {
        written.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        src.position(src.limit());
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        readTimeout = timeout;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public InetSocketAddress localAddress() throws IOException {
        return new InetSocketAddress("127.0.0.1", 1);
    }

    @Override
    public InetSocketAddress remoteAddress() throws IOException {
        return new InetSocketAddress("127.0.0.1", 2);
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
