package dev.jcoro.mysql;

/**
 * The type of a result column as the server describes it, named as in SQL. {@code TEXT} columns arrive as
 * the {@code BLOB} types with a character set, and {@code BOOLEAN} as {@code TINYINT}.
 */
public enum ColumnType {
    /** {@code DECIMAL}/{@code NUMERIC}: {@link java.math.BigDecimal}. */
    DECIMAL(246),
    /** {@code TINYINT}: {@link Integer}. */
    TINYINT(1),
    /** {@code SMALLINT}: {@link Integer}. */
    SMALLINT(2),
    /** {@code INT}: {@link Integer}, or {@link Long} if unsigned. */
    INT(3),
    /** {@code FLOAT}: {@link Float}. */
    FLOAT(4),
    /** {@code DOUBLE}: {@link Double}. */
    DOUBLE(5),
    /** The type of a {@code NULL} literal. */
    NULL(6),
    /** {@code TIMESTAMP}: {@link java.time.LocalDateTime} in the session's time zone. */
    TIMESTAMP(7),
    /** {@code BIGINT}: {@link Long}, or {@link java.math.BigInteger} if unsigned. */
    BIGINT(8),
    /** {@code MEDIUMINT}: {@link Integer}. */
    MEDIUMINT(9),
    /** {@code DATE}: {@link java.time.LocalDate}. */
    DATE(10),
    /** {@code TIME}: {@link java.time.Duration}, since it may be negative or exceed a day. */
    TIME(11),
    /** {@code DATETIME}: {@link java.time.LocalDateTime}. */
    DATETIME(12),
    /** {@code YEAR}: {@link Integer}. */
    YEAR(13),
    /** {@code VARCHAR} as some servers describe it. */
    VARCHAR(15),
    /** {@code BIT(n)}: {@link Boolean} for {@code BIT(1)}, else {@code byte[]}. */
    BIT(16),
    /** MySQL's {@code JSON}: {@link String}. (MariaDB's JSON is {@code LONGTEXT}.) */
    JSON(245),
    /** {@code ENUM}: {@link String}. */
    ENUM(247),
    /** {@code SET}: {@link String}. */
    SET(248),
    /** {@code TINYBLOB}/{@code TINYTEXT}. */
    TINYBLOB(249),
    /** {@code MEDIUMBLOB}/{@code MEDIUMTEXT}. */
    MEDIUMBLOB(250),
    /** {@code LONGBLOB}/{@code LONGTEXT}. */
    LONGBLOB(251),
    /** {@code BLOB}/{@code TEXT}: {@code byte[]} for binary, {@link String} for text. */
    BLOB(252),
    /** {@code VARCHAR}/{@code VARBINARY}: {@link String}, or {@code byte[]} if binary. */
    VAR_STRING(253),
    /** {@code CHAR}/{@code BINARY}: {@link String}, or {@code byte[]} if binary. */
    STRING(254),
    /** Spatial types: {@code byte[]} (the server's internal format). */
    GEOMETRY(255);

    private static final ColumnType[] BY_ID = new ColumnType[256];

    static {
        for (ColumnType t : values()) {
            BY_ID[t.id] = t;
        }
        BY_ID[0] = DECIMAL;        // the pre-5.0 DECIMAL
        BY_ID[14] = DATE;          // NEWDATE, internal
        BY_ID[17] = TIMESTAMP;     // TIMESTAMP2, internal
        BY_ID[18] = DATETIME;      // DATETIME2, internal
        BY_ID[19] = TIME;          // TIME2, internal
    }

    private final int id;

    ColumnType(int id) {
        this.id = id;
    }

    /**
     * The protocol's number for this type.
     *
     * @return the type id sent on the wire
     */
    public int id() {
        return id;
    }

    /**
     * The type with protocol number {@code id}.
     *
     * @param id the type byte of a column definition
     * @return the type, or null if the protocol defines none with that number
     */
    public static ColumnType of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
