package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import org.junit.jupiter.api.Test;

/** Recursion 10,000 frames deep that suspends at the bottom, twice. */
class DeepRecursionTest {

    @Suspendable
    static long sumDown(int n, long acc) {
        if (n == 0) {
            Continuation.suspend();
            Continuation.suspend();
            return acc;
        }
        long below = sumDown(n - 1, acc + n);
        return below + (n % 2 == 0 ? 1 : 0);
    }

    @Test
    void tenThousandFramesSuspendAtTheBottom() {
        long[] out = new long[1];
        Continuation c = new Continuation(() -> out[0] = sumDown(10_000, 0));
        c.resume();
        assertEquals(10_002, c.getStackTrace().length);
        assertEquals(2, Steps.runToEnd(c) + 1);
        assertEquals(10_000L * 10_001 / 2 + 5_000, out[0]);
    }
}
