package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/**
 * A continuation never runs code twice: a suspension that passes through a call jcoro cannot see (a
 * plain interface, reflection) is refused, naming the frame that cannot be resumed.
 */
class NeverRerunTest {
    interface Plain {
        void call();
    }

    interface PlainRunnable {
        void run();
    }

    static final class Impl implements Plain, PlainRunnable {
        @Override
        @Suspendable
        public void call() {
            Continuation.suspend();
        }

        @Override
        @Suspendable
        public void run() {
            Continuation.suspend();
        }
    }

    private int starts;

    @Test
    void suspendingThroughAPlainInterfaceIsRefusedAtTheSuspensionAndTheBodyRunsOnce() {
        Plain p = new Impl();
        Continuation c = new Continuation(() -> {
            starts++;
            p.call();
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: UNINSTRUMENTED_FRAME: cannot suspend: the continuation body "
                + "a lambda or method reference of dev.jcoro.rewrite.NeverRerunTest"), e.getMessage());
        assertTrue(e.getMessage().contains("the outermost saved frame is dev.jcoro.rewrite.NeverRerunTest$Impl.call"), e.getMessage());
        assertTrue(c.isDone());
        assertEquals(1, starts);
    }

    @Suspendable
    void middle(Plain p) {
        starts++;
        p.call();
    }

    @Test
    void anIntermediateFrameWhoseOnlyCallIsPlainIsRefusedAtTheSuspension() {
        Plain p = new Impl();
        Continuation c = new Continuation(() -> middle(p));
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("called from dev.jcoro.rewrite.NeverRerunTest.lambda$"), e.getMessage());
        assertTrue(e.getMessage().contains("the frame saved below it is dev.jcoro.rewrite.NeverRerunTest$Impl.call"), e.getMessage());
        assertEquals(1, starts);
    }

    @Test
    void aPlainInterfaceWhoseMethodIsNamedRunIsCaughtAtTheResumeBeforeAnythingRunsAgain() {
        // Impl.run saves a frame with the same key as SuspendableRunnable.run, so the first resume cannot tell;
        // the body's entry check refuses the second one instead of running the body again.
        PlainRunnable p = new Impl();
        Continuation c = new Continuation(() -> {
            starts++;
            p.run();
        });
        c.resume();
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().startsWith("Pinned: FRAME_MISMATCH: cannot suspend: dev.jcoro.rewrite.NeverRerunTest.lambda$"),
                e.getMessage());
        assertTrue(e.getMessage().contains("it has no call site that can suspend"), e.getMessage());
        assertEquals(1, starts);
        assertTrue(c.isDone());
    }

    @Suspendable
    public static void pause() {
        Continuation.suspend();
    }

    @Test
    void suspendingThroughReflectionIsRefusedAndTheBodyRunsOnce() throws Exception {
        Method m = NeverRerunTest.class.getMethod("pause");
        Continuation c = new Continuation(() -> {
            starts++;
            try {
                m.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, c::resume);
        assertTrue(e.getMessage().contains("the outermost saved frame is dev.jcoro.rewrite.NeverRerunTest.pause"), e.getMessage());
        assertEquals(1, starts);
    }

    @Suspendable
    long throughExcluded(long x) throws Exception {
        return (Long) dev.jcoro.uninstrumented.Excluded.relay(() -> {
            starts++;
            Continuation.suspend();
            return x;
        });
    }

    @Suspendable
    long aboveExcluded(long x) throws Exception {
        return throughExcluded(x);
    }

    @Test
    void suspendingThroughAnExcludedHelperIsRefusedAtTheFirstInstrumentedCaller() {
        String[] refusal = new String[1];
        Continuation c = new Continuation(() -> {
            try {
                aboveExcluded(5);
            } catch (IllegalStateException e) {
                refusal[0] = e.getMessage();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        c.resume();
        assertTrue(c.isDone());
        assertTrue(refusal[0] != null && refusal[0].contains("called from dev.jcoro.rewrite.NeverRerunTest.throughExcluded"),
                String.valueOf(refusal[0]));
        assertEquals(1, starts);
    }

    @Test
    void aMethodReferenceAsTheBodyStillSuspendsAndResumes() {
        Continuation c = new Continuation(NeverRerunTest::pause);
        c.resume();
        c.resume();
        assertTrue(c.isDone());
    }
}
