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
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * A refused suspension is decided at the suspension point, before any frame saves itself, so it unwinds
 * every frame as an ordinary exception: every {@code finally} between the suspension and the refusing
 * frame runs, and a lock released there is released.
 */
class RefusalUnwindsTest {
    private static final Object LOCK = new Object();
    private final List<String> log = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    @Suspendable
    void inner() {
        lock.lock();
        try {
            Continuation.suspend();
            log.add("inner after suspend");
        } finally {
            lock.unlock();
            log.add("inner finally");
        }
    }

    @Suspendable
    void middle() {
        try {
            inner();
        } finally {
            log.add("middle finally");
        }
    }

    @Suspendable
    void outerSynchronizedBlock() {
        synchronized (LOCK) {
            middle();
        }
    }

    @Suspendable
    synchronized void outerSynchronizedMethod() {
        middle();
    }

    @Test
    void refusalUnderASynchronizedBlockRunsTheFinallyOfEveryFrameBelowIt() {
        Continuation c = new Continuation(this::outerSynchronizedBlock);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: MONITOR: cannot suspend: dev.jcoro.rewrite.RefusalUnwindsTest.outerSynchronizedBlock "
                + "(RefusalUnwindsTest.java:"), e.getMessage());
        assertEquals(List.of("inner finally", "middle finally"), log);
        assertFalse(lock.isLocked(), "the ReentrantLock taken below the refusing frame is released");
        assertFalse(Thread.holdsLock(LOCK));
        assertTrue(c.isDone());
    }

    @Test
    void refusalUnderASynchronizedMethodRunsEveryFinally() {
        Continuation c = new Continuation(this::outerSynchronizedMethod);
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("RefusalUnwindsTest.outerSynchronizedMethod"), e.getMessage());
        assertEquals(List.of("inner finally", "middle finally"), log);
        assertFalse(lock.isLocked());
    }

    @Test
    void refusalThroughAForEachLambdaRunsTheHelpersFinally() {
        List<Integer> items = List.of(1, 2);
        Continuation c = new Continuation(() -> items.forEach(x -> middle()));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: PLAIN_CALLER"), e.getMessage());
        assertEquals(List.of("inner finally", "middle finally"), log, "one item, both finally blocks, nothing after");
        assertFalse(lock.isLocked());
    }

    @Test
    void refusalCaughtInsideTheMonitorLeavesNoPinBehind() {
        int suspensions = Steps.runToEnd(() -> {
            synchronized (LOCK) {
                try {
                    middle();
                } catch (IllegalStateException refused) {
                    log.add("refused");
                }
            }
            middle();
            log.add("end");
        });
        assertEquals(1, suspensions, "the suspension after the synchronized block goes through");
        assertEquals(List.of("inner finally", "middle finally", "refused", "inner after suspend", "inner finally", "middle finally", "end"),
                log);
    }

    @Suspendable
    void throwsUnderMonitor() {
        synchronized (LOCK) {
            thrower();
        }
    }

    @Suspendable
    static void thrower() {
        throw new IllegalArgumentException("from under the monitor");
    }

    @Test
    void anExceptionFromAPinnedCallEndsItsPin() {
        int suspensions = Steps.runToEnd(() -> {
            try {
                throwsUnderMonitor();
            } catch (IllegalArgumentException expected) {
                log.add(expected.getMessage());
            }
            middle();
        });
        assertEquals(1, suspensions, "no pin outlives the call that threw");
        assertEquals("from under the monitor", log.get(0));
    }
}
