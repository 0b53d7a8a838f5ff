package dev.jcoro.mysql.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.Column;
import dev.jcoro.mysql.MySqlConnectOptions;
import dev.jcoro.mysql.MySqlException;
import dev.jcoro.mysql.MySqlProtocolException;
import dev.jcoro.mysql.MySqlTimeoutException;
import dev.jcoro.mysql.QueryResult;
import dev.jcoro.net.TcpSocket;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One logged-in connection and its command state: which command runs, the server's status flags, the
 * statement cache, the query deadline and what happens when it passes. Commands run one at a time; a
 * result being read keeps the session busy until its last packet.
 *
 * <p>Failure policy, in one place ({@link #abort}): an ERR packet ends the command and leaves the session
 * usable; anything else (I/O error, protocol violation, cancellation) leaves the protocol state unknown, so
 * the socket is closed and the session is dead.
 */
public final class Session implements PacketChannel.DeadlineHandler {
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;
    /** How long the server may take to end a statement after {@code KILL QUERY}. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final MySqlConnectOptions options;
    private final PacketChannel channel;
    private final ServerGreeting greeting;
    private final int capabilities;
    private final StatementCache cache;
    private int status;
    private Duration queryTimeout;
    private long commandStart;
    /** Whether the running command has a deadline, which must be cleared when it ends. */
    private boolean deadlineSet;
    /** True once {@code KILL QUERY} went out for the running command. */
    private boolean killed;
    private String runningSql;
    private ResultCursor openCursor;
    private int[] pendingCloses = new int[4];
    private int pendingCloseCount;
    private volatile Throwable closedBy;

    private Session(MySqlConnectOptions options, PacketChannel channel, Login.Result login) {
        this.options = options;
        this.channel = channel;
        this.greeting = login.greeting();
        this.capabilities = login.capabilities();
        this.status = login.status();
        this.queryTimeout = options.queryTimeout();
        this.cache = new StatementCache(options.preparedStatementCacheSize());
        channel.deadlineHandler(this);
    }

    /**
     * Connects and logs in, within the options' connect timeout.
     *
     * @param options where and as whom
     * @return the session, idle
     * @throws SQLException if the server refuses the login
     * @throws IOException if connecting fails or times out
     */
    @Suspendable
    public static Session open(MySqlConnectOptions options) throws IOException, SQLException {
        Duration timeout = options.connectTimeout();
        long deadline = timeout.isZero() ? 0 : System.nanoTime() + timeout.toNanos();
        TcpSocket socket = TcpSocket.connect(options.address(), timeout);
        try {
            PacketChannel channel = new PacketChannel(socket, options.maxPacketSize());
            channel.deadline(deadline);
            Login.Result login = Login.perform(channel, options);
            channel.deadline(0);
            return new Session(options, channel, login);
        } catch (SocketTimeoutException e) {
            socket.close();
            SocketTimeoutException t = new SocketTimeoutException("logging in to " + options.host() + ":"
                    + options.port() + " took longer than the connect timeout of " + timeout.toMillis() + " ms");
            t.initCause(e);
            throw t;
        } catch (Throwable t) {
            socket.close();
            throw t;
        }
    }

    // ---- facts ----

    /** The server's id of this session ({@code CONNECTION_ID()}). */
    public long connectionId() {
        return greeting.connectionId();
    }

    /** The server's version. */
    public String serverVersion() {
        return greeting.serverVersion();
    }

    /** Whether a transaction is open, per the last status flags. */
    public boolean inTransaction() {
        return (status & ServerStatus.IN_TRANS) != 0;
    }

    /** Whether the session can still run commands. */
    public boolean isOpen() {
        return state.get() != CLOSED;
    }

    /** Whether a command or an unfinished result holds the session. */
    public boolean isBusy() {
        return state.get() == BUSY;
    }

    /** The limit on each statement; zero for none. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /** Sets the limit on each statement; zero for none. */
    public void queryTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative query timeout: " + timeout);
        }
        this.queryTimeout = timeout;
    }

    /** The options this session was opened with. */
    public MySqlConnectOptions options() {
        return options;
    }

    private boolean deprecateEof() {
        return (capabilities & Capabilities.DEPRECATE_EOF) != 0;
    }

    // ---- commands ----

    /**
     * Runs a statement in the text protocol (COM_QUERY).
     *
     * @param sql the statement
     * @return a cursor over its rows (already at its end for a statement without rows)
     */
    @Suspendable
    public ResultCursor query(String sql) throws IOException, SQLException {
        begin(sql).int1(Command.QUERY).string(sql, StandardCharsets.UTF_8);
        try {
            channel.send();
            return readResult(sql, null);
        } catch (Throwable t) {
            throw abort(t);
        }
    }

    /**
     * Prepares a statement (COM_STMT_PREPARE).
     *
     * @param sql the statement with {@code ?} placeholders
     * @param cached whether the statement cache owns it
     * @return the prepared statement
     */
    @Suspendable
    public ServerStatement prepare(String sql, boolean cached) throws IOException, SQLException {
        begin(sql).int1(Command.STMT_PREPARE).string(sql, StandardCharsets.UTF_8);
        try {
            channel.send();
            Payload p = channel.read("prepare response");
            if (p.header() == ErrPacket.HEADER) {
                throw ErrPacket.parse(p, sql);
            }
            p.expect("prepare response");
            if (p.int1("status") != 0) {
                throw p.malformed("status is not 0x00", "status");
            }
            int id = p.int4("statement id");
            int columnCount = p.int2("column count");
            int paramCount = p.int2("parameter count");
            for (int i = 0; i < paramCount; i++) {
                channel.read("parameter definition");
            }
            if (paramCount > 0 && !deprecateEof()) {
                readEof();
            }
            Column[] columns = new Column[columnCount];
            for (int i = 0; i < columnCount; i++) {
                columns[i] = ColumnSet.parse(channel.read("column definition"));
            }
            if (columnCount > 0 && !deprecateEof()) {
                readEof();
            }
            end();
            return new ServerStatement(this, sql, id, paramCount, ColumnSet.of(columns), cached);
        } catch (Throwable t) {
            throw abort(t);
        }
    }

    /**
     * The cached prepared statement for {@code sql}, preparing it on a miss. With the cache off, a new
     * statement that is freed once this execution is sent.
     */
    @Suspendable
    public ServerStatement cachedStatement(String sql) throws IOException, SQLException {
        ServerStatement s = cache.get(sql);
        if (s != null) {
            return s;
        }
        if (!cache.enabled()) {
            ServerStatement once = prepare(sql, false);
            once.closeAfterNextExecution();
            return once;
        }
        s = prepare(sql, true);
        ServerStatement evicted = cache.put(sql, s);
        if (evicted != null) {
            evicted.evict();
        }
        return s;
    }

    /**
     * Executes a prepared statement (COM_STMT_EXECUTE) with its parameters.
     *
     * @return a cursor over its rows, decoded from the binary protocol
     */
    @Suspendable
    ResultCursor execute(ServerStatement statement, Object[] parameters) throws IOException, SQLException {
        PacketBuilder out = begin(statement.sql());
        try {
            out.int1(Command.STMT_EXECUTE).int4(statement.id()).int1(0).int4(1);
            Parameters.write(out, parameters);
        } catch (RuntimeException e) {
            end();
            throw e;
        }
        try {
            channel.send();
            return readResult(statement.sql(), statement);
        } catch (Throwable t) {
            throw abort(t);
        }
    }

    /**
     * Frees a prepared statement on the server: now if the session is idle, else before its next command.
     */
    @Suspendable
    void closeStatement(int id) throws IOException {
        if (pendingCloseCount == pendingCloses.length) {
            pendingCloses = Arrays.copyOf(pendingCloses, pendingCloseCount * 2);
        }
        pendingCloses[pendingCloseCount++] = id;
        if (state.compareAndSet(IDLE, BUSY)) {
            try {
                flushCloses();
                state.compareAndSet(BUSY, IDLE);
            } catch (Throwable t) {
                close(t);
                throw t;
            }
        }
    }

    /** Checks that the server answers (COM_PING). */
    @Suspendable
    public void ping() throws IOException, SQLException {
        begin(null).int1(Command.PING);
        try {
            channel.send();
            Payload p = channel.read("ping reply");
            if (p.header() == ErrPacket.HEADER) {
                throw ErrPacket.parse(p, null);
            }
            status = OkPacket.parse(p).status();
            end();
        } catch (Throwable t) {
            throw abort(t);
        }
    }

    /** Reads and discards what is left of an unfinished result, freeing the session. */
    @Suspendable
    public void closeOpenCursor() throws IOException, SQLException {
        ResultCursor c = openCursor;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Ends the session: COM_QUIT if idle, then closes the socket. Calling it again does nothing.
     */
    @Suspendable
    public void close() {
        if (state.compareAndSet(IDLE, BUSY)) {
            try {
                channel.resetSequence();
                channel.begin().int1(Command.QUIT);
                channel.send();
            } catch (IOException | RuntimeException e) {
                // The server may already be gone; closing the socket is all that is left to do.
            }
        }
        close(null);
    }

    /** Closes the socket at once, from any thread; the reason is kept for later callers' messages. */
    public void close(Throwable reason) {
        if (state.getAndSet(CLOSED) != CLOSED) {
            closedBy = reason;
            try {
                channel.socket().close();
            } catch (IOException ignored) {
                // Nothing more can be done for a socket that fails to close.
            }
        }
    }

    // ---- command framing ----

    /** Claims the session for a command, sends queued statement closes, starts the packet. */
    @Suspendable
    private PacketBuilder begin(String sql) throws IOException {
        if (!state.compareAndSet(IDLE, BUSY)) {
            if (state.get() == CLOSED) {
                throw new IOException("the connection is closed" + (closedBy == null ? "" : " (after: " + closedBy + ")"),
                        closedBy);
            }
            throw new IllegalStateException(openCursor != null
                    ? "the connection is still reading the rows of '" + openCursor.sql() + "': read the RowCursor to "
                            + "its end or close it before the next statement"
                    : "the connection is running another statement: a connection serves one coroutine at a time;"
                            + " share a MySqlPool instead");
        }
        try {
            flushCloses();
        } catch (Throwable t) {
            close(t);
            throw t;
        }
        killed = false;
        runningSql = sql;
        channel.resetSequence();
        if (!queryTimeout.isZero()) {
            commandStart = System.nanoTime();
            channel.deadline(commandStart + queryTimeout.toNanos());
            deadlineSet = true;
        }
        return channel.begin();
    }

    @Suspendable
    private void flushCloses() throws IOException {
        for (int i = 0; i < pendingCloseCount; i++) {
            channel.resetSequence();
            channel.begin().int1(Command.STMT_CLOSE).int4(pendingCloses[i]);
            channel.send();
        }
        pendingCloseCount = 0;
    }

    /** Ends the command normally; throws the timeout if {@code KILL QUERY} went out meanwhile. */
    private void end() throws MySqlTimeoutException {
        openCursor = null;
        if (deadlineSet) {
            channel.deadline(0);
            deadlineSet = false;
        }
        String sql = runningSql;
        runningSql = null;
        state.compareAndSet(BUSY, IDLE);
        if (killed) {
            killed = false;
            throw timeout(sql, "the statement completed before the kill reached it; its effects stand", null);
        }
    }

    /**
     * Applies the failure policy and returns nothing: it always throws. A server error ends the command
     * (the session stays usable); anything else closes the session.
     */
    private RuntimeException abort(Throwable t) throws IOException, SQLException {
        if (t instanceof MySqlTimeoutException) {
            // Thrown by end(): the command is over and the session usable.
            throw (MySqlTimeoutException) t;
        }
        if (t instanceof MySqlException) {
            boolean wasKilled = killed;
            String sql = runningSql;
            killed = false;
            end();
            if (wasKilled) {
                throw timeout(sql, "the server stopped it", (MySqlException) t);
            }
            throw (MySqlException) t;
        }
        boolean wasKilled = killed;
        close(t);
        if (wasKilled && t instanceof IOException) {
            throw timeout(runningSql, "the connection was closed because " + t.getMessage(), t);
        }
        if (t instanceof IOException) {
            throw (IOException) t;
        } else if (t instanceof SQLException) {
            throw (SQLException) t;
        } else if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        } else if (t instanceof Error) {
            throw (Error) t;
        }
        throw new IllegalStateException(t);
    }

    private MySqlTimeoutException timeout(String sql, String outcome, Throwable cause) {
        long ran = (System.nanoTime() - commandStart) / 1_000_000;
        String quoted = sql == null ? "" : ": " + (sql.length() > 200 ? sql.substring(0, 200) + "..." : sql);
        MySqlTimeoutException e = new MySqlTimeoutException("the statement exceeded its query timeout of "
                + queryTimeout.toMillis() + " ms (ran " + ran + " ms); KILL QUERY " + connectionId()
                + " was sent on a second connection and " + outcome + quoted);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * The query deadline passed while waiting for the server: send {@code KILL QUERY} on a second connection
     * and give the server a grace period to end the statement, reading on as before.
     */
    @Override
    @Suspendable
    public long deadlinePassed() throws IOException {
        if (killed) {
            throw new SocketTimeoutException("the server did not end the statement within " + KILL_GRACE.toSeconds()
                    + " s of KILL QUERY " + connectionId());
        }
        killed = true;
        MySqlConnectOptions killerOptions = options.toBuilder().database(null).queryTimeout(Duration.ZERO)
                .preparedStatementCacheSize(0).build();
        try {
            Session killer = open(killerOptions);
            try {
                killer.query("KILL QUERY " + connectionId()).close();
            } finally {
                killer.close();
            }
        } catch (SQLException e) {
            throw new IOException("KILL QUERY " + connectionId() + " failed: " + e.getMessage(), e);
        }
        return System.nanoTime() + KILL_GRACE.toNanos();
    }

    // ---- results ----

    /**
     * Reads the first packet of a statement's response, and the column definitions if rows follow.
     *
     * @param statement the prepared statement executed (binary rows), or null for a text query
     */
    @Suspendable
    private ResultCursor readResult(String sql, ServerStatement statement) throws IOException, SQLException {
        boolean binary = statement != null;
        Payload p = channel.read("statement response");
        int header = p.header();
        if (header == 0x00) {
            OkPacket ok = OkPacket.parse(p);
            status = ok.status();
            if ((ok.status() & ServerStatus.MORE_RESULTS_EXISTS) != 0) {
                ok = drainMoreResults(sql, binary);
            }
            end();
            return ResultCursor.finished(sql, new QueryResult(ok.affectedRows(), ok.lastInsertId(), ok.warnings()));
        }
        if (header == ErrPacket.HEADER) {
            throw ErrPacket.parse(p, sql);
        }
        if (header == 0xFB) {
            throw new MySqlProtocolException("the server asked for a LOCAL INFILE upload, which this client never"
                    + " offers (statement: " + sql + ")");
        }
        ColumnSet columns = readColumns(p, binary ? statement.resultColumns() : null);
        if (binary) {
            statement.resultColumns(columns);
        }
        ResultCursor cursor = new ResultCursor(this, sql, columns, binary);
        openCursor = cursor;
        return cursor;
    }

    /**
     * Reads the column definitions that follow a column count.
     *
     * @param known the columns of the statement's last result, reused (not parsed again) if every definition
     *     has the same type, flags, character set and scale; or null
     */
    @Suspendable
    private ColumnSet readColumns(Payload countPacket, ColumnSet known) throws IOException {
        long count = countPacket.expect("column count").lenencInt("column count");
        if (count <= 0 || count > 4096) {
            throw countPacket.malformed("column count " + count + " outside 1..4096", "column count");
        }
        Column[] columns = null;
        if (known == null || known.size() != count) {
            columns = new Column[(int) count];
        }
        for (int i = 0; i < count; i++) {
            Payload definition = channel.read("column definition");
            if (columns == null && !ColumnSet.describes(definition, known.get(i))) {
                columns = new Column[(int) count];
                for (int k = 0; k < i; k++) {
                    columns[k] = known.get(k);
                }
            }
            if (columns != null) {
                columns[i] = ColumnSet.parse(definition);
            }
        }
        if (!deprecateEof()) {
            readEof();
        }
        return columns == null ? known : ColumnSet.of(columns);
    }

    @Suspendable
    private void readEof() throws IOException {
        Payload p = channel.read("EOF packet");
        if (p.header() != 0xFE) {
            throw p.malformed("expected EOF packet header 0xFE, got 0x" + Integer.toHexString(p.header()), "header");
        }
        status = OkPacket.parseEof(p).status();
    }

    /**
     * Reads the next row of the open result.
     *
     * @return the row, or null at the end (the cursor then holds the result and the session is idle)
     */
    @Suspendable
    RawRow nextRow(ResultCursor cursor) throws IOException, SQLException {
        try {
            Payload p = channel.read(cursor.binary() ? "binary row" : "text row");
            int header = p.header();
            if (header == 0xFE && p.length() < PacketChannel.MAX_CHUNK) {
                OkPacket ok = deprecateEof() ? OkPacket.parse(p) : OkPacket.parseEof(p);
                status = ok.status();
                if ((ok.status() & ServerStatus.MORE_RESULTS_EXISTS) != 0) {
                    ok = drainMoreResults(cursor.sql(), cursor.binary());
                }
                cursor.finish(new QueryResult(ok.affectedRows(), ok.lastInsertId(), ok.warnings()));
                end();
                return null;
            }
            if (header == ErrPacket.HEADER) {
                throw ErrPacket.parse(p, cursor.sql());
            }
            return cursor.binary() ? BinaryRow.decode(cursor.columnSet(), p) : TextRow.decode(cursor.columnSet(), p);
        } catch (Throwable t) {
            cursor.fail();
            throw abort(t);
        }
    }

    /**
     * Reads the further results of a multi-result response (a stored procedure's), discarding their rows.
     *
     * @return the last OK
     */
    @Suspendable
    private OkPacket drainMoreResults(String sql, boolean binary) throws IOException, SQLException {
        OkPacket last;
        do {
            Payload p = channel.read("further result");
            if (p.header() == ErrPacket.HEADER) {
                throw ErrPacket.parse(p, sql);
            }
            if (p.header() == 0x00) {
                last = OkPacket.parse(p);
            } else {
                readColumns(p, null);
                while (true) {
                    Payload row = channel.read(binary ? "binary row" : "text row");
                    if (row.header() == ErrPacket.HEADER) {
                        throw ErrPacket.parse(row, sql);
                    }
                    if (row.header() == 0xFE && row.length() < PacketChannel.MAX_CHUNK) {
                        last = deprecateEof() ? OkPacket.parse(row) : OkPacket.parseEof(row);
                        break;
                    }
                }
            }
            status = last.status();
        } while ((last.status() & ServerStatus.MORE_RESULTS_EXISTS) != 0);
        return last;
    }
}
