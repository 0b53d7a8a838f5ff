package dev.jcoro.mysql.internal;

import dev.jcoro.mysql.ColumnType;
import dev.jcoro.mysql.MySqlProtocolException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;

/**
 * A row of the text protocol (COM_QUERY): every value is a length-encoded string (0xFB for NULL) in the
 * form MySQL prints it, decoded here on access.
 */
final class TextRow extends RawRow {

    private TextRow(ColumnSet columns, byte[] data, int[] offsets, int[] lengths) {
        super(columns, data, offsets, lengths);
    }

    /**
     * Copies a text row packet and finds its values.
     *
     * @param columns the result's columns
     * @param p the row packet
     * @return the row
     * @throws MySqlProtocolException if a value's length runs past the packet or values are missing or left over
     */
    static TextRow decode(ColumnSet columns, Payload p) throws MySqlProtocolException {
        p.expect("text row");
        byte[] data = Arrays.copyOfRange(p.array(), p.arrayOffset(), p.arrayOffset() + p.length());
        Payload copy = Payload.of(data, 0, data.length).expect("text row");
        int n = columns.size();
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            long len = copy.lenencOrNull("value of column " + i);
            if (len < 0) {
                lengths[i] = -1;
                continue;
            }
            if (len > copy.remaining()) {
                throw copy.malformed("value of " + len + " bytes runs past the end", "value of column " + i);
            }
            offsets[i] = copy.offset();
            lengths[i] = (int) len;
            copy.skip((int) len, "value of column " + i);
        }
        if (copy.remaining() != 0) {
            throw copy.malformed(copy.remaining() + " bytes left after " + n + " columns", "end of row");
        }
        return new TextRow(columns, data, offsets, lengths);
    }

    @Override
    long integer(int i) {
        int off = offsets[i];
        int end = off + lengths[i];
        if (columns.get(i).type() == ColumnType.BIT) {
            return bits(i);
        }
        boolean negative = data[off] == '-';
        if (negative) {
            off++;
        }
        // Accumulate as unsigned: an unsigned BIGINT above Long.MAX_VALUE wraps to its two's complement.
        long v = 0;
        for (int k = off; k < end; k++) {
            int digit = data[k] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("column " + describe(i) + " holds '" + text(i) + "', not an integer");
            }
            v = v * 10 + digit;
        }
        return negative ? -v : v;
    }

    @Override
    double floating(int i) {
        return Double.parseDouble(text(i));
    }

    @Override
    float floatValue(int i) {
        return Float.parseFloat(text(i));
    }

    @Override
    BigDecimal decimal(int i) {
        return new BigDecimal(text(i));
    }

    @Override
    LocalDateTime dateTime(int i) {
        int off = offsets[i];
        int len = lengths[i];
        int year = digits(off, 4);
        int month = digits(off + 5, 2);
        int day = digits(off + 8, 2);
        if (year == 0 && month == 0 && day == 0) {
            throw new DateTimeException("column " + describe(i) + " holds the zero date '" + text(i)
                    + "', which has no java.time value; read it with getString");
        }
        if (len < 19) {
            return LocalDateTime.of(year, month, day, 0, 0);
        }
        int nanos = len > 20 ? fraction(off + 20, len - 20) : 0;
        return LocalDateTime.of(year, month, day, digits(off + 11, 2), digits(off + 14, 2), digits(off + 17, 2), nanos);
    }

    @Override
    Duration time(int i) {
        int off = offsets[i];
        int end = off + lengths[i];
        boolean negative = data[off] == '-';
        if (negative) {
            off++;
        }
        int colon = off;
        while (colon < end && data[colon] != ':') {
            colon++;
        }
        long hours = digits(off, colon - off);
        long minutes = digits(colon + 1, 2);
        long seconds = digits(colon + 4, 2);
        int nanos = end > colon + 7 ? fraction(colon + 7, end - colon - 7) : 0;
        Duration d = Duration.ofSeconds(hours * 3600 + minutes * 60 + seconds, nanos);
        return negative ? d.negated() : d;
    }

    @Override
    String text(int i) {
        return new String(data, offsets[i], lengths[i], StandardCharsets.UTF_8);
    }

    private int digits(int off, int n) {
        int v = 0;
        for (int k = off; k < off + n; k++) {
            v = v * 10 + (data[k] - '0');
        }
        return v;
    }

    /** Fractional seconds of {@code n} digits as nanoseconds. */
    private int fraction(int off, int n) {
        int v = digits(off, n);
        for (int k = n; k < 9; k++) {
            v *= 10;
        }
        return v;
    }
}
