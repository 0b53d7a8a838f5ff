package dev.jcoro.mysql;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.mysql.internal.Session;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A pool of MySQL connections shared by any number of coroutines, on any loops. A coroutine borrows a
 * connection, uses it alone, and gives it back; when all are in use, coroutines wait in line (first come,
 * first served) up to {@link PoolOptions#acquireTimeout()}.
 *
 * <pre>{@code
 * MySqlPool pool = MySqlPool.create(MySqlConnectOptions.parse("mysql://app:pw@127.0.0.1/shop"),
 *         PoolOptions.defaults().withMaxSize(20));
 * List<Row> rows = pool.list("SELECT name FROM item WHERE id = ?", 42);
 * long id = pool.transaction(conn -> conn.execute("INSERT INTO item (name) VALUES (?)", "tea").lastInsertId());
 * try (MySqlConnection conn = pool.acquire()) {          // close() gives it back
 *     ...
 * }
 * }</pre>
 *
 * <p>What the pool does for you: connections open on demand up to the maximum; one given back with an
 * unread result has it drained, one inside a transaction has it rolled back; a broken one is closed and its
 * place freed; one idle past {@link PoolOptions#validationInterval()} is pinged before it is handed out
 * (and replaced if it does not answer); one idle past {@link PoolOptions#idleTimeout()} is closed the next
 * time the pool is used. All methods may be called from any coroutine or thread.
 */
public final class MySqlPool implements AutoCloseable {
    private final MySqlConnectOptions options;
    private final PoolOptions poolOptions;
    private final MySqlConnection.Releaser releaser = this::release;
    private final Object lock = new Object();
    /** Idle sessions, most recently used first, so the rest age out. Guarded by lock. */
    private final ArrayDeque<Idle> idle = new ArrayDeque<>();
    /** Coroutines waiting for a session, in arrival order. Guarded by lock. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Sessions open or being opened. Guarded by lock. */
    private int total;
    /** Sessions handed out. Guarded by lock. */
    private int leased;
    private boolean closed;

    private record Idle(Session session, long since) {
    }

    /** What a waiter is given: a session, or (null) the right to open one. */
    private record Grant(Session session, long idleSince) {
    }

    private static final class Waiter {
        final CompletableFuture<Grant> grant = new CompletableFuture<>();
    }

    /**
     * A snapshot of the pool's counts.
     *
     * @param total connections open or being opened
     * @param idle connections waiting to be borrowed
     * @param leased connections borrowed
     * @param waiting coroutines waiting for a connection
     */
    public record Stats(int total, int idle, int leased, int waiting) {
    }

    private MySqlPool(MySqlConnectOptions options, PoolOptions poolOptions) {
        this.options = options;
        this.poolOptions = poolOptions;
    }

    /**
     * Creates a pool; no connection is opened until one is needed. Any thread.
     *
     * @param options how to connect
     * @param poolOptions sizes and timeouts
     * @return the pool
     */
    public static MySqlPool create(MySqlConnectOptions options, PoolOptions poolOptions) {
        return new MySqlPool(options, poolOptions);
    }

    /**
     * Borrows a connection, waiting in line if all are in use. {@link MySqlConnection#close()} gives it
     * back; after that, the handle refuses to be used.
     *
     * @return a connection for the caller alone
     * @throws SQLTransientConnectionException if none came free within the acquire timeout
     * @throws SQLNonTransientConnectionException if the pool is closed
     * @throws SQLException if opening a new connection was refused by the server
     * @throws IOException if opening a new connection failed
     * @throws CancellationException if the coroutine is cancelled while it waits
     */
    @Suspendable
    public MySqlConnection acquire() throws IOException, SQLException {
        long deadline = System.nanoTime() + poolOptions.acquireTimeout().toNanos();
        Session session;
        long idleSince;
        Waiter waiter = null;
        List<Session> expired;
        synchronized (lock) {
            if (closed) {
                throw closedException();
            }
            expired = takeExpired(System.nanoTime());
            if (waiters.isEmpty() && !idle.isEmpty()) {
                Idle i = idle.pop();
                session = i.session();
                idleSince = i.since();
                leased++;
            } else if (waiters.isEmpty() && total < poolOptions.maxSize()) {
                total++;
                leased++;
                session = null;
                idleSince = 0;
            } else {
                waiter = new Waiter();
                waiter.grant.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                waiters.add(waiter);
                session = null;
                idleSince = 0;
            }
        }
        closeAll(expired);
        if (waiter != null) {
            Grant g = await(waiter);
            session = g.session();
            idleSince = g.idleSince();
        }
        if (session != null && !usable(session, idleSince)) {
            // Its place is ours: open a replacement in it.
            session.close();
            session = null;
        }
        if (session == null) {
            session = open();
        }
        return MySqlConnection.lease(session, releaser);
    }

    /**
     * Waits for a grant. The grant future itself times out ({@link CompletableFuture#orTimeout}), so a grant
     * and a timeout cannot both happen: whoever completes the future first wins, and a releaser that loses
     * passes its session to the next waiter.
     */
    @Suspendable
    private Grant await(Waiter waiter) throws SQLException {
        try {
            return Coroutines.await(waiter.grant);
        } catch (TimeoutException e) {
            synchronized (lock) {
                waiters.remove(waiter);
            }
            Stats s = stats();
            throw new SQLTransientConnectionException("no MySQL connection came free within "
                    + poolOptions.acquireTimeout().toMillis() + " ms: all " + s.total() + " are in use and "
                    + s.waiting() + " coroutines wait; raise maxSize or acquireTimeout, or hold connections shorter",
                    "08001");
        } catch (CancellationException e) {
            if (waiter.grant.completeExceptionally(e)) {
                synchronized (lock) {
                    waiters.remove(waiter);
                }
            } else {
                giveBackGrant(waiter.grant.getNow(null));
            }
            throw e;
        } catch (SQLException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("unexpected failure while waiting for a connection", e);
        }
    }

    /** A grant whose waiter was cancelled meanwhile: pass it on. */
    @Suspendable
    private void giveBackGrant(Grant granted) {
        if (granted == null) {
            return;
        }
        synchronized (lock) {
            leased--;
            if (granted.session() == null) {
                total--;
            }
        }
        if (granted.session() == null) {
            grantPermitIfWaiting();
        } else {
            offer(granted.session(), granted.idleSince());
        }
    }

    /** Opens a session in a slot already counted in total and leased. */
    @Suspendable
    private Session open() throws IOException, SQLException {
        try {
            return Session.open(options);
        } catch (Throwable t) {
            synchronized (lock) {
                total--;
                leased--;
            }
            grantPermitIfWaiting();
            throw t;
        }
    }

    /** Whether an idle session may be handed out: open, and answering a ping if it idled long. */
    @Suspendable
    private boolean usable(Session session, long idleSince) {
        if (!session.isOpen()) {
            return false;
        }
        if (System.nanoTime() - idleSince < poolOptions.validationInterval().toNanos()) {
            return true;
        }
        try {
            session.ping();
            return true;
        } catch (IOException | SQLException e) {
            return false;
        }
    }

    /**
     * Takes a session back: drains an unread result, rolls back an open transaction, restores the query
     * timeout, then hands it to the first waiter or keeps it idle. A session that fails any of this, or a
     * broken one, is closed and its place given to a waiter.
     */
    @Suspendable
    private void release(Session session) {
        boolean healthy = session.isOpen();
        if (healthy) {
            try {
                session.closeOpenCursor();
                if (session.inTransaction()) {
                    session.query("ROLLBACK").close();
                }
                session.queryTimeout(options.queryTimeout());
            } catch (IOException | SQLException | RuntimeException e) {
                healthy = false;
            }
        }
        boolean discard = !healthy;
        List<Session> expired;
        synchronized (lock) {
            leased--;
            discard |= closed;
            if (discard) {
                total--;
            }
            expired = takeExpired(System.nanoTime());
        }
        if (discard) {
            session.close();
            grantPermitIfWaiting();
        } else {
            offer(session, System.nanoTime());
        }
        closeAll(expired);
    }

    /**
     * Gives a healthy session to the first waiter still waiting, or keeps it idle. Called without the lock:
     * completing a waiter's future resumes its coroutine, which may wake another loop's selector (a system
     * call that must not be made while every other loop waits for the lock). A waiter whose future already
     * timed out refuses the grant, and the next one is tried.
     */
    @Suspendable
    private void offer(Session session, long idleSince) {
        Grant grant = new Grant(session, idleSince);
        while (true) {
            Waiter w;
            synchronized (lock) {
                if (closed) {
                    total--;
                    w = null;
                } else {
                    w = waiters.poll();
                    if (w == null) {
                        idle.push(new Idle(session, idleSince));
                        return;
                    }
                    leased++;
                }
            }
            if (w == null) {
                session.close();
                return;
            }
            if (w.grant.complete(grant)) {
                return;
            }
            synchronized (lock) {
                leased--;
            }
        }
    }

    /**
     * A place came free (already taken off {@code total}): the first waiter still waiting may open a session
     * in it. Called without the lock, like {@link #offer}.
     */
    private void grantPermitIfWaiting() {
        Grant permit = new Grant(null, 0);
        while (true) {
            Waiter w;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                w = waiters.poll();
                if (w == null) {
                    return;
                }
                total++;
                leased++;
            }
            if (w.grant.complete(permit)) {
                return;
            }
            synchronized (lock) {
                total--;
                leased--;
            }
        }
    }

    /** Removes the sessions idle past the idle timeout (the oldest are at the tail). Holds the lock. */
    private List<Session> takeExpired(long now) {
        List<Session> expired = null;
        long limit = poolOptions.idleTimeout().toNanos();
        while (!idle.isEmpty() && now - idle.peekLast().since() > limit) {
            if (expired == null) {
                expired = new ArrayList<>();
            }
            expired.add(idle.pollLast().session());
            total--;
        }
        return expired == null ? List.of() : expired;
    }

    @Suspendable
    private static void closeAll(List<Session> sessions) {
        for (int i = 0; i < sessions.size(); i++) {
            sessions.get(i).close();
        }
    }

    private static SQLNonTransientConnectionException closedException() {
        return new SQLNonTransientConnectionException("the MySQL pool is closed", "08003");
    }

    /**
     * Borrows a connection, runs {@code body} with it, and gives it back, whatever happens.
     *
     * @param body the work
     * @param <T> what it returns
     * @return what {@code body} returned
     * @throws SQLTransientConnectionException if no connection came free in time
     * @throws SQLException what the body or the server threw
     * @throws IOException if the connection failed
     */
    @Suspendable
    public <T> T withConnection(ConnectionFunction<T> body) throws IOException, SQLException {
        MySqlConnection conn = acquire();
        try {
            return body.apply(conn);
        } finally {
            conn.close();
        }
    }

    /**
     * Borrows a connection and runs {@code body} in a transaction on it: committed if it returns, rolled
     * back if it throws (see {@link MySqlConnection#transaction}).
     *
     * @param body the work
     * @param <T> what it returns
     * @return what {@code body} returned, once committed
     * @throws SQLTransientConnectionException if no connection came free in time
     * @throws SQLException what the body or the server threw
     * @throws IOException if the connection failed
     */
    @Suspendable
    public <T> T transaction(ConnectionFunction<T> body) throws IOException, SQLException {
        return withConnection(conn -> conn.transaction(body));
    }

    /**
     * Runs a query on a borrowed connection and returns all its rows.
     *
     * @param sql the statement
     * @param parameters values for its placeholders
     * @return the rows
     * @throws SQLException if the server fails the statement or no connection came free in time
     * @throws IOException if the connection failed
     */
    @Suspendable
    public List<Row> list(String sql, Object... parameters) throws IOException, SQLException {
        return withConnection(conn -> conn.query(sql, parameters).list());
    }

    /**
     * Runs a statement on a borrowed connection for its effect.
     *
     * @param sql the statement
     * @param parameters values for its placeholders
     * @return affected rows, last insert id, warnings
     * @throws SQLException if the server fails the statement or no connection came free in time
     * @throws IOException if the connection failed
     */
    @Suspendable
    public QueryResult execute(String sql, Object... parameters) throws IOException, SQLException {
        return withConnection(conn -> conn.execute(sql, parameters));
    }

    /**
     * The pool's counts now.
     *
     * @return total, idle, leased and waiting
     */
    public Stats stats() {
        synchronized (lock) {
            return new Stats(total, idle.size(), leased, waiters.size());
        }
    }

    /**
     * Closes the pool: idle connections now, borrowed ones as they come back; waiting coroutines fail with
     * {@link SQLNonTransientConnectionException}. Calling it again does nothing.
     */
    @Override
    @Suspendable
    public void close() {
        List<Session> toClose = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            while (!idle.isEmpty()) {
                toClose.add(idle.pop().session());
                total--;
            }
            Waiter w;
            while ((w = waiters.poll()) != null) {
                w.grant.completeExceptionally(closedException());
            }
        }
        closeAll(toClose);
    }

    @Override
    public String toString() {
        return "MySqlPool[" + options + ", " + stats() + "]";
    }
}
