package dev.jcoro.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.jcoro.mysql.testing.Suspending.assertThrows;

import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every common type written through the binary protocol's parameters and read back through both the text
 * protocol (COM_QUERY) and the binary protocol (COM_STMT_EXECUTE), extremes included.
 */
@ExtendWith(MariaDbExtension.class)
class TypesTest {
    private static final String COLUMNS = "ti, tiu, si, siu, mi, miu, i, iu, bi, biu, dec1, f, d, vc, tx, ch, vb, bl, "
            + "dt, dtm, ts, tm, yr, bit1, bit12, en, js";
    private static final String CREATE = "CREATE TABLE types_rt (id INT PRIMARY KEY, "
            + "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED, "
            + "i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, dec1 DECIMAL(30,10), f FLOAT, d DOUBLE, "
            + "vc VARCHAR(100), tx TEXT, ch CHAR(5), vb VARBINARY(100), bl BLOB, dt DATE, dtm DATETIME(6), "
            + "ts TIMESTAMP(6) NULL DEFAULT NULL, tm TIME(6), yr YEAR, bit1 BIT(1), bit12 BIT(12), en ENUM('a','b'), js JSON)";

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Parameter values per row; BIT(12) is written as a number and read back as two bytes. */
    private static Object[][] rows() {
        StringBuilder longText = new StringBuilder();
        while (longText.length() < 5000) {
            longText.append("zażółć gęślą jaźń 𝄞 ");
        }
        return new Object[][] {
            {(byte) -128, 0, (short) -32768, 0, -8388608, 0, Integer.MIN_VALUE, 0L, Long.MIN_VALUE, BigInteger.ZERO,
                new BigDecimal("-99999999999999999999.9999999999"), -1.5f, -Double.MAX_VALUE, "", "", "", new byte[0],
                new byte[0], LocalDate.of(1000, 1, 1), LocalDateTime.of(1000, 1, 1, 0, 0),
                LocalDateTime.of(2001, 2, 3, 4, 5, 6, 7000), Duration.ofHours(-838).minusMinutes(59).minusSeconds(59),
                1901, false, 0, "a", "[]"},
            {(byte) 127, 255, (short) 32767, 65535, 8388607, 16777215, Integer.MAX_VALUE, 4294967295L, Long.MAX_VALUE,
                new BigInteger("18446744073709551615"), new BigDecimal("99999999999999999999.9999999999"), 3.25f,
                Double.MAX_VALUE, "héllo 🐱 ☃", longText.toString(), "abcde", bytes(100, 1), bytes(60000, 2),
                LocalDate.of(9999, 12, 31), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(2030, 6, 15, 12, 30, 45, 123_456_000), Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                2155, true, 0xFFF, "b", "{\"k\": [1, 2.5, \"x\"]}"},
            {(byte) 1, 2, (short) 3, 4, 5, 6, 7, 8L, 9L, BigInteger.TEN, new BigDecimal("0.0000000001"), 0.0f, 1e-300,
                "it's \"quoted\" \\ back", "line1\nline2", "x", new byte[] {0, 1, 2, (byte) 0xff}, new byte[] {0},
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 45, 0, 500_000_000),
                LocalDateTime.of(2024, 2, 29, 13, 45, 0), Duration.ofHours(12).plusMinutes(34).plusSeconds(56).plusMillis(789),
                2024, false, 5, "b", "null"},
        };
    }

    /** What {@link Row#get(int)} returns for each value written by {@link #rows()}. */
    private static Object expected(int column, Object written) {
        switch (column) {
            case 0: case 2: return ((Number) written).intValue();                 // TINYINT, SMALLINT
            case 7: return written;                                                // INT UNSIGNED: Long
            case 9: return written;                                                // BIGINT UNSIGNED: BigInteger
            case 10: return ((BigDecimal) written).setScale(10);
            case 23: return written;                                               // BIT(1): Boolean
            case 24: int v = (Integer) written; return new byte[] {(byte) (v >> 8), (byte) v};   // BIT(12)
            default: return written;
        }
    }

    @Test
    void everyTypeRoundTripsThroughBothProtocols(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP TABLE IF EXISTS types_rt");
            conn.execute(CREATE);
            Object[][] rows = rows();
            String placeholders = String.join(", ", java.util.Collections.nCopies(28, "?"));
            for (int r = 0; r < rows.length; r++) {
                Object[] params = new Object[28];
                params[0] = r;
                System.arraycopy(rows[r], 0, params, 1, 27);
                conn.execute("INSERT INTO types_rt (id, " + COLUMNS + ") VALUES (" + placeholders + ")", params);
            }
            for (int r = 0; r < rows.length; r++) {
                Row text = conn.query("SELECT " + COLUMNS + " FROM types_rt WHERE id = " + r).list().get(0);
                Row binary = conn.query("SELECT " + COLUMNS + " FROM types_rt WHERE id = ?", r).list().get(0);
                for (int c = 0; c < 27; c++) {
                    Object want = expected(c, rows[r][c]);
                    String where = "row " + r + " column " + text.columns().get(c);
                    assertValue(want, text.get(c), where + " (text protocol)");
                    assertValue(want, binary.get(c), where + " (binary protocol)");
                    if (c != 11 && c != 12) {   // FLOAT and DOUBLE print differently from Java
                        assertEquals(text.getString(c), binary.getString(c), where + ": getString differs");
                    }
                }
            }
            return null;
        });
    }

    private static void assertValue(Object want, Object got, String where) {
        if (want instanceof byte[]) {
            assertTrue(got instanceof byte[], where + ": got " + got);
            assertArrayEquals((byte[]) want, (byte[]) got, where);
        } else {
            assertEquals(want, got, where);
            if (want != null) {
                assertEquals(want.getClass(), got.getClass(), where);
            }
        }
    }

    @Test
    void nullsAreNullInBothProtocols(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("DROP TABLE IF EXISTS types_null");
            conn.execute(CREATE.replace("types_rt", "types_null"));
            Object[] params = new Object[28];
            params[0] = 1;
            conn.execute("INSERT INTO types_null (id, " + COLUMNS + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(28, "?")) + ")", params);
            List<Row> both = new ArrayList<>();
            both.add(conn.query("SELECT " + COLUMNS + " FROM types_null").list().get(0));
            both.add(conn.query("SELECT " + COLUMNS + " FROM types_null WHERE id = ?", 1).list().get(0));
            for (Row row : both) {
                for (int c = 0; c < 27; c++) {
                    assertTrue(row.isNull(c));
                    assertNull(row.get(c));
                    assertNull(row.getString(c));
                    assertNull(row.getLong(c));
                    assertNull(row.getBytes(c));
                    assertNull(row.get(c, LocalDateTime.class));
                }
            }
            return null;
        });
    }

    @Test
    void gettersConvertWithoutLosingInformation(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            for (boolean binary : new boolean[] {false, true}) {
                String sql = "SELECT CAST(42 AS DECIMAL(10,2)), CAST(18446744073709551615 AS UNSIGNED), 7, "
                        + "CAST('2024-02-29 13:45:00.25' AS DATETIME(2)), CAST('13:45:00' AS TIME), 'x', "
                        + "CAST(1.5 AS DECIMAL(3,1)), CAST('2024-02-29' AS DATE), '123'";
                Row row = binary ? conn.query(sql + " FROM DUAL WHERE 1 = ?", 1).list().get(0)
                        : conn.query(sql).list().get(0);
                String how = binary ? "binary" : "text";
                assertEquals(42L, row.getLong(0), how);
                assertEquals(42, row.getInteger(0), how);
                assertEquals(42.0, row.getDouble(0), how);
                assertEquals(new BigInteger("18446744073709551615"), row.getBigInteger(1), how);
                IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> row.getLong(1));
                assertTrue(big.getMessage().contains("above Long.MAX_VALUE"), big.getMessage());
                assertEquals(new BigDecimal("7"), row.getBigDecimal(2), how);
                assertEquals(Short.valueOf((short) 7), row.get(2, Short.class), how);
                assertEquals(true, row.getBoolean(2), how);
                assertEquals(LocalDate.of(2024, 2, 29), row.getLocalDate(3), how);
                assertEquals(LocalTime.of(13, 45, 0, 250_000_000), row.getLocalTime(3), how);
                assertEquals("2024-02-29 13:45:00.25", row.getString(3), how);
                assertEquals(LocalTime.of(13, 45), row.getLocalTime(4), how);
                assertEquals(Duration.ofMinutes(13 * 60 + 45), row.getDuration(4), how);
                IllegalArgumentException text = assertThrows(IllegalArgumentException.class, () -> row.getLong(5));
                assertTrue(text.getMessage().contains("value 'x' as Long"), text.getMessage());
                IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class, () -> row.getLong(6));
                assertTrue(fraction.getMessage().contains("not an integer"), fraction.getMessage());
                assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), row.getLocalDateTime(7), how);
                assertThrows(IllegalArgumentException.class, () -> row.getDuration(7));
                assertEquals(123L, row.getLong(8), how);
                assertEquals(0, row.indexOf("7") - 2, how);
                assertThrows(IllegalArgumentException.class, () -> row.indexOf("nope"));
            }
            return null;
        });
    }

    @Test
    void aZeroDateReadsAsTextButHasNoJavaTimeValue(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            conn.execute("SET SESSION sql_mode = ''");
            conn.execute("DROP TABLE IF EXISTS zero_date");
            conn.execute("CREATE TABLE zero_date (d DATE, t DATETIME)");
            conn.execute("INSERT INTO zero_date VALUES ('0000-00-00', '0000-00-00 00:00:00')");
            Row text = conn.query("SELECT d, t FROM zero_date").list().get(0);
            Row binary = conn.query("SELECT d, t FROM zero_date WHERE 1 = ?", 1).list().get(0);
            for (Row row : Arrays.asList(text, binary)) {
                assertEquals("0000-00-00", row.getString(0));
                assertEquals("0000-00-00 00:00:00", row.getString(1));
                DateTimeException e = assertThrows(DateTimeException.class, () -> row.getLocalDate(0));
                assertTrue(e.getMessage().contains("zero date"), e.getMessage());
                assertThrows(DateTimeException.class, () -> row.get(1));
            }
            return null;
        });
    }

    @Test
    void parametersOfEveryJavaTypeBindAndComeBack(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            Row row = conn.query("SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", "ü", 1, 2L, (short) 3, (byte) 4, true, 2.5, 1.25f,
                    new BigDecimal("12345678901234567890.123"), java.util.UUID.fromString("00000000-0000-0000-0000-00000000002a"))
                    .list().get(0);
            assertEquals("ü", row.getString(0));
            assertEquals(1L, row.getLong(1));
            assertEquals(2L, row.getLong(2));
            assertEquals(3L, row.getLong(3));
            assertEquals(4L, row.getLong(4));
            assertEquals(1L, row.getLong(5));
            assertEquals(2.5, row.getDouble(6));
            assertEquals(1.25, row.getDouble(7));
            assertEquals(new BigDecimal("12345678901234567890.123"), row.getBigDecimal(8));
            assertEquals("00000000-0000-0000-0000-00000000002a", row.getString(9));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> conn.query("SELECT ?", new Object()));
            assertTrue(e.getMessage().contains("parameter 1 is a java.lang.Object"), e.getMessage());
            IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                    () -> conn.query("SELECT ?, ?", 1));
            assertTrue(count.getMessage().contains("2 placeholders but 1 parameters"), count.getMessage());
            assertEquals(1L, conn.query("SELECT 1").list().get(0).getLong(0), "the connection is still usable");
            return null;
        });
    }

    @Test
    void oneStatementWhoseResultTypeFollowsItsParameterDecodesEveryExecution(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            // The cached statement keeps the last result's columns while the server describes them the same way.
            for (int round = 0; round < 2; round++) {
                assertEquals(7, conn.query("SELECT ?", 7).list().get(0).get(0, Integer.class));
                assertEquals("seven", conn.query("SELECT ?", "seven").list().get(0).get(0));
                assertEquals(Long.MAX_VALUE, conn.query("SELECT ?", Long.MAX_VALUE).list().get(0).getLong(0));
                assertEquals(2.5, conn.query("SELECT ?", 2.5).list().get(0).getDouble(0));
                assertEquals(LocalDate.of(2020, 1, 2), conn.query("SELECT ?", LocalDate.of(2020, 1, 2)).list().get(0)
                        .getLocalDate(0));
            }
            return null;
        });
    }
}
