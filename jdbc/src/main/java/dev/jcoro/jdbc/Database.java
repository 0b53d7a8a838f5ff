package dev.jcoro.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.jdbc.internal.PooledJob;
import dev.jcoro.sync.Semaphore;
import java.sql.SQLException;
import java.util.concurrent.CancellationException;
import javax.sql.DataSource;

/**
 * JDBC for coroutines: each piece of work borrows a pooled connection on a thread of the offload pool
 * ({@link Coroutines#offload}) while the calling coroutine suspends, so a blocking driver never stalls a
 * loop. For databases without a coroutine-native client.
 *
 * <pre>{@code
 * Database db = Database.fromUrl("jdbc:h2:file:/var/app/db", "sa", "", 8);
 * long id = db.transaction(c -> {
 *     try (PreparedStatement s = c.prepareStatement("INSERT INTO uploads (path) VALUES (?)",
 *             Statement.RETURN_GENERATED_KEYS)) {
 *         s.setString(1, path);
 *         s.executeUpdate();
 *         ResultSet keys = s.getGeneratedKeys();
 *         keys.next();
 *         return keys.getLong(1);
 *     }
 * });
 * }</pre>
 *
 * <p>Coroutines beyond the pool's size wait for a connection by suspending (on a {@link Semaphore}), not by
 * holding blocking threads. On a plain thread the methods run the work on that thread.
 *
 * <p><b>Cancellation.</b> A coroutine cancelled while it waits for a connection takes none. Work that has not
 * started yet never starts. Work already running cannot be stopped midway by the coroutine: its thread is
 * interrupted (most drivers notice only between statements, if at all), the running statement continues
 * until it returns (bound it with {@link java.sql.Statement#setQueryTimeout}), then a {@link #transaction}
 * rolls back instead of committing, and the connection goes back to the pool. Work run by {@link #query}
 * keeps what its statements already committed.
 */
public final class Database implements AutoCloseable {
    private final DataSource dataSource;
    /** The pool this object made and therefore closes; null when the caller owns the data source. */
    private final HikariDataSource ownPool;
    /** One permit per connection, so that waiting for a connection suspends; null when unlimited. */
    private final Semaphore slots;
    private volatile boolean closed;

    private Database(DataSource dataSource, HikariDataSource ownPool, int maxConcurrent) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.slots = maxConcurrent > 0 ? new Semaphore(maxConcurrent) : null;
    }

    /**
     * Runs work against a data source the caller owns (and closes). With a {@link HikariDataSource}, at most
     * its maximum pool size of coroutines use it at once and the others suspend; with any other data source,
     * concurrency is bounded only by the offload pool, and waiting for a connection holds a blocking thread.
     *
     * @param dataSource where connections come from, preferably a pool
     * @return the database
     */
    public static Database create(DataSource dataSource) {
        int limit = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 0;
        return new Database(dataSource, null, limit);
    }

    /**
     * Runs work against a data source the caller owns, with at most {@code maxConcurrent} pieces of work at
     * once (the size of its pool); further coroutines suspend until one ends.
     *
     * @param dataSource where connections come from
     * @param maxConcurrent how many connections the data source can lend at once
     * @return the database
     * @throws IllegalArgumentException if {@code maxConcurrent} is not positive
     */
    public static Database create(DataSource dataSource, int maxConcurrent) {
        if (maxConcurrent <= 0) {
            throw new IllegalArgumentException("maxConcurrent must be positive: " + maxConcurrent);
        }
        return new Database(dataSource, null, maxConcurrent);
    }

    /**
     * Opens a HikariCP pool of {@code poolSize} connections to {@code jdbcUrl}, closed by {@link #close()}.
     * The pool connects at once (to fail early on a wrong URL or password), which blocks: call this at start-up
     * or through {@link Coroutines#offload}. The driver must be on the class path.
     *
     * @param jdbcUrl the JDBC URL, e.g. {@code jdbc:h2:file:/var/app/db}
     * @param user the user name, or null
     * @param password the password, or null
     * @param poolSize the number of connections
     * @return the database
     * @throws IllegalArgumentException if {@code poolSize} is not positive
     * @throws RuntimeException HikariCP's {@code PoolInitializationException} if the database cannot be reached
     */
    public static Database fromUrl(String jdbcUrl, String user, String password, int poolSize) {
        if (poolSize <= 0) {
            throw new IllegalArgumentException("poolSize must be positive: " + poolSize);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("jcoro-jdbc(" + jdbcUrl + ")");
        HikariDataSource pool = new HikariDataSource(config);
        return new Database(pool, pool, poolSize);
    }

    /**
     * Runs {@code work} on a pooled connection in auto-commit mode, suspending the coroutine meanwhile.
     *
     * <pre>{@code
     * int count = db.query(c -> {
     *     try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM uploads")) {
     *         r.next();
     *         return r.getInt(1);
     *     }
     * });
     * }</pre>
     *
     * @param work what to do with the connection; runs on a blocking thread
     * @param <T> the type of its result
     * @return what {@code work} returned
     * @throws SQLException what {@code work} or the pool threw, unchanged
     * @throws CancellationException if the coroutine is cancelled meanwhile (see the class comment)
     * @throws IllegalStateException if the database is closed
     */
    @Suspendable
    public <T> T query(JdbcFunction<T> work) throws SQLException {
        return run(work, false);
    }

    /**
     * Runs {@code work} in a transaction: commits if it returns, rolls back if it throws anything, and rethrows
     * that exception unchanged. The coroutine suspends meanwhile.
     *
     * @param work what to do within the transaction; runs on a blocking thread
     * @param <T> the type of its result
     * @return what {@code work} returned, once committed
     * @throws SQLException what {@code work}, the pool or the commit threw, unchanged
     * @throws CancellationException if the coroutine is cancelled meanwhile; the transaction then rolls back
     *     unless it had already committed (see the class comment)
     * @throws IllegalStateException if the database is closed
     */
    @Suspendable
    public <T> T transaction(JdbcFunction<T> work) throws SQLException {
        return run(work, true);
    }

    @Suspendable
    private <T> T run(JdbcFunction<T> work, boolean transactional) throws SQLException {
        if (closed) {
            throw new IllegalStateException("this Database is closed");
        }
        if (slots != null) {
            slots.acquire();
        }
        PooledJob<T> job = new PooledJob<>(dataSource, work, transactional, slots);
        try {
            return Coroutines.offload(job);
        } catch (SQLException | RuntimeException | Error e) {
            job.abandon();    // cancelled or refused: releases the slot if the job never started; nothing if it ran
            throw e;
        } catch (Exception e) {
            job.abandon();
            throw new SQLException("JDBC work failed: " + e, e);    // JdbcFunction throws no other checked exception
        }
    }

    /**
     * The data source work runs against, for what this class does not cover (a migration tool, say).
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Refuses further work and, if {@link #fromUrl} made the pool, closes it (connections still lent are
     * closed by HikariCP as they come back). Any thread; calling it again does nothing.
     */
    @Override
    public void close() {
        closed = true;
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
