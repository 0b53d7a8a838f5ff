package dev.jcoro.samples.upload;

import dev.jcoro.Suspendable;
import dev.jcoro.http.BodyReader;
import dev.jcoro.http.HttpStatusException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Streams a request body into a temporary file of an {@link UploadDirectory}, computing its SHA-256 on
 * the way and refusing more than a limit. Memory per upload is one buffer, whatever the body's size: the
 * coroutine fills it from the socket, then a thread of the offload pool hashes and writes it while the
 * coroutine waits.
 */
final class BodyToFile {
    /** Bytes gathered from the socket before one hand-over to the disk; bounds the memory per upload. */
    static final int BUFFER_SIZE = 64 * 1024;

    private final UploadDirectory directory;
    private final long maxBytes;

    BodyToFile(UploadDirectory directory, long maxBytes) {
        this.directory = directory;
        this.maxBytes = maxBytes;
    }

    /**
     * Receives the whole body. Call from the request's coroutine. If anything fails — the client goes away,
     * the body is too large, the disk is full, the coroutine is cancelled — the temporary file is removed
     * before the exception leaves.
     *
     * @param body the request's body, not read yet
     * @return the temporary file with the body, its size and its SHA-256
     * @throws HttpStatusException 413 (closing the connection) if the body is announced or turns out larger
     *     than the limit; the server's 400 or 408 if it is cut or stalls
     * @throws IOException if the file cannot be written
     */
    @Suspendable
    ReceivedFile receive(BodyReader body) throws IOException {
        if (body.contentLength() > maxBytes) {
            throw tooLarge();
        }
        Path temporary = directory.newTemporary();
        FileChannel file = null;
        boolean received = false;
        try {
            file = Blocking.io(() -> FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            MessageDigest sha256 = sha256();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
            long size = 0;
            int n;
            while ((n = body.read(buffer)) >= 0) {
                size += n;
                if (size > maxBytes) {
                    throw tooLarge();
                }
                if (!buffer.hasRemaining()) {
                    write(file, sha256, buffer);
                }
            }
            write(file, sha256, buffer);
            FileChannel done = file;
            file = null;
            Blocking.io(done::close);
            received = true;
            return new ReceivedFile(temporary, size, HexFormat.of().formatHex(sha256.digest()));
        } finally {
            if (!received) {
                if (file != null) {
                    Blocking.cleanUp("close " + temporary, file::close);
                }
                directory.delete(temporary);
            }
        }
    }

    /** Hashes and writes what the buffer holds, on the offload pool, and empties it. */
    @Suspendable
    private static void write(FileChannel file, MessageDigest sha256, ByteBuffer buffer) throws IOException {
        buffer.flip();
        if (buffer.hasRemaining()) {
            Blocking.io(() -> {
                sha256.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            });
        }
        buffer.clear();
    }

    private HttpStatusException tooLarge() {
        return new HttpStatusException(413, "the body is larger than the limit of " + maxBytes + " bytes", true);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
