package dev.jcoro.jdbc.internal;

import dev.jcoro.jdbc.JdbcFunction;
import dev.jcoro.sync.Semaphore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One piece of JDBC work as it runs on the offload pool: borrow a connection, run the work (in a transaction
 * if asked), give the connection back, release the caller's slot.
 *
 * <p>The coroutine that submitted it may be cancelled at any moment; {@link #abandon()} records that, so that
 * work not started yet never runs (and its slot is released at once), and work already running rolls its
 * transaction back instead of committing a result nobody will see. Either way the connection goes back to
 * the pool and the slot is released exactly once.
 *
 * @param <T> the type of the work's result
 */
public final class PooledJob<T> implements Callable<T> {
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int RUNNING_ABANDONED = 2;
    private static final int ENDED = 3;

    private final DataSource dataSource;
    private final JdbcFunction<T> work;
    private final boolean transactional;
    /** The slot the caller took before submitting, or null when nothing limits concurrent work. */
    private final Semaphore slot;
    private final AtomicInteger state = new AtomicInteger(NEW);

    /**
     * Describes the work; nothing runs until {@link #call()}.
     *
     * @param dataSource where connections come from
     * @param work what to do with a connection
     * @param transactional true to run the work in a transaction: commit if it returns, roll back if it throws
     * @param slot a permit the caller holds, released when the job ends or is abandoned before it starts; or null
     */
    public PooledJob(DataSource dataSource, JdbcFunction<T> work, boolean transactional, Semaphore slot) {
        this.dataSource = dataSource;
        this.work = work;
        this.transactional = transactional;
        this.slot = slot;
    }

    /**
     * Runs the work on the calling (blocking) thread, unless it was abandoned first.
     *
     * @return the work's result; null if abandoned
     * @throws SQLException what the work, the pool or the commit threw, unchanged
     */
    @Override
    public T call() throws SQLException {
        if (!state.compareAndSet(NEW, RUNNING)) {
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            try {
                return transactional ? inTransaction(connection) : work.apply(connection);
            } finally {
                // An abandoning coroutine interrupts this thread; the interrupt has done its job (the
                // transaction saw it) and must not disturb the driver while the connection goes back.
                Thread.interrupted();
            }
        } finally {
            state.set(ENDED);
            release();
        }
    }

    /**
     * Records that the submitting coroutine no longer waits (it was cancelled, or submitting failed). Any
     * thread; does nothing once the job has ended.
     */
    public void abandon() {
        while (true) {
            int s = state.get();
            if (s == NEW && state.compareAndSet(NEW, ENDED)) {
                release();
                return;
            }
            if (s != RUNNING || state.compareAndSet(RUNNING, RUNNING_ABANDONED)) {
                return;
            }
        }
    }

    private T inTransaction(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        if (autoCommit) {
            connection.setAutoCommit(false);
        }
        try {
            T result;
            try {
                result = work.apply(connection);
            } catch (Throwable t) {
                rollback(connection, t);
                throw t;
            }
            // Thread.interrupted() also clears the interrupt, so that the driver can roll back undisturbed.
            if (Thread.interrupted() || state.get() == RUNNING_ABANDONED) {
                connection.rollback();
                return null;
            }
            connection.commit();
            return result;
        } finally {
            if (autoCommit) {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void release() {
        if (slot != null) {
            slot.release();
        }
    }
}
