package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Suspensions that cannot be done are refused with a message naming the frame, never done wrongly. */
class PinnedTest {
    private final Object lock = new Object();
    private final List<String> log = new ArrayList<>();

    @Suspendable
    static void pause() {
        Continuation.suspend();
    }

    @Suspendable
    void insideSynchronizedBlock() {
        synchronized (lock) {
            pause();
        }
    }

    @Suspendable
    synchronized void synchronizedMethod() {
        pause();
    }

    @Test
    void suspendInsideSynchronizedBlockIsRefusedNamingTheMethod() {
        Continuation c = new Continuation(this::insideSynchronizedBlock);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("MONITOR"), e.getMessage());
        assertTrue(e.getMessage().contains("PinnedTest.insideSynchronizedBlock"), e.getMessage());
        assertTrue(e.getMessage().contains("synchronized"), e.getMessage());
        assertFalse(Thread.holdsLock(lock), "the monitor is released by the exception");
        assertTrue(c.isDone());
    }

    @Test
    void suspendInsideSynchronizedMethodIsRefused() {
        Continuation c = new Continuation(this::synchronizedMethod);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("PinnedTest.synchronizedMethod"), e.getMessage());
        assertTrue(e.getMessage().contains("holds a monitor"), e.getMessage());
    }

    @Test
    void refusedSuspensionCanBeCaughtAndTheContinuationGoesOn() {
        int suspensions = Steps.runToEnd(() -> {
            try {
                insideSynchronizedBlock();
            } catch (IllegalStateException e) {
                log.add("refused");
            }
            pause();
            log.add("after");
        });
        assertEquals(1, suspensions);
        assertEquals(List.of("refused", "after"), log);
    }

    @Test
    void suspendThroughForEachLambdaNamesTheUninstrumentedFrame() {
        List<Integer> items = List.of(1, 2, 3);
        Continuation c = new Continuation(() -> items.forEach(x -> {
            log.add("item " + x);
            pause();
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: PLAIN_CALLER: cannot suspend: the lambda dev.jcoro.rewrite.PinnedTest.lambda$"),
                e.getMessage());
        assertTrue(e.getMessage().contains("(a java.util.function.Consumer)"), e.getMessage());
        assertTrue(e.getMessage().contains("use a plain for loop"), e.getMessage());
        assertFalse(e.getMessage().contains("annotate"), "advice the user can follow, not \"annotate Consumer\"");
        assertEquals(List.of("item 1"), log, "nothing ran on after the refused suspension");
    }

    @Test
    void suspendThroughMethodReferenceInForEachIsRefused() {
        List<Integer> items = new ArrayList<>(List.of(1));
        Continuation c = new Continuation(() -> {
            items.forEach(this::record);
            log.add("after forEach");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: PLAIN_CALLER: cannot suspend: the method reference dev.jcoro.rewrite.PinnedTest::record "
                + "used as java.util.function.Consumer in dev.jcoro.rewrite.PinnedTest.lambda$"), e.getMessage());
        assertTrue(e.getMessage().contains("use a plain for loop"), e.getMessage());
        assertFalse(log.contains("after forEach"), String.valueOf(log));
    }

    @Suspendable
    void record(Integer x) {
        log.add("record " + x);
        pause();
    }

    @Test
    void continuationBodyThatWasNotInstrumentedIsReported() {
        Continuation c = new Continuation(new dev.jcoro.uninstrumented.PlainBody());
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("UNINSTRUMENTED_FRAME"), e.getMessage());
        assertTrue(e.getMessage().contains("PlainBody"), e.getMessage());
        assertTrue(c.isDone());
    }

    @Suspendable
    void suspendAfterSynchronizedBlockInsideTry() {
        try {
            synchronized (lock) {
                log.add("inside");
            }
        } catch (RuntimeException e) {
            log.add("caught " + e);
        }
        pause();
        log.add("resumed");
    }

    @Test
    void suspensionAfterASynchronizedBlockInsideATryIsAllowed() {
        assertEquals(1, Steps.runToEnd(this::suspendAfterSynchronizedBlockInsideTry));
        assertEquals(List.of("inside", "resumed"), log);
    }
}
