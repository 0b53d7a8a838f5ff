package dev.jcoro.mysql.internal;

import dev.jcoro.Suspendable;
import dev.jcoro.mysql.Column;
import dev.jcoro.mysql.PreparedStatement;
import dev.jcoro.mysql.QueryResult;
import dev.jcoro.mysql.RowCursor;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/** A statement prepared on the server, by id; owned by the user or by the session's cache. */
public final class ServerStatement implements PreparedStatement {
    private final Session session;
    private final String sql;
    private final int id;
    private final int parameterCount;
    private final ColumnSet columns;
    /** The columns of the last execution's result, reused while the server describes them the same way. */
    private ColumnSet resultColumns;
    private final boolean cached;
    private boolean closed;
    private boolean closeAfterNextExecution;

    ServerStatement(Session session, String sql, int id, int parameterCount, ColumnSet columns, boolean cached) {
        this.session = session;
        this.sql = sql;
        this.id = id;
        this.parameterCount = parameterCount;
        this.columns = columns;
        this.resultColumns = columns;
        this.cached = cached;
    }

    ColumnSet resultColumns() {
        return resultColumns;
    }

    void resultColumns(ColumnSet columns) {
        resultColumns = columns;
    }

    int id() {
        return id;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public List<Column> columns() {
        return columns.list();
    }

    @Override
    @Suspendable
    public RowCursor query(Object... parameters) throws IOException, SQLException {
        Object[] values = parameters == null ? new Object[] {null} : parameters;
        if (closed) {
            throw new IllegalStateException("the prepared statement is closed: " + sql);
        }
        if (values.length != parameterCount) {
            throw new IllegalArgumentException("the statement has " + parameterCount + " placeholders but "
                    + values.length + " parameters were given: " + sql);
        }
        try {
            return session.execute(this, values);
        } finally {
            if (closeAfterNextExecution) {
                close();
            }
        }
    }

    @Override
    @Suspendable
    public QueryResult execute(Object... parameters) throws IOException, SQLException {
        RowCursor cursor = query(parameters);
        cursor.close();
        return cursor.result();
    }

    /** Frees the statement on the server unless the cache owns it (the cache frees it when it evicts it). */
    @Override
    @Suspendable
    public void close() throws IOException {
        if (!cached) {
            free();
        }
    }

    /** Called by the session when the cache drops this statement. */
    @Suspendable
    void evict() throws IOException {
        free();
    }

    /** A statement prepared for one execution, with the cache off. */
    void closeAfterNextExecution() {
        closeAfterNextExecution = true;
    }

    @Suspendable
    private void free() throws IOException {
        if (!closed && session.isOpen()) {
            closed = true;
            session.closeStatement(id);
        }
        closed = true;
    }

    @Override
    public String toString() {
        return "PreparedStatement[" + id + ": " + sql + "]";
    }
}
