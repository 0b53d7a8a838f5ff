package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.Column;
import dev.jcoro.mysql.MySqlProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of one result, shared by all its rows, with the name lookup built on first use.
 */
public final class ColumnSet {
    private final Column[] columns;
    private final List<Column> list;
    /** Lower-cased name to first index; built lazily (a benign race may build it twice). */
    private Map<String, Integer> byName;

    ColumnSet(Column[] columns) {
        this.columns = columns;
        this.list = List.of(columns);
    }

    /** The number of columns. */
    public int size() {
        return columns.length;
    }

    /** Column {@code i}. */
    public Column get(int i) {
        return columns[i];
    }

    /** All columns, unmodifiable. */
    public List<Column> list() {
        return list;
    }

    /**
     * The first column called {@code name}, ignoring case.
     *
     * @throws IllegalArgumentException if there is none
     */
    public int indexOf(String name) {
        Map<String, Integer> map = byName;
        if (map == null) {
            map = new HashMap<>();
            for (int i = columns.length - 1; i >= 0; i--) {
                map.put(columns[i].name().toLowerCase(Locale.ROOT), i);
            }
            byName = map;
        }
        Integer i = map.get(name.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new IllegalArgumentException("no column named '" + name + "' in this result; its columns are "
                    + Arrays.toString(Arrays.stream(columns).map(Column::name).toArray()));
        }
        return i;
    }

    /**
     * Parses one column definition packet (ColumnDefinition41).
     *
     * @param p the packet
     * @return the column
     * @throws MySqlProtocolException if it is malformed or names an unknown type
     */
    public static Column parse(Payload p) throws MySqlProtocolException {
        p.expect("column definition");
        p.skipLenenc("catalog");
        String schema = p.lenencString(StandardCharsets.UTF_8, "schema");
        String table = p.lenencString(StandardCharsets.UTF_8, "table");
        p.skipLenenc("original table");
        String name = p.lenencString(StandardCharsets.UTF_8, "name");
        p.skipLenenc("original name");
        p.lenencInt("length of fixed fields");
        int charset = p.int2("character set");
        long length = p.int4("column length") & 0xFFFFFFFFL;
        int typeId = p.int1("column type");
        int flags = p.int2("column flags");
        int decimals = p.int1("decimals");
        dev.jcoro.mysql.ColumnType type = dev.jcoro.mysql.ColumnType.of(typeId);
        if (type == null) {
            throw p.malformed("unknown column type " + typeId, "column type");
        }
        return new Column(name, table, schema, type, flags, charset, length, decimals);
    }

    /**
     * Tells whether a column definition packet describes {@code column} as far as decoding values goes
     * (type, flags, character set, scale), without building its strings. Names are not compared: they
     * cannot change between executions of one prepared statement, while the types of expressions over
     * parameters can.
     *
     * @param p the packet; its position is left where it was
     * @param column a column parsed before
     * @return true if the column decodes the same way
     * @throws MySqlProtocolException if the packet is malformed
     */
    public static boolean describes(Payload p, Column column) throws MySqlProtocolException {
        p.expect("column definition");
        int start = p.offset();
        for (int i = 0; i < 6; i++) {
            p.skipLenenc("name fields");
        }
        p.lenencInt("length of fixed fields");
        int charset = p.int2("character set");
        p.skip(4, "column length");
        int typeId = p.int1("column type");
        int flags = p.int2("column flags");
        int decimals = p.int1("decimals");
        p.offset(start);
        return dev.jcoro.mysql.ColumnType.of(typeId) == column.type() && flags == column.flags()
                && charset == column.charset() && decimals == column.decimals();
    }

    /** Wraps parsed columns. */
    public static ColumnSet of(Column[] columns) {
        return new ColumnSet(columns);
    }
}
