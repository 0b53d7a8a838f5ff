package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.Column;
import dev.jcoro.mysql.ColumnType;
import dev.jcoro.mysql.MySqlProtocolException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * A row of the binary protocol (prepared statements): a 0x00 header, a NULL bitmap offset by two bits, then
 * each non-NULL value in its type's binary form: little-endian integers and floats, length-prefixed date
 * and time structures, length-encoded strings (DECIMAL included).
 */
final class BinaryRow extends RawRow {

    private BinaryRow(ColumnSet columns, byte[] data, int[] offsets, int[] lengths) {
        super(columns, data, offsets, lengths);
    }

    /**
     * Copies a binary row packet and finds its values.
     *
     * @param columns the result's columns
     * @param p the row packet
     * @return the row
     * @throws MySqlProtocolException if the packet is malformed
     */
    static BinaryRow decode(ColumnSet columns, Payload p) throws MySqlProtocolException {
        p.expect("binary row");
        byte[] data = Arrays.copyOfRange(p.array(), p.arrayOffset(), p.arrayOffset() + p.length());
        Payload copy = Payload.of(data, 0, data.length).expect("binary row");
        if (copy.int1("header") != 0) {
            throw copy.malformed("header is not 0x00", "header");
        }
        int n = columns.size();
        int bitmap = copy.offset();
        copy.skip((n + 7 + 2) / 8, "NULL bitmap");
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            int bit = i + 2;
            if ((data[bitmap + bit / 8] & (1 << (bit % 8))) != 0) {
                lengths[i] = -1;
                continue;
            }
            String what = "value of column " + i;
            int width = fixedWidth(columns.get(i).type());
            if (width > 0) {
                offsets[i] = copy.offset();
                lengths[i] = width;
                copy.skip(width, what);
            } else if (width == 0) {
                int len = copy.int1(what);
                offsets[i] = copy.offset();
                lengths[i] = len;
                copy.skip(len, what);
            } else {
                int len = copy.lenencLength(what);
                offsets[i] = copy.offset();
                lengths[i] = len;
                copy.skip(len, what);
            }
        }
        if (copy.remaining() != 0) {
            throw copy.malformed(copy.remaining() + " bytes left after " + n + " columns", "end of row");
        }
        return new BinaryRow(columns, data, offsets, lengths);
    }

    /** Bytes of a fixed-width value; 0 for a one-byte-length structure (dates, times); -1 for length-encoded. */
    private static int fixedWidth(ColumnType t) {
        switch (t) {
            case TINYINT:
                return 1;
            case SMALLINT:
            case YEAR:
                return 2;
            case INT:
            case MEDIUMINT:
            case FLOAT:
                return 4;
            case BIGINT:
            case DOUBLE:
                return 8;
            case DATE:
            case DATETIME:
            case TIMESTAMP:
            case TIME:
                return 0;
            default:
                return -1;
        }
    }

    private long le(int off, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = v << 8 | (data[off + k] & 0xff);
        }
        return v;
    }

    @Override
    long integer(int i) {
        Column c = columns.get(i);
        int off = offsets[i];
        switch (c.type()) {
            case TINYINT:
                return c.unsigned() ? data[off] & 0xff : data[off];
            case SMALLINT:
                return c.unsigned() ? le(off, 2) : (short) le(off, 2);
            case YEAR:
                return le(off, 2);
            case INT:
            case MEDIUMINT:
                return c.unsigned() ? le(off, 4) : (int) le(off, 4);
            case BIGINT:
                return le(off, 8);
            case BIT:
                return bits(i);
            default:
                throw new IllegalStateException("column " + describe(i) + " is not an integer");
        }
    }

    @Override
    double floating(int i) {
        return columns.get(i).type() == ColumnType.FLOAT ? floatValue(i) : Double.longBitsToDouble(le(offsets[i], 8));
    }

    @Override
    float floatValue(int i) {
        return columns.get(i).type() == ColumnType.FLOAT ? Float.intBitsToFloat((int) le(offsets[i], 4))
                : (float) Double.longBitsToDouble(le(offsets[i], 8));
    }

    @Override
    BigDecimal decimal(int i) {
        return new BigDecimal(new String(data, offsets[i], lengths[i], StandardCharsets.US_ASCII));
    }

    @Override
    LocalDateTime dateTime(int i) {
        int off = offsets[i];
        int len = lengths[i];
        if (len == 0) {
            throw new DateTimeException("column " + describe(i) + " holds a zero date, which has no java.time value;"
                    + " read it with getString");
        }
        int year = (int) le(off, 2);
        int month = data[off + 2];
        int day = data[off + 3];
        if (year == 0 && month == 0 && day == 0) {
            throw new DateTimeException("column " + describe(i) + " holds a zero date, which has no java.time value;"
                    + " read it with getString");
        }
        int hour = len >= 7 ? data[off + 4] : 0;
        int minute = len >= 7 ? data[off + 5] : 0;
        int second = len >= 7 ? data[off + 6] : 0;
        int micros = len >= 11 ? (int) le(off + 7, 4) : 0;
        return LocalDateTime.of(year, month, day, hour, minute, second, micros * 1000);
    }

    @Override
    Duration time(int i) {
        int off = offsets[i];
        int len = lengths[i];
        if (len == 0) {
            return Duration.ZERO;
        }
        boolean negative = data[off] == 1;
        long days = le(off + 1, 4);
        int hours = data[off + 5];
        int minutes = data[off + 6];
        int seconds = data[off + 7];
        int micros = len >= 12 ? (int) le(off + 8, 4) : 0;
        Duration d = Duration.ofSeconds(days * 86400 + hours * 3600L + minutes * 60L + seconds, micros * 1000L);
        return negative ? d.negated() : d;
    }

    @Override
    String text(int i) {
        Column c = columns.get(i);
        switch (c.type()) {
            case TINYINT: case SMALLINT: case INT: case MEDIUMINT: case YEAR:
                return Long.toString(integer(i));
            case BIGINT:
                return c.unsigned() ? Long.toUnsignedString(integer(i)) : Long.toString(integer(i));
            case FLOAT:
                return Float.toString(floatValue(i));
            case DOUBLE:
                return Double.toString(floating(i));
            case DATE:
            case DATETIME:
            case TIMESTAMP:
                return formatDateTime(i, c);
            case TIME:
                return formatTime(i, c);
            default:
                return new String(data, offsets[i], lengths[i], StandardCharsets.UTF_8);
        }
    }

    /** As MySQL prints it: {@code 2024-02-29}, {@code 2024-02-29 13:45:00.123456} (as many digits as the column's scale). */
    private String formatDateTime(int i, Column c) {
        int off = offsets[i];
        int len = lengths[i];
        StringBuilder sb = new StringBuilder(26);
        pad(sb, len >= 4 ? le(off, 2) : 0, 4).append('-');
        pad(sb, len >= 4 ? data[off + 2] : 0, 2).append('-');
        pad(sb, len >= 4 ? data[off + 3] : 0, 2);
        if (c.type() != ColumnType.DATE) {
            sb.append(' ');
            pad(sb, len >= 7 ? data[off + 4] : 0, 2).append(':');
            pad(sb, len >= 7 ? data[off + 5] : 0, 2).append(':');
            pad(sb, len >= 7 ? data[off + 6] : 0, 2);
            fraction(sb, len >= 11 ? le(off + 7, 4) : 0, c.decimals());
        }
        return sb.toString();
    }

    /** As MySQL prints it: {@code -838:59:59}, {@code 12:00:00.5}. */
    private String formatTime(int i, Column c) {
        Duration d = time(i);
        StringBuilder sb = new StringBuilder(16);
        if (d.isNegative()) {
            sb.append('-');
            d = d.negated();
        }
        pad(sb, d.toHours(), 2).append(':');
        pad(sb, d.toMinutesPart(), 2).append(':');
        pad(sb, d.toSecondsPart(), 2);
        fraction(sb, d.toNanosPart() / 1000, c.decimals());
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int k = s.length(); k < width; k++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private static void fraction(StringBuilder sb, long micros, int decimals) {
        if (decimals > 0 && decimals <= 6) {
            String s = Long.toString(1_000_000 + micros).substring(1);
            sb.append('.').append(s, 0, decimals);
        }
    }
}
