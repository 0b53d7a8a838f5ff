package dev.jcoro.http.internal;

import dev.jcoro.http.BodyReader;
import java.nio.ByteBuffer;

/** The body of a message that has none: a GET without Content-Length, a 204, a response to HEAD. */
final class EmptyBody implements BodyReader {
    static final EmptyBody INSTANCE = new EmptyBody();

    private EmptyBody() {
    }

    @Override
    public int read(ByteBuffer dst) {
        return -1;
    }

    @Override
    public byte[] readAllBytes() {
        return new byte[0];
    }

    @Override
    public byte[] readAllBytes(long limit) {
        return new byte[0];
    }

    @Override
    public long contentLength() {
        return 0;
    }

    @Override
    public boolean isFinished() {
        return true;
    }
}
