package dev.jcoro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ContinuationTest {

    @Test
    void resumeRunsUntilTheNextSuspension() {
        List<String> log = new ArrayList<>();
        Continuation c = new Continuation(() -> {
            log.add("one");
            Continuation.suspend();
            log.add("two");
            Continuation.suspend();
            log.add("three");
        });
        assertFalse(c.isDone());
        c.resume();
        assertEquals(List.of("one"), log);
        assertFalse(c.isDone());
        c.resume();
        assertEquals(List.of("one", "two"), log);
        c.resume();
        assertEquals(List.of("one", "two", "three"), log);
        assertTrue(c.isDone());
    }

    @Test
    void resumeOnDoneContinuationThrows() {
        Continuation c = new Continuation(() -> { });
        c.resume();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("done"), e.getMessage());
    }

    @Test
    void resumeOfTheRunningContinuationThrows() {
        Continuation[] self = new Continuation[1];
        List<String> seen = new ArrayList<>();
        self[0] = new Continuation(() -> {
            try {
                self[0].resume();
            } catch (IllegalStateException e) {
                seen.add(e.getMessage());
            }
        });
        self[0].resume();
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).contains("already running"), seen.get(0));
    }

    @Test
    void bodyExceptionComesOutOfResumeUnchangedAndLeavesItDone() {
        IllegalArgumentException thrown = new IllegalArgumentException("boom");
        Continuation c = new Continuation(() -> {
            Continuation.suspend();
            throw thrown;
        });
        c.resume();
        IllegalArgumentException caught = assertThrows(IllegalArgumentException.class, c::resume);
        assertSame(thrown, caught);
        assertTrue(c.isDone());
    }

    @Test
    void checkedExceptionComesOutOfResumeUnchanged() {
        IOException thrown = new IOException("disk");
        Continuation c = new Continuation(() -> {
            Continuation.suspend();
            Sneaky.throwIt(thrown);
        });
        c.resume();
        Throwable caught = assertThrows(Throwable.class, c::resume);
        assertSame(thrown, caught);
        assertTrue(c.isDone());
    }

    @Test
    void suspendOutsideAContinuationThrowsAndSaysSo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Continuation::suspend);
        assertTrue(e.getMessage().contains("outside of any continuation"), e.getMessage());
    }

    @Test
    void currentIsNullOutsideAndTheInnermostInside() {
        assertNull(Continuation.current());
        Continuation[] seen = new Continuation[3];
        Continuation outer = new Continuation(() -> {
            seen[0] = Continuation.current();
            Continuation inner = new Continuation(() -> seen[1] = Continuation.current());
            inner.resume();
            seen[2] = Continuation.current();
        });
        outer.resume();
        assertSame(outer, seen[0]);
        assertFalse(seen[1] == outer || seen[1] == null);
        assertSame(outer, seen[2]);
        assertNull(Continuation.current());
    }

    @Test
    void nestedContinuationSuspendsOnlyItself() {
        List<String> log = new ArrayList<>();
        Continuation outer = new Continuation(() -> {
            Continuation inner = new Continuation(() -> {
                log.add("inner 1");
                Continuation.suspend();
                log.add("inner 2");
            });
            inner.resume();
            log.add("outer after inner suspended");
            inner.resume();
            log.add("outer after inner done " + inner.isDone());
            Continuation.suspend();
            log.add("outer 2");
        });
        outer.resume();
        assertEquals(List.of("inner 1", "outer after inner suspended", "inner 2", "outer after inner done true"), log);
        outer.resume();
        assertEquals("outer 2", log.get(log.size() - 1));
        assertTrue(outer.isDone());
    }

    @Test
    void resumedOnADifferentThreadEachTime() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        long[] sum = {0};
        Continuation c = new Continuation(() -> {
            long local = 0;
            for (int i = 0; i < 10; i++) {
                threads.add(Thread.currentThread().getName());
                local += i;
                Continuation.suspend();
            }
            sum[0] = local;
        });
        assertEquals(10, Steps.runHopping(c));
        assertEquals(45, sum[0]);
        assertEquals(2, threads.size());
    }

    @Test
    void stackTraceShowsTheLogicalStackInnermostFirst() {
        Continuation c = new Continuation(() -> Frames.outer());
        assertEquals(0, c.getStackTrace().length);
        c.resume();
        StackTraceElement[] trace = c.getStackTrace();
        assertArrayEquals(new String[] {"inner", "outer"},
                java.util.Arrays.stream(trace).limit(2).map(StackTraceElement::getMethodName).toArray());
        assertEquals(Frames.class.getName(), trace[0].getClassName());
        assertEquals(Frames.INNER_SUSPEND_LINE, trace[0].getLineNumber());
        assertEquals("ContinuationTest.java", trace[0].getFileName());
        c.resume();
        assertEquals(0, c.getStackTrace().length);
    }

    @Test
    void suspendableMethodsRunAsPlainJavaOutsideAContinuation() {
        assertEquals(42, Frames.pureAnswer());
    }

    static final class Frames {
        static final int INNER_SUSPEND_LINE = 185;

        @Suspendable
        static void outer() {
            inner();
        }

        @Suspendable
        static void inner() {
            Continuation.suspend(); // keep INNER_SUSPEND_LINE equal to this line number
        }

        @Suspendable
        static int pureAnswer() {
            int x = 40;
            helper();
            return x + 2;
        }

        @Suspendable
        static void helper() {
            if (Continuation.current() != null) {
                Continuation.suspend();
            }
        }
    }

    static final class Sneaky {
        @SuppressWarnings("unchecked")
        static <T extends Throwable> void throwIt(Throwable t) throws T {
            throw (T) t;
        }
    }
}
