package dev.jcoro.mysql.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;

/**
 * Writes the parameters of COM_STMT_EXECUTE in the binary protocol: the NULL bitmap, the types (sent with
 * every execution, so one statement may be run with an Integer now and a Long later), then the values.
 */
final class Parameters {
    private static final int TINY = 1;
    private static final int SHORT = 2;
    private static final int LONG = 3;
    private static final int FLOAT = 4;
    private static final int DOUBLE = 5;
    private static final int NULL = 6;
    private static final int LONGLONG = 8;
    private static final int DATE = 10;
    private static final int TIME = 11;
    private static final int DATETIME = 12;
    private static final int NEWDECIMAL = 246;
    private static final int BLOB = 252;
    private static final int VAR_STRING = 253;
    private static final int UNSIGNED = 0x8000;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private Parameters() {
    }

    /**
     * Appends the parameter block: NULL bitmap, new-params-bound flag, types, values.
     *
     * @param out the packet being built, after the statement id, flags and iteration count
     * @param values the parameters, one per placeholder
     * @throws IllegalArgumentException if a value's type has no MySQL counterpart
     */
    static void write(PacketBuilder out, Object[] values) {
        if (values.length == 0) {
            return;
        }
        int bitmapAt = out.length();
        out.zeros((values.length + 7) / 8);
        out.int1(1);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                out.set(bitmapAt + i / 8, out.get(bitmapAt + i / 8) | 1 << (i % 8));
            }
            out.int2(type(v, i));
        }
        for (Object v : values) {
            if (v != null) {
                value(out, v);
            }
        }
    }

    private static int type(Object v, int index) {
        if (v == null) {
            return NULL;
        } else if (v instanceof String || v instanceof Enum || v instanceof UUID || v instanceof Character) {
            return VAR_STRING;
        } else if (v instanceof Integer) {
            return LONG;
        } else if (v instanceof Long) {
            return LONGLONG;
        } else if (v instanceof Short) {
            return SHORT;
        } else if (v instanceof Byte || v instanceof Boolean) {
            return TINY;
        } else if (v instanceof Double) {
            return DOUBLE;
        } else if (v instanceof Float) {
            return FLOAT;
        } else if (v instanceof BigDecimal) {
            return NEWDECIMAL;
        } else if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.bitLength() < 64) {
                return LONGLONG;
            }
            return b.signum() > 0 && b.compareTo(TWO_TO_64) < 0 ? LONGLONG | UNSIGNED : NEWDECIMAL;
        } else if (v instanceof byte[] || v instanceof ByteBuffer) {
            return BLOB;
        } else if (v instanceof LocalDate) {
            return DATE;
        } else if (v instanceof LocalDateTime) {
            return DATETIME;
        } else if (v instanceof LocalTime || v instanceof Duration) {
            return TIME;
        }
        throw new IllegalArgumentException("parameter " + (index + 1) + " is a " + v.getClass().getName()
                + ", which has no MySQL type; pass String, Integer, Long, Short, Byte, Boolean, Double, Float, BigDecimal,"
                + " BigInteger, byte[], ByteBuffer, LocalDate, LocalDateTime, LocalTime, Duration, UUID, an enum or null");
    }

    private static void value(PacketBuilder out, Object v) {
        if (v instanceof String) {
            out.lenencString((String) v, StandardCharsets.UTF_8);
        } else if (v instanceof Integer) {
            out.int4((Integer) v);
        } else if (v instanceof Long) {
            out.int8((Long) v);
        } else if (v instanceof Short) {
            out.int2((Short) v);
        } else if (v instanceof Byte) {
            out.int1((Byte) v);
        } else if (v instanceof Boolean) {
            out.int1((Boolean) v ? 1 : 0);
        } else if (v instanceof Double) {
            out.int8(Double.doubleToLongBits((Double) v));
        } else if (v instanceof Float) {
            out.int4(Float.floatToIntBits((Float) v));
        } else if (v instanceof BigDecimal) {
            out.lenencString(((BigDecimal) v).toPlainString(), StandardCharsets.US_ASCII);
        } else if (v instanceof BigInteger) {
            BigInteger b = (BigInteger) v;
            if (b.bitLength() < 64 || (b.signum() > 0 && b.compareTo(TWO_TO_64) < 0)) {
                out.int8(b.longValue());
            } else {
                out.lenencString(b.toString(), StandardCharsets.US_ASCII);
            }
        } else if (v instanceof byte[]) {
            out.lenencBytes((byte[]) v);
        } else if (v instanceof ByteBuffer) {
            ByteBuffer b = ((ByteBuffer) v).duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            out.lenencBytes(bytes);
        } else if (v instanceof LocalDate) {
            LocalDate d = (LocalDate) v;
            out.int1(4).int2(d.getYear()).int1(d.getMonthValue()).int1(d.getDayOfMonth());
        } else if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            int micros = t.getNano() / 1000;
            out.int1(micros == 0 ? 7 : 11).int2(t.getYear()).int1(t.getMonthValue()).int1(t.getDayOfMonth())
                    .int1(t.getHour()).int1(t.getMinute()).int1(t.getSecond());
            if (micros != 0) {
                out.int4(micros);
            }
        } else if (v instanceof LocalTime) {
            time(out, Duration.ofNanos(((LocalTime) v).toNanoOfDay()));
        } else if (v instanceof Duration) {
            time(out, (Duration) v);
        } else {
            out.lenencString(v instanceof Enum ? ((Enum<?>) v).name() : v.toString(), StandardCharsets.UTF_8);
        }
    }

    private static void time(PacketBuilder out, Duration d) {
        boolean negative = d.isNegative();
        Duration a = d.abs();
        int micros = a.toNanosPart() / 1000;
        out.int1(micros == 0 ? 8 : 12).int1(negative ? 1 : 0).int4((int) a.toDays()).int1(a.toHoursPart())
                .int1(a.toMinutesPart()).int1(a.toSecondsPart());
        if (micros != 0) {
            out.int4(micros);
        }
    }
}
