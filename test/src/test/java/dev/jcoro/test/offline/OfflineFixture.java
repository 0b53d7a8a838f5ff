package dev.jcoro.test.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Coroutines;
import dev.jcoro.Task;
import dev.jcoro.test.CoroutineTest;
import dev.jcoro.test.VirtualTime;
import java.time.Duration;

/**
 * Run by OfflineInstrumentedTestTest from a copy rewritten by the offline instrumenter; the agent is told
 * to leave this package alone (see the pom), so only the offline rewrite can make it work.
 */
public class OfflineFixture {
    @CoroutineTest(timeoutSeconds = 10)
    void sleepsAnHourWithAChild() throws Exception {
        Task<Duration> child = Coroutines.launch(() -> {
            Coroutines.sleep(Duration.ofMinutes(20));
            return VirtualTime.now();
        });
        Coroutines.sleep(Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(20), child.join());
        assertEquals(Duration.ofHours(1), VirtualTime.now());
    }
}
