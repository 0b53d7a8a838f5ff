package dev.jcoro.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What a frame stack holds: nothing of its own before the first suspension, exactly the live values and frame
 * words of the frames it parked after one, and the same arrays again for a later suspension no deeper.
 */
class FrameStackTest {
    /** Each frame of {@link #down} keeps an int, a long and a String live across its call: two primitive slots, a word, a reference. */
    private static final int PRIMS_PER_FRAME = 3;
    private static int depth;
    private static long sink;

    @Suspendable
    static long down(int n, long x) {
        int i = n * 3;
        long l = x + 7;
        String s = n % 2 == 0 ? "even" : "odd";
        long r = n == 0 ? pause(x) : down(n - 1, x + 1);
        return r + i + l + s.length();
    }

    @Suspendable
    static long pause(long x) {
        Continuation.suspend();
        return x;
    }

    @Test
    void aContinuationThatNeverSuspendedSharesEmptyArrays() throws Exception {
        FrameStack a = stackOf(new Continuation(() -> { }));
        FrameStack b = stackOf(new Continuation(() -> { }));
        assertEquals(0, ((long[]) field(a, "prims")).length);
        assertSame(field(a, "prims"), field(b, "prims"));
        assertSame(field(a, "refs"), field(b, "refs"));
        assertEquals(null, field(a, "pins"), "no pin array before the first pin");
    }

    @Test
    void aParkedContinuationHoldsExactlyItsFramesAndAShallowerSuspensionReusesThem() throws Exception {
        Continuation c = new Continuation(() -> {
            while (true) {
                long r = down(depth, 1);
                sink += r;
            }
        });
        depth = 9;
        c.resume();
        FrameStack s = stackOf(c);
        long[] prims = (long[]) field(s, "prims");
        Object[] refs = (Object[]) field(s, "refs");
        // Ten frames of down, one of pause (x and its word), the body's loop frame (its word).
        int expectedPrims = 10 * PRIMS_PER_FRAME + 2 + 1;
        assertEquals(expectedPrims, field(s, "primTop"));
        assertEquals(expectedPrims, prims.length, "no slack after the capture: " + Arrays.toString(prims));
        assertEquals(10, field(s, "refTop"));
        assertEquals(10, refs.length);
        assertEquals(16 + 8 * expectedPrims + 16 + 4 * 10, s.retainedArrayBytes());

        depth = 3;
        c.resume();
        assertSame(prims, field(s, "prims"), "a shallower capture fits in the arrays it has");
        assertSame(refs, field(s, "refs"));
        assertEquals(4 * PRIMS_PER_FRAME + 2 + 1, field(s, "primTop"));
        assertTrue(Arrays.stream(refs, 4, refs.length).allMatch(r -> r == null), "the restored frames' references are cleared");
    }

    @Test
    void theStackTraceWalksTheFramesFromTheMethodTable() {
        Continuation c = new Continuation(() -> sink += down(2, 1));
        c.resume();
        StackTraceElement[] trace = c.getStackTrace();
        assertEquals(java.util.List.of("pause", "down", "down", "down"),
                Arrays.stream(trace).limit(4).map(StackTraceElement::getMethodName).toList());
        assertEquals(5, trace.length, Arrays.toString(trace));
        c.resume();
        assertTrue(c.isDone());
    }

    private static FrameStack stackOf(Continuation c) throws ReflectiveOperationException {
        return (FrameStack) field(c, "stack");
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
