package dev.jcoro.test.uninstrumented;

import dev.jcoro.Coroutines;
import dev.jcoro.test.CoroutineTest;
import java.time.Duration;

/**
 * Run by CoroutineTestExtensionTest. The agent is told to leave this package alone (see the pom), as if the
 * tests ran without it.
 */
public class UninstrumentedFixture {
    @CoroutineTest
    void sleeps() {
        Coroutines.sleep(Duration.ofSeconds(1));
    }
}
