package dev.jcoro.fuzz;

import dev.jcoro.Continuation;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.fuzz.gen.Rt;
import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.internal.FrameStack;
import java.lang.reflect.Field;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a compiled program as plain Java, or inside a {@link Continuation} resumed until it is done, now
 * and then from another thread.
 */
final class ProgramRunner implements AutoCloseable {
    /** Far above what the generator's cost budget allows; more means the continuation never ends. */
    static final int MAX_RESUMES = 200_000;

    private final ExecutorService otherThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-other-resumer");
        t.setDaemon(true);
        return t;
    });

    /**
     * What a run inside a continuation did.
     *
     * @param outcome the program's result or exception
     * @param suspensions how often it suspended
     * @param resumedElsewhere how many resumes ran on the other thread
     * @param maxDepth the most frames suspended at once, from {@link Continuation#getStackTrace()}
     * @param pauses how many of the program's pauses suspended its continuation, as the program counted them
     * @param leftOver what the frame stack still held after the run, or null when it was empty as it must be
     */
    record Run(Outcome outcome, int suspensions, int resumedElsewhere, int maxDepth, int pauses, String leftOver) {
    }

    private static final Field STACK;

    static {
        try {
            STACK = Continuation.class.getDeclaredField("stack");
            STACK.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What the stack mounted on this thread holds outside any continuation; null when nothing, as it must be. */
    static String leftOverOnThisThread() {
        FrameStack mounted = FrameStack.current();
        return ContinuationSupport.owner(mounted) != null || !ContinuationSupport.isEmpty(mounted)
                ? "a frame stack is still mounted on the thread, or the thread's stack is not empty" : null;
    }

    /** What the stack of {@code c}, and the stack mounted on this thread, still hold; null when both are empty. */
    static String leftOver(Continuation c) {
        try {
            FrameStack own = (FrameStack) STACK.get(c);
            FrameStack mounted = FrameStack.current();
            // An ended continuation hands its emptied stack on (FrameStack.recycle asserts that it is empty).
            if (c.isDone() && own != null) {
                return "the continuation still holds a frame stack after it ended";
            }
            if (own != null && !ContinuationSupport.isEmpty(own)) {
                return "the continuation's frame stack is not empty after it ended";
            }
            if (ContinuationSupport.owner(mounted) != null || !ContinuationSupport.isEmpty(mounted)) {
                return "a frame stack is still mounted on the thread, or the thread's stack is not empty";
            }
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls the program directly on this thread, outside any continuation. */
    Outcome runPlain(Class<?> program) {
        try {
            return Outcome.returned(instantiate(program).call());
        } catch (Throwable t) {
            return Outcome.threw(t);
        }
    }

    /**
     * Runs the program inside a continuation, resuming it until it is done.
     *
     * @param program the instrumented program class
     * @param rnd picks which resumes run on the other thread
     * @return the outcome and what the continuation did
     */
    Run runInContinuation(Class<?> program, SplittableRandom rnd) {
        SuspendableCallable<String> p;
        try {
            p = instantiate(program);
        } catch (Throwable t) {
            return new Run(Outcome.threw(t), 0, 0, 0, 0, null);
        }
        String[] result = new String[1];
        Throwable[] thrown = new Throwable[1];
        Continuation c = new Continuation(() -> {
            try {
                result[0] = p.call();
            } catch (Exception e) {
                thrown[0] = e;
            }
        });
        int resumes = 0;
        int suspensions = 0;
        int elsewhere = 0;
        int maxDepth = 0;
        try {
            while (!c.isDone()) {
                if (resumes == MAX_RESUMES) {
                    return new Run(Outcome.threw(new IllegalStateException("still not done after " + resumes + " resumes")),
                            suspensions, elsewhere, maxDepth, Rt.suspensions, null);
                }
                if (resumes > 0 && rnd.nextInt(4) == 0) {
                    // Another thread: the frames must not depend on the thread that captured them.
                    elsewhere++;
                    resumeOn(c);
                } else {
                    c.resume();
                }
                resumes++;
                if (!c.isDone()) {
                    suspensions++;
                    maxDepth = Math.max(maxDepth, c.getStackTrace().length);
                }
            }
        } catch (Throwable t) {
            return new Run(Outcome.threw(t), suspensions, elsewhere, maxDepth, Rt.suspensions, leftOver(c));
        }
        Outcome outcome = thrown[0] != null ? Outcome.threw(thrown[0]) : Outcome.returned(result[0]);
        return new Run(outcome, suspensions, elsewhere, maxDepth, Rt.suspensions, leftOver(c));
    }

    private void resumeOn(Continuation c) throws Throwable {
        try {
            otherThread.submit(c::resume).get();
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static SuspendableCallable<String> instantiate(Class<?> program) throws ReflectiveOperationException {
        return (SuspendableCallable<String>) program.getDeclaredConstructor().newInstance();
    }

    @Override
    public void close() {
        otherThread.shutdownNow();
    }
}
