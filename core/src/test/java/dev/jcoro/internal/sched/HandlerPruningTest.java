package dev.jcoro.internal.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.Task;
import dev.jcoro.sync.Channel;
import dev.jcoro.sync.Select;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HandlerPruningTest {
    @Test
    void pollingALongTaskWithTimeoutsDoesNotPileUpHandlers() throws Exception {
        CompletableFuture<String> gate = new CompletableFuture<>();
        Channel<String> never = new Channel<>(0);
        try (Scheduler s = Scheduler.create(2)) {
            Coroutine<String> longTask = (Coroutine<String>) s.launch(() -> Coroutines.await(gate));
            Task<Integer> poller = s.launch(() -> {
                int timeouts = 0;
                for (int i = 0; i < 1000; i++) {
                    try {
                        longTask.joinWithin(Duration.ZERO);
                    } catch (TimeoutException e) {
                        timeouts++;
                    }
                    new Select<String>().onJoin(longTask, t -> "ended").onReceive(never, v -> v)
                            .onTimeout(Duration.ZERO, () -> "not yet").await();
                }
                return timeouts;
            });
            assertEquals(1000, poller.join());
            assertTrue(longTask.pendingHandlers() <= 64, "handlers kept: " + longTask.pendingHandlers());
            Task<String> joiner = s.launch(() -> longTask.join());
            assertThrows(TimeoutException.class, () -> joiner.joinWithin(Duration.ofMillis(20)));
            gate.complete("done");
            assertEquals("done", joiner.join(), "a live joiner is kept through the pruning");
        }
    }
}
