package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WithTimeoutTest {
    @Test
    void aBodyThatFinishesInTimeReturnsItsValue() throws Exception {
        String v = Coroutines.run(() -> Coroutines.withTimeout(Duration.ofSeconds(10), () -> {
            Coroutines.sleep(Duration.ofMillis(10));
            return "in time";
        }));
        assertEquals("in time", v);
    }

    @Test
    void aBodyPastTheDeadlineIsCancelledAndTimeoutExceptionIsThrown() throws Exception {
        AtomicBoolean bodyFinally = new AtomicBoolean();
        long t0 = System.nanoTime();
        String outcome = Coroutines.run(() -> {
            try {
                Coroutines.withTimeout(Duration.ofMillis(100), () -> {
                    try {
                        Coroutines.sleep(Duration.ofMinutes(10));
                        return "slept";
                    } finally {
                        bodyFinally.set(true);
                    }
                });
                return "no timeout";
            } catch (TimeoutException e) {
                return "timeout, finally ran: " + bodyFinally.get();
            }
        });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("timeout, finally ran: true", outcome);
        assertTrue(millis >= 100 && millis < 10_000, millis + " ms");
    }

    @Test
    void theBodysOwnExceptionComesOutUnchanged() {
        IOException boom = new IOException("boom");
        IOException seen = assertThrows(IOException.class, () -> Coroutines.run(() ->
                Coroutines.withTimeout(Duration.ofSeconds(10), () -> {
                    Coroutines.yieldNow();
                    throw boom;
                })));
        assertSame(boom, seen);
    }

    @Test
    void aZeroTimeoutThrowsWithoutRunningTheBody() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        assertThrows(TimeoutException.class, () -> Coroutines.run(() ->
                Coroutines.withTimeout(Duration.ZERO, () -> ran.incrementAndGet())));
        assertEquals(0, ran.get());
    }

    @Test
    void nestedTimeoutsEachFireTheirOwn() throws Exception {
        String v = Coroutines.run(() -> Coroutines.withTimeout(Duration.ofSeconds(10), () -> {
            try {
                Coroutines.withTimeout(Duration.ofMillis(30), () -> {
                    Coroutines.sleep(Duration.ofMinutes(1));
                    return "inner slept";
                });
                return "inner did not time out";
            } catch (TimeoutException e) {
                return "inner timed out, outer goes on";
            }
        }));
        assertEquals("inner timed out, outer goes on", v);
    }

    @Test
    void cancellingTheCallerCancelsTheBodyToo() throws Exception {
        CountDownLatch inBody = new CountDownLatch(1);
        AtomicBoolean bodyFinally = new AtomicBoolean();
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> t = s.launch(() -> Coroutines.withTimeout(Duration.ofMinutes(5), () -> {
                try {
                    inBody.countDown();
                    Coroutines.sleep(Duration.ofMinutes(1));
                    return "slept";
                } finally {
                    bodyFinally.set(true);
                }
            }));
            assertTrue(inBody.await(10, TimeUnit.SECONDS));
            t.cancel();
            assertThrows(CancellationException.class, t::join);
            assertTrue(bodyFinally.get());
        }
    }

    @Test
    void worksOnAPlainThread() throws Exception {
        assertThrows(TimeoutException.class, () -> Coroutines.withTimeout(Duration.ofMillis(20), () -> {
            Coroutines.sleep(Duration.ofMinutes(1));
            return "slept";
        }));
        assertEquals(5, Coroutines.withTimeout(Duration.ofSeconds(10), () -> 5));
    }
}
