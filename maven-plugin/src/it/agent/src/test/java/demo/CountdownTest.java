package demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classes on disk are plain: the agent rewrites them as they load. */
class CountdownTest {

    @Test
    void pausesAtEachNumber() {
        List<Integer> seen = new ArrayList<>();
        Continuation c = new Continuation(() -> Countdown.count(2, seen));
        c.resume();
        assertEquals(List.of(2), seen);
        assertFalse(c.isDone());
        c.resume();
        c.resume();
        assertEquals(List.of(2, 1), seen);
        assertTrue(c.isDone());
    }

    @Suspendable
    private static String nap() {
        Coroutines.sleep(Duration.ofMillis(1));
        return "awake";
    }

    @Test
    void sleepsOnTheScheduler() throws Exception {
        assertEquals("awake", Coroutines.run(CountdownTest::nap));
    }
}
