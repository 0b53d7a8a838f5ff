package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void timeTheMonitorItselfWasLateIsNotCountedAgainstTheCoroutine() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SchedulerImpl s = (SchedulerImpl) Scheduler.builder().threads(1).blockedThreshold(Duration.ZERO).build()) {
            EventLoop loop = s.loops[0];
            Task<Object> t = s.launch(() -> {
                holding.countDown();
                release.await();     // holds its carrier until the test has looked
                return null;
            });
            assertTrue(holding.await(10, TimeUnit.SECONDS));
            Watchdog dog = new Watchdog(100 * MS, reports::add, 1);
            long start = System.nanoTime();
            dog.check(loop, start, start - 25 * MS, 0);    // the tick that first sees the resume
            dog.check(loop, start + 50 * MS, start, 0);
            // The next tick comes 200 ms later instead of 25: 190 ms the process did not run.
            dog.check(loop, start + 250 * MS, start + 50 * MS, 190 * MS);
            assertEquals(List.of(), reports, "60 ms of running time is under the threshold");
            dog.check(loop, start + 300 * MS, start + 250 * MS, 0);
            release.countDown();
            t.join();
        }
        assertEquals(1, reports.size(), reports.toString());
        String report = reports.get(0);
        assertTrue(report.contains("for 110 ms without suspending"), report);
        assertTrue(report.contains("300 ms by the clock, of which 190 ms the process itself was not running"), report);
    }

    /** A class loader as slow as an agent instrumenting a large class on first use. */
    static final class SlowLoader extends ClassLoader {
        SlowLoader() {
            super(null);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ClassNotFoundException(name);
        }
    }

    @Test
    void aStallSpentLoadingClassesIsReportedAsClassLoading() throws Exception {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ofMillis(100))
                .blockedReporter(reports::add).build()) {
            s.launch(() -> {
                try {
                    new SlowLoader().loadClass("example.NotThere");
                } catch (ClassNotFoundException expected) {
                    // The point is the time spent inside the loader.
                }
            }).join();
            Thread.sleep(50);
        }
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.get(0).contains("was loading classes"), reports.get(0));
    }

    @Test
    void aPlainBlockingCallIsNotMistakenForClassLoading() {
        StackTraceElement[] sleeping = {
            new StackTraceElement("java.lang.Thread", "sleep", "Thread.java", 1),
            new StackTraceElement("com.acme.Handler", "serve", "Handler.java", 42),
        };
        StackTraceElement[] loading = {
            new StackTraceElement("dev.jcoro.instrument.agent.Transformer", "transform", "Transformer.java", 1),
            new StackTraceElement("java.lang.ClassLoader", "defineClass1", "ClassLoader.java", 1),
            new StackTraceElement("com.acme.Handler", "serve", "Handler.java", 42),
        };
        assertFalse(Watchdog.loadsClasses(sleeping));
        assertTrue(Watchdog.loadsClasses(loading));
    }
}
