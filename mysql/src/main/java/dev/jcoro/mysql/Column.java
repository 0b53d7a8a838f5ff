package dev.jcoro.mysql;

/**
 * One column of a result, as the server describes it.
 *
 * @param name the column's name in the result (its alias if the query gave one)
 * @param table the table's name in the query (its alias), empty for an expression
 * @param schema the database of the table, empty for an expression
 * @param type the column's type
 * @param flags the server's column flags ({@link #unsigned()}, {@link #nullable()} read them)
 * @param charset the collation id of the column's text; 63 for binary data
 * @param length the column's maximum length in bytes
 * @param decimals the digits after the point (DECIMAL, FLOAT, DOUBLE) or of the fraction of a second
 *     (DATETIME, TIMESTAMP, TIME)
 */
public record Column(String name, String table, String schema, ColumnType type, int flags, int charset,
        long length, int decimals) {
    private static final int NOT_NULL_FLAG = 1;
    private static final int UNSIGNED_FLAG = 32;
    /** The collation id of binary data. */
    static final int BINARY_CHARSET = 63;

    /**
     * Whether the column is an unsigned integer.
     *
     * @return true for {@code UNSIGNED}
     */
    public boolean unsigned() {
        return (flags & UNSIGNED_FLAG) != 0;
    }

    /**
     * Whether the column may hold {@code NULL}.
     *
     * @return false for a {@code NOT NULL} column
     */
    public boolean nullable() {
        return (flags & NOT_NULL_FLAG) == 0;
    }

    /**
     * Whether the column holds bytes rather than text (BLOB, BINARY, VARBINARY, BIT, GEOMETRY).
     *
     * @return true for binary data
     */
    public boolean binary() {
        switch (type) {
            case BIT:
            case GEOMETRY:
                return true;
            case VARCHAR:
            case VAR_STRING:
            case STRING:
            case TINYBLOB:
            case BLOB:
            case MEDIUMBLOB:
            case LONGBLOB:
                return charset == BINARY_CHARSET;
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return "`" + name + "` " + type + (unsigned() ? " UNSIGNED" : "") + (binary() ? " (binary)" : "");
    }
}
