package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class JoinWithinTest {
    @Test
    void aTaskThatEndsInTimeGivesItsValueAndOneThatDoesNotKeepsRunning() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        try (Scheduler s = Scheduler.create(2)) {
            Task<String> slow = s.launch(() -> Coroutines.await(gate));
            Task<String> waiter = s.launch(() -> {
                try {
                    return slow.joinWithin(Duration.ofMillis(20));
                } catch (TimeoutException e) {
                    return "timed out";
                }
            });
            assertEquals("timed out", waiter.join());
            assertFalse(slow.isDone());
            gate.complete("done");
            assertEquals("done", s.launch(() -> slow.joinWithin(Duration.ofSeconds(10))).join());
        }
    }

    @Test
    void aPlainThreadWaitsAtMostTheTimeout() throws Exception {
        try (Scheduler s = Scheduler.create(1)) {
            Task<String> slow = s.launch(() -> {
                Coroutines.sleep(Duration.ofMillis(200));
                return "late";
            });
            assertThrows(TimeoutException.class, () -> slow.joinWithin(Duration.ofMillis(10)));
            assertEquals("late", slow.joinWithin(Duration.ofSeconds(10)));
        }
    }

    @Test
    void theTasksOwnFailureComesOutUnchanged() throws Exception {
        IOException boom = new IOException("boom");
        try (Scheduler s = Scheduler.create(1)) {
            Task<Object> failing = s.launch(() -> {
                throw boom;
            });
            assertEquals(boom, assertThrows(IOException.class, () -> failing.joinWithin(Duration.ofSeconds(5))));
        }
    }
}
