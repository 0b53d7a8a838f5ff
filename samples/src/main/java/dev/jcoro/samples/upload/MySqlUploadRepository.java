package dev.jcoro.samples.upload;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.MySqlConnectOptions;
import dev.jcoro.mysql.MySqlPool;
import dev.jcoro.mysql.PoolOptions;
import dev.jcoro.mysql.Row;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The uploads table on MySQL or MariaDB through jcoro's coroutine-native client: a statement suspends the
 * coroutine on the socket, no thread waits. Times are stored as UTC {@code DATETIME(3)}.
 */
final class MySqlUploadRepository implements UploadRepository {
    /** Inserts are short; a handful of connections keeps hundreds of concurrent uploads flowing. */
    private static final int POOL_SIZE = 8;

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS uploads ("
            + "id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
            + "user_name VARCHAR(255) NOT NULL, "
            + "path VARCHAR(4096) NOT NULL, "
            + "size BIGINT NOT NULL, "
            + "sha256 CHAR(64) NOT NULL, "
            + "created_at DATETIME(3) NOT NULL"
            + ") CHARACTER SET utf8mb4";
    private static final String INSERT = "INSERT INTO uploads (user_name, path, size, sha256, created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT id, user_name, path, size, sha256, created_at FROM uploads ORDER BY id";

    private final MySqlPool pool;

    private MySqlUploadRepository(MySqlPool pool) {
        this.pool = pool;
    }

    /** A pool for {@code url}; connections open when first needed. */
    static MySqlUploadRepository open(String url) {
        return new MySqlUploadRepository(MySqlPool.create(MySqlConnectOptions.parse(url),
                PoolOptions.defaults().withMaxSize(POOL_SIZE)));
    }

    @Override
    @Suspendable
    public void createTable() throws IOException, SQLException {
        pool.execute(CREATE);
    }

    @Override
    @Suspendable
    public Upload insert(String user, String path, long size, String sha256, Instant createdAt)
            throws IOException, SQLException {
        LocalDateTime created = LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        long id = pool.execute(INSERT, user, path, size, sha256, created).lastInsertId();
        return new Upload(id, user, path, size, sha256, created.toInstant(ZoneOffset.UTC));
    }

    @Override
    @Suspendable
    public List<Upload> listAll() throws IOException, SQLException {
        List<Upload> uploads = new ArrayList<>();
        for (Row r : pool.list(SELECT)) {
            uploads.add(new Upload(r.getLong(0), r.getString(1), r.getString(2), r.getLong(3), r.getString(4),
                    r.getLocalDateTime(5).toInstant(ZoneOffset.UTC)));
        }
        return uploads;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "MySqlUploadRepository[" + pool + "]";
    }
}
