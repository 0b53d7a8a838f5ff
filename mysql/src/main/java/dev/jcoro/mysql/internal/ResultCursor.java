package dev.jcoro.mysql.internal;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import dev.jcoro.mysql.Column;
import dev.jcoro.mysql.QueryResult;
import dev.jcoro.mysql.Row;
import dev.jcoro.mysql.RowCursor;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The cursor over one statement's rows; each {@link #next()} reads one row packet from the session. */
public final class ResultCursor implements RowCursor {
    private static final ColumnSet NO_COLUMNS = ColumnSet.of(new Column[0]);
    /**
     * Rows between two yields. Rows already buffered are read without waiting, so a large result would
     * otherwise hold the loop from its other coroutines for as long as the buffer lasts.
     */
    private static final int YIELD_EVERY = 4096;

    private final Session session;
    private final String sql;
    private final ColumnSet columns;
    private final boolean binary;
    private Row current;
    private boolean done;
    private QueryResult result;
    private long rowsRead;

    ResultCursor(Session session, String sql, ColumnSet columns, boolean binary) {
        this.session = session;
        this.sql = sql;
        this.columns = columns;
        this.binary = binary;
    }

    /** A cursor for a statement that returned no rows. */
    static ResultCursor finished(String sql, QueryResult result) {
        ResultCursor c = new ResultCursor(null, sql, NO_COLUMNS, false);
        c.finish(result);
        return c;
    }

    String sql() {
        return sql;
    }

    boolean binary() {
        return binary;
    }

    ColumnSet columnSet() {
        return columns;
    }

    void finish(QueryResult result) {
        this.result = result;
        this.done = true;
        this.current = null;
    }

    void fail() {
        done = true;
        current = null;
    }

    @Override
    public List<Column> columns() {
        return columns.list();
    }

    @Override
    @Suspendable
    public boolean next() throws IOException, SQLException {
        if (done) {
            current = null;
            return false;
        }
        if (++rowsRead % YIELD_EVERY == 0) {
            Coroutines.yieldNow();
        }
        current = session.nextRow(this);
        return current != null;
    }

    @Override
    public Row row() {
        if (current == null) {
            throw new IllegalStateException(done ? "the cursor is past its last row" : "call next() before row()");
        }
        return current;
    }

    @Override
    @Suspendable
    public List<Row> list() throws IOException, SQLException {
        List<Row> rows = new ArrayList<>();
        while (next()) {
            rows.add(current);
        }
        return rows;
    }

    @Override
    public QueryResult result() {
        if (result == null) {
            throw new IllegalStateException("the cursor has not reached the end of the result");
        }
        return result;
    }

    @Override
    @Suspendable
    public void close() throws IOException, SQLException {
        while (!done) {
            next();
        }
    }

    @Override
    public String toString() {
        return "RowCursor[" + columns.size() + " columns, " + (done ? "done" : "open") + ": " + sql + "]";
    }
}
