package dev.jcoro.mysql;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * One row of a result. Columns are numbered from 0 or named (case-insensitively; the first column of that
 * name wins). The getters return {@code null} for SQL {@code NULL} and convert where the conversion loses
 * nothing: {@link #getLong} reads any integer column and a DECIMAL without fraction, {@link #getString}
 * reads every column as its text. A conversion that would lose information, or a name no column has,
 * throws {@link IllegalArgumentException} naming the column and the value.
 *
 * <p>A row holds a copy of its bytes and decodes on access, so it stays valid after the cursor moves on;
 * it may be read from any thread.
 *
 * <pre>{@code
 * for (Row row : conn.query("SELECT id, name, born FROM person").list()) {
 *     long id = row.getLong(0);
 *     String name = row.getString("name");
 *     LocalDate born = row.getLocalDate("born");
 * }
 * }</pre>
 */
public interface Row {

    /**
     * The number of columns.
     *
     * @return the column count
     */
    int size();

    /**
     * The result's columns.
     *
     * @return the columns, in order; unmodifiable
     */
    List<Column> columns();

    /**
     * The index of the first column called {@code name}, ignoring case.
     *
     * @param name a column name or alias
     * @return its index
     * @throws IllegalArgumentException if no column has that name
     */
    int indexOf(String name);

    /**
     * Whether the value is SQL {@code NULL}.
     *
     * @param index the column, from 0
     * @return true for {@code NULL}
     * @throws IndexOutOfBoundsException if there is no such column
     */
    boolean isNull(int index);

    /**
     * The value as the Java type of its column's {@link ColumnType}: Integer, Long, BigInteger (unsigned
     * BIGINT), BigDecimal, Float, Double, String, byte[], Boolean (BIT(1)), LocalDate, LocalDateTime,
     * Duration (TIME).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws java.time.DateTimeException for a zero date ({@code 0000-00-00}), which has no java.time value
     */
    Object get(int index);

    /**
     * The value converted to {@code type}: any type one of the getters returns, their primitive
     * counterparts' wrappers, {@code Short}, {@code Byte} or {@code Object}.
     *
     * @param index the column, from 0
     * @param type the wanted type
     * @param <T> the wanted type
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if the value does not convert to {@code type}
     */
    <T> T get(int index, Class<T> type);

    /**
     * The value as text: strings as they are, numbers and dates as MySQL writes them, bytes decoded as UTF-8.
     *
     * @param index the column, from 0
     * @return the text, or null for {@code NULL}
     */
    String getString(int index);

    /**
     * The value as a long.
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not an integer in the range of long
     */
    Long getLong(int index);

    /**
     * The value as an int.
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not an integer in the range of int
     */
    Integer getInteger(int index);

    /**
     * The value as a BigInteger (for unsigned BIGINT above {@code Long.MAX_VALUE}).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not an integer
     */
    BigInteger getBigInteger(int index);

    /**
     * The value as a BigDecimal, exactly (DECIMAL, integers; FLOAT and DOUBLE through their decimal text).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not a number
     */
    BigDecimal getBigDecimal(int index);

    /**
     * The value as a double.
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not a number
     */
    Double getDouble(int index);

    /**
     * The value as a float.
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not a number
     */
    Float getFloat(int index);

    /**
     * The value as a boolean: a number is true when not zero, BIT when any bit is set.
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if it is not a number or BIT
     */
    Boolean getBoolean(int index);

    /**
     * The value's bytes: the bytes of a BLOB, BINARY or BIT, the UTF-8 of text, the text form of others.
     *
     * @param index the column, from 0
     * @return a new array, or null for {@code NULL}
     */
    byte[] getBytes(int index);

    /**
     * The value as a date (DATE, or the date of a DATETIME or TIMESTAMP).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if the column is not a date or date-time
     * @throws java.time.DateTimeException for a zero date
     */
    LocalDate getLocalDate(int index);

    /**
     * The value as a date-time (DATETIME, TIMESTAMP, or a DATE at midnight).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if the column is not a date or date-time
     * @throws java.time.DateTimeException for a zero date
     */
    LocalDateTime getLocalDateTime(int index);

    /**
     * The value as a time of day (a TIME from 00:00 to 23:59:59.999999, or the time of a DATETIME).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if the column is not a time or date-time, or a TIME is outside one day
     */
    LocalTime getLocalTime(int index);

    /**
     * The value of a TIME column as a duration (TIME ranges from -838:59:59 to 838:59:59).
     *
     * @param index the column, from 0
     * @return the value, or null for {@code NULL}
     * @throws IllegalArgumentException if the column is not a TIME
     */
    Duration getDuration(int index);

    /** Like {@link #isNull(int)} for the column called {@code name}. */
    default boolean isNull(String name) {
        return isNull(indexOf(name));
    }

    /** Like {@link #get(int)} for the column called {@code name}. */
    default Object get(String name) {
        return get(indexOf(name));
    }

    /** Like {@link #get(int, Class)} for the column called {@code name}. */
    default <T> T get(String name, Class<T> type) {
        return get(indexOf(name), type);
    }

    /** Like {@link #getString(int)} for the column called {@code name}. */
    default String getString(String name) {
        return getString(indexOf(name));
    }

    /** Like {@link #getLong(int)} for the column called {@code name}. */
    default Long getLong(String name) {
        return getLong(indexOf(name));
    }

    /** Like {@link #getInteger(int)} for the column called {@code name}. */
    default Integer getInteger(String name) {
        return getInteger(indexOf(name));
    }

    /** Like {@link #getBigInteger(int)} for the column called {@code name}. */
    default BigInteger getBigInteger(String name) {
        return getBigInteger(indexOf(name));
    }

    /** Like {@link #getBigDecimal(int)} for the column called {@code name}. */
    default BigDecimal getBigDecimal(String name) {
        return getBigDecimal(indexOf(name));
    }

    /** Like {@link #getDouble(int)} for the column called {@code name}. */
    default Double getDouble(String name) {
        return getDouble(indexOf(name));
    }

    /** Like {@link #getFloat(int)} for the column called {@code name}. */
    default Float getFloat(String name) {
        return getFloat(indexOf(name));
    }

    /** Like {@link #getBoolean(int)} for the column called {@code name}. */
    default Boolean getBoolean(String name) {
        return getBoolean(indexOf(name));
    }

    /** Like {@link #getBytes(int)} for the column called {@code name}. */
    default byte[] getBytes(String name) {
        return getBytes(indexOf(name));
    }

    /** Like {@link #getLocalDate(int)} for the column called {@code name}. */
    default LocalDate getLocalDate(String name) {
        return getLocalDate(indexOf(name));
    }

    /** Like {@link #getLocalDateTime(int)} for the column called {@code name}. */
    default LocalDateTime getLocalDateTime(String name) {
        return getLocalDateTime(indexOf(name));
    }

    /** Like {@link #getLocalTime(int)} for the column called {@code name}. */
    default LocalTime getLocalTime(String name) {
        return getLocalTime(indexOf(name));
    }

    /** Like {@link #getDuration(int)} for the column called {@code name}. */
    default Duration getDuration(String name) {
        return getDuration(indexOf(name));
    }
}
