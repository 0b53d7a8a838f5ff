package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * Once a continuation's frame stack has grown to its deepest suspension, suspending and resuming
 * allocates nothing: values go into the stack's own arrays, never into boxes or per-frame objects.
 * Measured in bytes allocated by this thread, not in time.
 */
class AllocationTest {
    private static long sink;

    @Suspendable
    static long frame(int depth, long a, double b, Object c) {
        if (depth == 0) {
            Continuation.suspend();
            return a + (long) b;
        }
        long r = frame(depth - 1, a + 1, b * 0.5, c);
        return r + (c == null ? 0 : 1);
    }

    @Test
    void suspendAndResumeTenFramesDeepAllocateNothingOnceGrown() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Continuation c = new Continuation(() -> {
            while (true) {
                sink += frame(10, 1, 2.0, "x");
            }
        });
        for (int i = 0; i < 20_000; i++) {
            c.resume();
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            c.resume();
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // A little slack for the measurement itself; one byte per round trip would already be 100 KB.
        assertTrue(allocated < 16_384, "allocated " + allocated + " bytes over 100,000 round trips");
        assertEquals(12, c.getStackTrace().length);
    }
}
