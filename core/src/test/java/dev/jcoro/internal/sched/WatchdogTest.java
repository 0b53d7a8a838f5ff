package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WatchdogTest {
    /** The seed's mistake: a blocking sleep inside a coroutine. */
    static void blockingHelper() throws InterruptedException {
        Thread.sleep(400);
    }

    @Test
    void aCoroutineThatBlocksItsCarrierIsReportedOnceWithItsStack() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ofMillis(100))
                .blockedReporter(reports::add).build()) {
            Task<Object> t = s.launch(() -> {
                blockingHelper();
                Coroutines.yieldNow();
                blockingHelper();
                return null;
            });
            t.join();
            Thread.sleep(100);
        }
        assertEquals(1, reports.size(), reports.toString());
        String report = reports.get(0);
        assertTrue(report.contains("has blocked carrier thread"), report);
        assertTrue(report.contains("Thread.sleep"), report);
        assertTrue(report.contains("WatchdogTest.blockingHelper"), report);
        assertTrue(report.matches("(?s).*for \\d+ ms.*"), report);
    }

    @Test
    void coroutinesThatSuspendAreNotReported() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ofMillis(50))
                .blockedReporter(reports::add).build()) {
            s.launch(() -> Coroutines.sleep(Duration.ofMillis(300))).join();
        }
        assertEquals(List.of(), reports);
    }

    @Test
    void aZeroThresholdTurnsTheWatchdogOff() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ZERO)
                .blockedReporter(reports::add).build()) {
            s.launch(() -> {
                blockingHelper();
                return null;
            }).join();
        }
        assertEquals(List.of(), reports);
    }
}
