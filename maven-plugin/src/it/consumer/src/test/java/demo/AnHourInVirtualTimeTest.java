package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Coroutines;
import dev.jcoro.test.CoroutineTest;
import dev.jcoro.test.VirtualTime;
import java.time.Duration;

/** jcoro-test in a consumer project: the test method is a coroutine on virtual time, rewritten by instrument-tests. */
class AnHourInVirtualTimeTest {

    @CoroutineTest
    void anHourOfSleepPassesAtOnce() {
        long start = System.nanoTime();
        Coroutines.sleep(Duration.ofHours(1));
        assertEquals(Duration.ofHours(1), VirtualTime.now());
        // Real time: the bound is loose on purpose (a loaded CI machine); an hour is what is being skipped.
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "the hour took real time");
    }
}
