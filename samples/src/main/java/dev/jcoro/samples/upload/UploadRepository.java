package dev.jcoro.samples.upload;

import dev.jcoro.Suspendable;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Where the upload rows live: the table {@code uploads (id, user_name, path, size, sha256, created_at)}.
 * {@link #open} picks the implementation from the database URL: JDBC through the offload pool for a
 * {@code jdbc:} URL (H2 by default), the coroutine-native client for {@code mysql://}.
 *
 * <p>The suspending methods are called from coroutines (or, blocking, from a plain thread at start-up);
 * implementations are safe for any number of concurrent callers.
 */
interface UploadRepository extends AutoCloseable {

    /**
     * Opens the repository for {@code url}. Blocks while a JDBC pool connects: call at start-up.
     *
     * @param url {@code jdbc:...} (its driver on the class path; H2 is) or {@code mysql://user:password@host:port/db}
     * @return the repository; call {@link #createTable()} before use
     * @throws IllegalArgumentException if the URL is neither
     */
    static UploadRepository open(String url) {
        if (url.startsWith("mysql://")) {
            return MySqlUploadRepository.open(url);
        }
        if (url.startsWith("jdbc:")) {
            return JdbcUploadRepository.open(url);
        }
        throw new IllegalArgumentException("not a jdbc: or mysql:// URL: " + url);
    }

    /**
     * Creates the table unless it exists.
     *
     * @throws SQLException if the database refuses
     * @throws IOException if the database cannot be reached
     */
    @Suspendable
    void createTable() throws IOException, SQLException;

    /**
     * Inserts a row and returns it with its new id.
     *
     * @param user the user name
     * @param path the stored file's absolute path
     * @param size its length
     * @param sha256 its SHA-256, lowercase hex
     * @param createdAt when it was stored (kept to the millisecond)
     * @return the row
     * @throws SQLException if the database refuses
     * @throws IOException if the database cannot be reached
     */
    @Suspendable
    Upload insert(String user, String path, long size, String sha256, Instant createdAt) throws IOException, SQLException;

    /**
     * Every row, oldest first (by id).
     *
     * @return the rows
     * @throws SQLException if the database refuses
     * @throws IOException if the database cannot be reached
     */
    @Suspendable
    List<Upload> listAll() throws IOException, SQLException;

    /** Closes the connections; any thread. */
    @Override
    void close();
}
