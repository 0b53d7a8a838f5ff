package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** try/catch/finally around suspensions: handlers see exceptions as if nothing paused. */
class ExceptionsTest {
    private final List<String> log = new ArrayList<>();

    @Suspendable
    private void pause(String where) {
        log.add(where);
        Continuation.suspend();
    }

    @Suspendable
    private int failAfterResume(int x) {
        pause("before throw");
        if (x > 0) {
            throw new IllegalArgumentException("x=" + x);
        }
        return x;
    }

    @Test
    void catchSeesExceptionThrownAfterResume() {
        Steps.runToEnd(() -> {
            try {
                failAfterResume(3);
                log.add("not reached");
            } catch (IllegalArgumentException e) {
                log.add("caught " + e.getMessage());
            } finally {
                log.add("finally");
            }
        });
        assertEquals(List.of("before throw", "caught x=3", "finally"), log);
    }

    @Test
    void suspendInsideTryCatchAndFinally() {
        int suspensions = Steps.runToEnd(() -> {
            int state = 1;
            try {
                pause("try");
                state = 2;
                throw new IllegalStateException("s" + state);
            } catch (IllegalStateException e) {
                pause("catch " + e.getMessage());
                state = 3;
            } finally {
                pause("finally " + state);
            }
            log.add("end " + state);
        });
        assertEquals(3, suspensions);
        assertEquals(List.of("try", "catch s2", "finally 3", "end 3"), log);
    }

    @Test
    void finallyRunsOnceWhenBodyThrowsAfterSuspension() {
        RuntimeException boom = new RuntimeException("boom");
        Continuation c = new Continuation(() -> {
            try {
                pause("in try");
                throw boom;
            } finally {
                log.add("finally");
            }
        });
        c.resume();
        assertEquals(List.of("in try"), log);
        assertSame(boom, assertThrows(RuntimeException.class, c::resume));
        assertEquals(List.of("in try", "finally"), log);
    }

    @Test
    void suspensionIsInvisibleToCatchThrowable() {
        int suspensions = Steps.runToEnd(() -> {
            for (int i = 0; i < 3; i++) {
                try {
                    pause("loop " + i);
                } catch (Throwable t) {
                    log.add("handler saw " + t);
                }
            }
        });
        assertEquals(3, suspensions);
        assertEquals(List.of("loop 0", "loop 1", "loop 2"), log);
    }

    @Test
    void exceptionThrownAfterResumeKeepsTheUsersLineNumbers() {
        Continuation c = new Continuation(() -> failAfterResume(1));
        c.resume();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::resume);
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("failAfterResume", top.getMethodName());
        assertEquals(ExceptionsTest.class.getName(), top.getClassName());
        assertEquals(28, top.getLineNumber());
    }

    @Test
    void nestedTryBlocksWithRethrow() {
        Steps.runToEnd(() -> {
            try {
                try {
                    failAfterResume(5);
                } catch (IllegalArgumentException e) {
                    pause("inner catch");
                    throw new IllegalStateException("wrapped " + e.getMessage(), e);
                } finally {
                    pause("inner finally");
                }
            } catch (IllegalStateException e) {
                log.add(e.getMessage() + " / " + e.getCause().getMessage());
            }
        });
        assertEquals(List.of("before throw", "inner catch", "inner finally", "wrapped x=5 / x=5"), log);
    }
}
