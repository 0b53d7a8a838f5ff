package dev.jcoro.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What a frame stack holds: nothing of its own before the first suspension, exactly the live values and frame
 * words of the frames it parked after one, and the same arrays again for a later suspension no deeper; and
 * how a continuation that ends hands its stack to the next one started on the same thread.
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
    void aContinuationHoldsAFrameStackOnlyBetweenItsFirstResumeAndItsEnd() throws Exception {
        Continuation c = new Continuation(() -> sink += pause(1));
        assertNull(stackOf(c), "a new continuation has no stack yet");
        c.resume();
        assertSame(c, stackOf(c).owner);
        c.resume();
        assertTrue(c.isDone());
        assertNull(stackOf(c), "an ended continuation has handed its stack on");
    }

    @Test
    void aContinuationThatNeverSuspendedSharesEmptyArrays() throws Exception {
        onFreshThread(() -> {
            FrameStack[] seen = new FrameStack[2];
            new Continuation(() -> seen[0] = FrameStack.current()).resume();
            assertEquals(0, ((long[]) field(seen[0], "prims")).length);
            assertEquals(0, ((Object[]) field(seen[0], "refs")).length);
            assertEquals(null, field(seen[0], "pins"), "no pin array before the first pin");
            Thread other = new Thread(() -> new Continuation(() -> seen[1] = FrameStack.current()).resume());
            other.start();
            other.join();
            assertSame(field(seen[0], "prims"), field(seen[1], "prims"));
            assertSame(field(seen[0], "refs"), field(seen[1], "refs"));
        });
    }

    @Test
    void aContinuationThatEndsHandsItsStackAndArraysToTheNextOneStartedOnTheSameThread() throws Exception {
        onFreshThread(() -> {
            Continuation first = new Continuation(() -> sink += pause(1));
            first.resume();
            FrameStack s = stackOf(first);
            long[] prims = (long[]) field(s, "prims");
            first.resume();
            Continuation[] current = new Continuation[1];
            Continuation second = new Continuation(() -> {
                current[0] = Continuation.current();
                sink += pause(2);
            });
            second.resume();
            assertSame(s, stackOf(second));
            assertSame(second, current[0], "the reused stack belongs to its new continuation");
            assertSame(prims, field(s, "prims"), "a capture of the same size needs no new array");
            second.resume();
            assertTrue(second.isDone());
        });
    }

    @Test
    void aReusedStackIsCutToTheFirstCaptureOfItsNewContinuation() throws Exception {
        onFreshThread(() -> {
            depth = 5;
            Continuation deep = new Continuation(() -> sink += down(depth, 1));
            deep.resume();
            deep.resume();
            Continuation shallow = new Continuation(() -> sink += pause(1));
            shallow.resume();
            FrameStack s = stackOf(shallow);
            // pause's frame (x and its word) and the body's (sink under the call, and its word): no slack left.
            assertEquals(4, field(s, "primTop"));
            assertEquals(4, ((long[]) field(s, "prims")).length);
            assertEquals(0, ((Object[]) field(s, "refs")).length);
            shallow.resume();
        });
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

    @Test
    void aContinuationThatThrowsHandsOnAnEmptiedStack() throws Exception {
        onFreshThread(() -> {
            Continuation failing = new Continuation(() -> {
                sink += down(3, 1);
                throw new IllegalArgumentException("after the pause");
            });
            failing.resume();
            FrameStack s = stackOf(failing);
            assertThrows(IllegalArgumentException.class, failing::resume);
            assertNull(stackOf(failing));
            assertTrue(Arrays.stream((Object[]) field(s, "refs")).allMatch(r -> r == null), "no reference is kept alive");
            Object[] seen = new Object[3];
            Continuation next = new Continuation(() -> {
                FrameStack mine = FrameStack.current();
                seen[0] = mine;
                seen[1] = mine.owner;
                seen[2] = mine.isEmpty();
            });
            next.resume();
            assertSame(s, seen[0]);
            assertSame(next, seen[1]);
            assertEquals(true, seen[2], "the reused stack holds nothing of the failed continuation");
        });
    }

    @Test
    void aThreadDoesNotKeepTheArraysOfADeepContinuation() throws Exception {
        onFreshThread(() -> {
            depth = 30;
            Continuation deep = new Continuation(() -> sink += down(depth, 1));
            deep.resume();
            FrameStack s = stackOf(deep);
            assertTrue(((long[]) field(s, "prims")).length > 64);
            deep.resume();
            FrameStack[] seen = new FrameStack[1];
            new Continuation(() -> seen[0] = FrameStack.current()).resume();
            assertSame(s, seen[0]);
            assertEquals(0, ((long[]) field(s, "prims")).length, "the spare stack kept no array beyond 64 slots");
        });
    }

    /** Runs {@code test} on a thread of its own, so that no stack left by another test is reused. */
    private static void onFreshThread(ThrowingRunnable test) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                test.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] instanceof Exception) {
            throw (Exception) failure[0];
        } else if (failure[0] != null) {
            throw (Error) failure[0];
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
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
