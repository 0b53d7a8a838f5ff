package dev.jcoro.mysql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.Coroutines;
import dev.jcoro.mysql.testing.MariaDbExtension;
import dev.jcoro.mysql.testing.MariaDbServer;
import dev.jcoro.mysql.testing.TestDb;
import java.lang.ref.WeakReference;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class StreamingTest {
    private static final int ROWS = 100_000;
    /** 100,000 rows of about 1 KiB: 100 MiB that must pass through without being held. */
    private static final String BIG = "SELECT seq, REPEAT(CHAR(65 + seq % 26), 1000) FROM seq_1_to_100000";

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void aHundredThousandRowsStreamInBothProtocolsWithoutBeingHeld(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            for (boolean binary : new boolean[] {false, true}) {
                long baseline = usedHeap();
                RowCursor rows = binary ? conn.query(BIG + " WHERE seq > ?", 0) : conn.query(BIG);
                WeakReference<Row> first = null;
                long count = 0;
                long sum = 0;
                long peak = 0;
                while (rows.next()) {
                    Row row = rows.row();
                    long seq = row.getLong(0);
                    sum += seq;
                    String text = row.getString(1);
                    if (text.length() != 1000 || text.charAt(999) != (char) (65 + seq % 26)) {
                        throw new AssertionError("row " + seq + " has the wrong text");
                    }
                    if (count == 0) {
                        first = new WeakReference<>(row);
                    }
                    count++;
                    if (count % 25_000 == 0) {
                        peak = Math.max(peak, usedHeap() - baseline);
                    }
                }
                assertEquals(ROWS, count);
                assertEquals((long) ROWS * (ROWS + 1) / 2, sum);
                assertEquals(0, rows.result().affectedRows());
                usedHeap();
                assertNull(first.get(), "the cursor let go of the rows it handed out");
                // 100 MiB went through; what stays is a buffer and one row, plus GC noise.
                assertTrue(peak < 32 << 20, "heap grew by " + (peak >> 20) + " MiB while streaming 100 MiB");
            }
            return null;
        });
    }

    @Test
    void closingACursorEarlyDrainsItAndFreesTheConnection(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            RowCursor rows = conn.query("SELECT seq FROM seq_1_to_50000");
            for (int i = 1; i <= 10; i++) {
                rows.next();
                assertEquals((long) i, rows.row().getLong(0));
            }
            rows.close();
            assertEquals(0, rows.result().affectedRows(), "the end of the result was read");
            assertEquals(3L, conn.query("SELECT 3").list().get(0).getLong(0));
            return null;
        });
    }

    @Test
    void aLargeResultDoesNotHoldTheLoopFromOtherCoroutines(MariaDbServer server) throws Exception {
        try (Scheduler one = Scheduler.create(1)) {
            AtomicLong ticks = new AtomicLong();
            Task<Long> reader = one.launch(() -> {
                Task<Void> ticker = Coroutines.launch(() -> {
                    while (true) {
                        ticks.incrementAndGet();
                        Coroutines.yieldNow();
                    }
                });
                try (MySqlConnection conn = MySqlConnection.connect(TestDb.options(server).build())) {
                    long ticksBefore = ticks.get();
                    assertEquals(ROWS, conn.query("SELECT seq, REPEAT('x', 200) FROM seq_1_to_100000").list().size());
                    return ticks.get() - ticksBefore;
                } finally {
                    ticker.cancel();
                }
            });
            assertTrue(reader.join() > 0, "the other coroutine on the same loop never ran while rows arrived");
        }
    }

    @Test
    void packetsOver16MiBGoBothWays(MariaDbServer server) throws Exception {
        TestDb.withConnection(server, conn -> {
            byte[] blob = new byte[20 << 20];
            new Random(11).nextBytes(blob);
            conn.execute("CREATE TEMPORARY TABLE t_big (id INT PRIMARY KEY, b LONGBLOB)");
            conn.execute("INSERT INTO t_big VALUES (?, ?)", 1, blob);
            assertArrayEquals(blob, conn.query("SELECT b FROM t_big WHERE id = ?", 1).list().get(0).getBytes(0));
            assertArrayEquals(blob, conn.query("SELECT b FROM t_big").list().get(0).getBytes(0));
            assertEquals((long) blob.length, conn.query("SELECT LENGTH(b) FROM t_big").list().get(0).getLong(0));
            return null;
        });
    }
}
