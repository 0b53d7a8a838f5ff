package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.sync.Channel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class CoroutineDumpTest {
    @Suspendable
    static void napDeep() {
        Coroutines.sleep(Duration.ofMinutes(5));
    }

    @Suspendable
    static String waitForMail(Channel<String> mailbox) {
        return mailbox.receive();
    }

    @Test
    void theDumpShowsEachSuspendedCoroutineWithWhatItWaitsForAndItsLogicalStack() throws Exception {
        Channel<String> mailbox = new Channel<>(0);
        CountDownLatch started = new CountDownLatch(2);
        try (Scheduler s = Scheduler.create(2)) {
            s.launch(() -> {
                started.countDown();
                napDeep();
            });
            s.launch(() -> {
                started.countDown();
                return waitForMail(mailbox);
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            String dump = s.dump();
            for (int i = 0; i < 200 && !(dump.contains("PT5M") && dump.contains("receive")); i++) {
                Thread.sleep(50);
                dump = s.dump();
            }
            assertTrue(dump.contains("2 live coroutines"), dump);
            assertTrue(dump.contains("suspended: sleep PT5M"), dump);
            assertTrue(dump.contains("CoroutineDumpTest.napDeep"), dump);
            assertTrue(dump.contains("suspended: receive Channel@"), dump);
            assertTrue(dump.contains("CoroutineDumpTest.waitForMail"), dump);
            assertTrue(Coroutines.dump().contains(dump.substring(0, dump.indexOf(':'))), "Coroutines.dump covers every open scheduler");
        }
    }

    @Test
    void withJmxOnTheDumpCanBeReadAsAnMBeanAttribute() throws Exception {
        System.setProperty("jcoro.jmx", "true");
        try (Scheduler s = Scheduler.create(1)) {
            s.launch(() -> napDeep());
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            java.util.Set<javax.management.ObjectName> names =
                    server.queryNames(new javax.management.ObjectName("dev.jcoro:type=Scheduler,*"), null);
            assertTrue(names.size() >= 1, names.toString());
            String dump = "";
            for (int i = 0; i < 200 && !dump.contains("PT5M"); i++) {
                Thread.sleep(20);
                dump = "";
                for (javax.management.ObjectName n : names) {
                    dump += server.getAttribute(n, "Dump");
                }
            }
            assertTrue(dump.contains("CoroutineDumpTest.napDeep"), dump);
        } finally {
            System.clearProperty("jcoro.jmx");
        }
    }

    @Test
    void aBlockedLoopIsShownWithItsCarrierStack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocking = new CountDownLatch(1);
        try (Scheduler s = Scheduler.builder().threads(1).blockedThreshold(Duration.ZERO).build()) {
            try {
                s.launch(() -> {
                    blocking.countDown();
                    release.await();
                    return null;
                });
                assertTrue(blocking.await(10, TimeUnit.SECONDS));
                String dump = s.dump();
                assertTrue(dump.contains("did not answer"), dump);
                assertTrue(dump.contains("[running]"), dump);
                assertTrue(dump.contains("CountDownLatch.await"), dump);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void aDumpTakenInsideACoroutineShowsItRunning() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            String dump = s.launch(() -> {
                Coroutines.yieldNow();
                return Coroutines.dump();
            }).join();
            assertTrue(dump.contains("[running]"), dump);
        }
    }
}
