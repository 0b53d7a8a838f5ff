package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.Column;
import dev.jcoro.mysql.ColumnType;
import dev.jcoro.mysql.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

/**
 * A row kept as the bytes the server sent (one copy of the packet) with each value's offset and length;
 * values are decoded when asked for. The conversions between types live here; {@link TextRow} and
 * {@link BinaryRow} decode the two protocols' encodings of each value.
 */
public abstract class RawRow implements Row {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    final ColumnSet columns;
    final byte[] data;
    /** Where each value starts in {@link #data}. */
    final int[] offsets;
    /** Each value's length in bytes, or -1 for NULL. */
    final int[] lengths;

    RawRow(ColumnSet columns, byte[] data, int[] offsets, int[] lengths) {
        this.columns = columns;
        this.data = data;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    // ---- what each protocol decodes; the value is known not to be NULL ----

    /** An integer column's value (TINYINT to BIGINT, YEAR); an unsigned BIGINT above 2^63 comes back negative. */
    abstract long integer(int i);

    /** A FLOAT or DOUBLE column's value. */
    abstract double floating(int i);

    /** A FLOAT column's value, without going through double. */
    abstract float floatValue(int i);

    /** A DECIMAL column's value. */
    abstract BigDecimal decimal(int i);

    /** A DATE, DATETIME or TIMESTAMP value (a DATE at midnight). */
    abstract LocalDateTime dateTime(int i);

    /** A TIME value. */
    abstract Duration time(int i);

    /** The value as MySQL writes it in text. */
    abstract String text(int i);

    // ---- Row ----

    @Override
    public int size() {
        return columns.size();
    }

    @Override
    public List<Column> columns() {
        return columns.list();
    }

    @Override
    public int indexOf(String name) {
        return columns.indexOf(name);
    }

    @Override
    public boolean isNull(int index) {
        return lengths[index] < 0;
    }

    private ColumnType type(int i) {
        return columns.get(i).type();
    }

    @Override
    public Object get(int i) {
        if (isNull(i)) {
            return null;
        }
        Column c = columns.get(i);
        switch (c.type()) {
            case TINYINT:
            case SMALLINT:
            case MEDIUMINT:
            case YEAR:
                return (int) integer(i);
            case INT:
                return c.unsigned() ? (Object) (integer(i) & 0xFFFFFFFFL) : (Object) (int) integer(i);
            case BIGINT:
                return c.unsigned() ? (Object) unsigned(integer(i)) : (Object) integer(i);
            case FLOAT:
                return floatValue(i);
            case DOUBLE:
                return floating(i);
            case DECIMAL:
                return decimal(i);
            case DATE:
                return dateTime(i).toLocalDate();
            case DATETIME:
            case TIMESTAMP:
                return dateTime(i);
            case TIME:
                return time(i);
            case BIT:
                return c.length() == 1 ? (Object) (bits(i) != 0) : (Object) raw(i);
            case NULL:
                return null;
            case GEOMETRY:
                return raw(i);
            case JSON:
            case ENUM:
            case SET:
                return text(i);
            default:
                return c.binary() ? (Object) raw(i) : (Object) text(i);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(int i, Class<T> type) {
        if (isNull(i)) {
            return null;
        }
        Object v;
        if (type == Object.class) {
            v = get(i);
        } else if (type == String.class) {
            v = getString(i);
        } else if (type == Long.class || type == long.class) {
            v = getLong(i);
        } else if (type == Integer.class || type == int.class) {
            v = getInteger(i);
        } else if (type == Short.class || type == short.class) {
            v = (short) narrow(i, Short.MIN_VALUE, Short.MAX_VALUE, "Short");
        } else if (type == Byte.class || type == byte.class) {
            v = (byte) narrow(i, Byte.MIN_VALUE, Byte.MAX_VALUE, "Byte");
        } else if (type == BigInteger.class) {
            v = getBigInteger(i);
        } else if (type == BigDecimal.class) {
            v = getBigDecimal(i);
        } else if (type == Double.class || type == double.class) {
            v = getDouble(i);
        } else if (type == Float.class || type == float.class) {
            v = getFloat(i);
        } else if (type == Boolean.class || type == boolean.class) {
            v = getBoolean(i);
        } else if (type == byte[].class) {
            v = getBytes(i);
        } else if (type == LocalDate.class) {
            v = getLocalDate(i);
        } else if (type == LocalDateTime.class) {
            v = getLocalDateTime(i);
        } else if (type == LocalTime.class) {
            v = getLocalTime(i);
        } else if (type == Duration.class) {
            v = getDuration(i);
        } else {
            throw new IllegalArgumentException("cannot convert column " + describe(i) + " to " + type.getName()
                    + ": supported are String, the numeric wrappers, BigInteger, BigDecimal, Boolean, byte[], "
                    + "LocalDate, LocalDateTime, LocalTime, Duration and Object");
        }
        return (T) v;
    }

    @Override
    public String getString(int i) {
        return isNull(i) ? null : text(i);
    }

    @Override
    public Long getLong(int i) {
        return isNull(i) ? null : longValue(i);
    }

    private long longValue(int i) {
        Column c = columns.get(i);
        switch (c.type()) {
            case TINYINT:
            case SMALLINT:
            case MEDIUMINT:
            case YEAR:
                return integer(i);
            case INT:
                return c.unsigned() ? integer(i) & 0xFFFFFFFFL : integer(i);
            case BIGINT:
                long v = integer(i);
                if (c.unsigned() && v < 0) {
                    throw cannot(i, "Long", "it is above Long.MAX_VALUE; use getBigInteger");
                }
                return v;
            case BIT:
                if (lengths[i] > 8) {
                    throw cannot(i, "Long", "it has more than 64 bits");
                }
                return bits(i);
            default:
                BigDecimal d = numeric(i, "Long");
                try {
                    return d.longValueExact();
                } catch (ArithmeticException e) {
                    throw cannot(i, "Long", "it is not an integer in the range of long");
                }
        }
    }

    @Override
    public Integer getInteger(int i) {
        return isNull(i) ? null : (int) narrow(i, Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer");
    }

    private long narrow(int i, long min, long max, String to) {
        long v = longValue(i);
        if (v < min || v > max) {
            throw cannot(i, to, "it is out of range");
        }
        return v;
    }

    @Override
    public BigInteger getBigInteger(int i) {
        if (isNull(i)) {
            return null;
        }
        Column c = columns.get(i);
        if (c.type() == ColumnType.BIGINT && c.unsigned()) {
            return unsigned(integer(i));
        }
        if (isInteger(c.type()) || c.type() == ColumnType.BIT) {
            return BigInteger.valueOf(longValue(i));
        }
        try {
            return numeric(i, "BigInteger").toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw cannot(i, "BigInteger", "it has a fraction");
        }
    }

    @Override
    public BigDecimal getBigDecimal(int i) {
        return isNull(i) ? null : numeric(i, "BigDecimal");
    }

    /** Any numeric value (or numeric text) as an exact BigDecimal. */
    private BigDecimal numeric(int i, String to) {
        Column c = columns.get(i);
        switch (c.type()) {
            case DECIMAL:
                return decimal(i);
            case FLOAT:
                return new BigDecimal(Float.toString(floatValue(i)));
            case DOUBLE:
                return BigDecimal.valueOf(floating(i));
            case BIT:
                return new BigDecimal(getBigInteger(i));
            default:
                if (isInteger(c.type())) {
                    return c.type() == ColumnType.BIGINT && c.unsigned() ? new BigDecimal(unsigned(integer(i)))
                            : BigDecimal.valueOf(longValue(i));
                }
                if (isText(c)) {
                    try {
                        return new BigDecimal(text(i).trim());
                    } catch (NumberFormatException e) {
                        throw cannot(i, to, "it is not a number");
                    }
                }
                throw cannot(i, to, "it is not a number");
        }
    }

    @Override
    public Double getDouble(int i) {
        if (isNull(i)) {
            return null;
        }
        ColumnType t = type(i);
        if (t == ColumnType.DOUBLE || t == ColumnType.FLOAT) {
            return t == ColumnType.FLOAT ? (double) floatValue(i) : floating(i);
        }
        return numeric(i, "Double").doubleValue();
    }

    @Override
    public Float getFloat(int i) {
        if (isNull(i)) {
            return null;
        }
        return type(i) == ColumnType.FLOAT ? floatValue(i) : (float) (double) getDouble(i);
    }

    @Override
    public Boolean getBoolean(int i) {
        if (isNull(i)) {
            return null;
        }
        Column c = columns.get(i);
        if (isText(c)) {
            String s = text(i).trim();
            if (s.equalsIgnoreCase("true")) {
                return true;
            } else if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        if (c.type() == ColumnType.BIT) {
            for (int k = 0; k < lengths[i]; k++) {
                if (data[offsets[i] + k] != 0) {
                    return true;
                }
            }
            return false;
        }
        return numeric(i, "Boolean").signum() != 0;
    }

    @Override
    public byte[] getBytes(int i) {
        if (isNull(i)) {
            return null;
        }
        switch (type(i)) {
            case TINYINT: case SMALLINT: case INT: case MEDIUMINT: case BIGINT: case YEAR:
            case FLOAT: case DOUBLE: case DATE: case DATETIME: case TIMESTAMP: case TIME:
                return text(i).getBytes(StandardCharsets.UTF_8);
            default:
                return raw(i);
        }
    }

    @Override
    public LocalDate getLocalDate(int i) {
        return isNull(i) ? null : temporal(i, "LocalDate").toLocalDate();
    }

    @Override
    public LocalDateTime getLocalDateTime(int i) {
        return isNull(i) ? null : temporal(i, "LocalDateTime");
    }

    private LocalDateTime temporal(int i, String to) {
        ColumnType t = type(i);
        if (t != ColumnType.DATE && t != ColumnType.DATETIME && t != ColumnType.TIMESTAMP) {
            throw cannot(i, to, "it is not a DATE, DATETIME or TIMESTAMP");
        }
        return dateTime(i);
    }

    @Override
    public LocalTime getLocalTime(int i) {
        if (isNull(i)) {
            return null;
        }
        ColumnType t = type(i);
        if (t == ColumnType.DATETIME || t == ColumnType.TIMESTAMP) {
            return dateTime(i).toLocalTime();
        }
        Duration d = getDuration(i);
        if (d.isNegative() || d.toNanos() >= NANOS_PER_DAY) {
            throw cannot(i, "LocalTime", "it is outside one day; use getDuration");
        }
        return LocalTime.ofNanoOfDay(d.toNanos());
    }

    @Override
    public Duration getDuration(int i) {
        if (isNull(i)) {
            return null;
        }
        if (type(i) != ColumnType.TIME) {
            throw cannot(i, "Duration", "it is not a TIME");
        }
        return time(i);
    }

    // ---- helpers ----

    /** A copy of the value's bytes. */
    byte[] raw(int i) {
        return Arrays.copyOfRange(data, offsets[i], offsets[i] + lengths[i]);
    }

    /** A BIT value: its bytes, big-endian. */
    long bits(int i) {
        long v = 0;
        for (int k = 0; k < lengths[i]; k++) {
            v = v << 8 | (data[offsets[i] + k] & 0xff);
        }
        return v;
    }

    static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    static boolean isInteger(ColumnType t) {
        switch (t) {
            case TINYINT: case SMALLINT: case INT: case MEDIUMINT: case BIGINT: case YEAR:
                return true;
            default:
                return false;
        }
    }

    private static boolean isText(Column c) {
        switch (c.type()) {
            case VARCHAR: case VAR_STRING: case STRING: case TINYBLOB: case BLOB: case MEDIUMBLOB: case LONGBLOB:
            case ENUM: case SET: case JSON:
                return true;
            default:
                return false;
        }
    }

    String describe(int i) {
        return i + " (" + columns.get(i) + ")";
    }

    IllegalArgumentException cannot(int i, String to, String why) {
        String shown = text(i);
        if (shown.length() > 40) {
            shown = shown.substring(0, 40) + "...";
        }
        return new IllegalArgumentException("cannot read column " + describe(i) + " value '" + shown + "' as " + to
                + ": " + why);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Row[");
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(columns.get(i).name()).append('=');
            if (isNull(i)) {
                sb.append("NULL");
            } else if (columns.get(i).binary()) {
                sb.append(lengths[i]).append(" bytes");
            } else {
                sb.append(text(i));
            }
        }
        return sb.append(']').toString();
    }
}
