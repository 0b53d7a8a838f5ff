package dev.jcoro.samples.upload;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The directory uploads are stored in. A body is written to a temporary file inside it whose name starts
 * with a dot ({@code .upload-*.part}), and gets its visible name only once complete, so a reader of the
 * directory never sees half a file. Every call that touches the disk runs on the offload pool.
 */
final class UploadDirectory {
    private static final String TEMPORARY_PREFIX = ".upload-";
    private static final String TEMPORARY_SUFFIX = ".part";
    /** Random names collide about never; a few draws make "about" certain. */
    private static final int NAME_ATTEMPTS = 8;

    private final Path root;

    private UploadDirectory(Path root) {
        this.root = root;
    }

    /**
     * Opens {@code dir}, creating it if missing, and removes the temporary files a previous run left behind
     * when it was killed mid-upload. Blocks: call at start-up, from a plain thread.
     *
     * @param dir the directory
     * @return the directory, with its absolute real path
     * @throws IOException if it cannot be created or read
     */
    static UploadDirectory open(Path dir) throws IOException {
        Path root = Files.createDirectories(dir).toRealPath();
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, TEMPORARY_PREFIX + "*" + TEMPORARY_SUFFIX)) {
            for (Path p : files) {
                leftovers.add(p);
            }
        }
        for (Path p : leftovers) {
            Files.deleteIfExists(p);
        }
        return new UploadDirectory(root);
    }

    /**
     * The directory's absolute real path.
     *
     * @return the path
     */
    Path root() {
        return root;
    }

    /**
     * A fresh name for a body being received: inside this directory, starting with a dot. Nothing is created
     * yet, so that a caller knows what to remove whatever happens from the moment it opens the file.
     *
     * @return e.g. {@code DIR/.upload-5f0c2a9e71d4b3c8.part}
     */
    Path newTemporary() {
        return root.resolve(String.format("%s%016x%s", TEMPORARY_PREFIX, ThreadLocalRandom.current().nextLong(),
                TEMPORARY_SUFFIX));
    }

    /**
     * Gives a complete temporary file its visible, unique name derived from {@code requestedName}. The new
     * name is a hard link made with {@code link(2)}, which never replaces an existing file (a rename would);
     * the temporary name is removed afterwards. On failure the temporary file is removed too.
     *
     * @param temporary a complete file named by {@link #newTemporary()}
     * @param requestedName the client's name for it, or null
     * @return the stored file's absolute path
     * @throws IOException if the name cannot be made; nothing is left behind then
     */
    @Suspendable
    Path moveIntoPlace(Path temporary, String requestedName) throws IOException {
        try {
            return Blocking.io(() -> link(temporary, requestedName));
        } finally {
            delete(temporary);
        }
    }

    private Path link(Path temporary, String requestedName) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path target = root.resolve(FileNames.unique(requestedName));
            try {
                return Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == NAME_ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    /**
     * Removes a file if it exists, even from a coroutine being cancelled; a failure is reported on
     * standard error, not thrown.
     *
     * @param file the file
     */
    @Suspendable
    void delete(Path file) {
        Blocking.cleanUp("remove " + file, () -> Files.deleteIfExists(file));
    }

    @Override
    public String toString() {
        return "UploadDirectory[" + root + "]";
    }
}
