package dev.jcoro;

import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.internal.FrameStack;
import dev.jcoro.internal.ResumeGuard;

/**
 * A body of code that can pause itself in the middle, deep inside calls, and later continue exactly
 * where it stopped, on the same or another thread.
 *
 * <pre>{@code
 * Continuation c = new Continuation(() -> {
 *     System.out.println("one");
 *     Continuation.suspend();
 *     System.out.println("two");
 * });
 * c.resume();   // prints "one"
 * c.resume();   // prints "two"
 * c.isDone();   // true
 * }</pre>
 *
 * <p>The body and every method it calls that may suspend must be {@link Suspendable} and the code must
 * run with the jcoro agent or be instrumented ahead of time. A continuation is resumed by one thread at
 * a time; handing it to another thread between resumes is fine (the hand-off must give the usual
 * happens-before edge, as any {@code java.util.concurrent} queue does).
 */
public final class Continuation {
    private static final int NEW = 0;
    private static final int SUSPENDED = 1;
    private static final int RUNNING = 2;
    private static final int DONE = 3;

    private final SuspendableRunnable body;
    /**
     * The saved frames; taken at the first resume (a stack left by a continuation that ended on the same
     * thread, or a new one) and handed on when the body ends, so a continuation that is new or done holds none.
     */
    private FrameStack stack;
    private int state = NEW;

    /**
     * Creates a continuation that will run {@code body} when first resumed.
     *
     * @param body the code to run
     * @throws NullPointerException if {@code body} is null
     */
    public Continuation(SuspendableRunnable body) {
        if (body == null) {
            throw new NullPointerException("body");
        }
        this.body = body;
    }

    /**
     * Runs the body until it suspends or ends. Call from any thread, one thread at a time.
     *
     * <p>Whatever the body throws (checked exceptions too) comes out of this method unchanged and leaves
     * the continuation done.
     *
     * @throws IllegalStateException if the continuation is done, or running right now, or if it belongs to
     *     a scheduler (the continuation of a coroutine is resumed by its own loop only)
     */
    public void resume() {
        if (body instanceof ResumeGuard) {
            ((ResumeGuard) body).checkResume();
        }
        if (state >= RUNNING) {
            throw new IllegalStateException(state == DONE
                    ? "Continuation.resume(): the continuation is done"
                    : "Continuation.resume(): the continuation is already running");
        }
        boolean restoring = state == SUSPENDED;
        // Before the state changes: taking a stack may allocate, and an OutOfMemoryError must leave it resumable.
        Object slot = ContinuationSupport.slot();
        FrameStack s = restoring ? stack : (stack = ContinuationSupport.take(slot, this));
        state = RUNNING;
        FrameStack previous = ContinuationSupport.mount(slot, s);
        try {
            s.mode = restoring ? FrameStack.RESTORING : FrameStack.RUNNING;
            body.run();
            if (ContinuationSupport.finishRun(s, body)) {
                state = SUSPENDED;
            } else {
                end(slot, s);
            }
        } catch (Throwable t) {
            Throwable thrown = ContinuationSupport.whileCapturing(s, body, t);
            ContinuationSupport.discard(s);
            end(slot, s);
            throw ContinuationSupport.<RuntimeException>sneaky(thrown);
        } finally {
            ContinuationSupport.unmount(slot, previous);
        }
    }

    /** Marks the continuation done and hands its emptied stack to the next continuation to start on this thread. */
    private void end(Object slot, FrameStack s) {
        state = DONE;
        stack = null;
        ContinuationSupport.recycle(slot, s);
    }

    /**
     * Tells whether the body has ended, normally or by an exception.
     *
     * @return true once the body has ended
     */
    public boolean isDone() {
        return state == DONE;
    }

    /**
     * Pauses the innermost continuation running on this thread; the matching {@link #resume()} returns.
     * The next {@code resume()} continues right after this call.
     *
     * @throws IllegalStateException if no continuation runs on this thread, or if a frame between here
     *     and the continuation holds a monitor or was not instrumented (the message names it)
     */
    @Suspendable
    public static void suspend() {
        FrameStack s = FrameStack.current();
        if (s.mode == FrameStack.RESTORING) {
            s.mode = FrameStack.RUNNING;
            return;
        }
        if (ContinuationSupport.owner(s) == null) {
            throw new IllegalStateException("Continuation.suspend() called outside of any continuation: "
                    + "run the code inside a Continuation, a Generator or a coroutine launched on a Scheduler");
        }
        // Refused here, before any frame saves itself, so the refusal unwinds every frame and runs every finally.
        s.checkMaySuspend();
        s.mode = FrameStack.CAPTURING;
    }

    /**
     * The innermost continuation running on this thread.
     *
     * @return the running continuation, or null outside any continuation
     */
    public static Continuation current() {
        return (Continuation) ContinuationSupport.owner(FrameStack.current());
    }

    /**
     * The logical stack of this continuation while it is suspended: the methods it paused in, innermost
     * first, with the source line of each call site. Empty when it is new, running or done.
     *
     * @return a new array; never null
     */
    public StackTraceElement[] getStackTrace() {
        FrameStack s = stack;
        return state == SUSPENDED && s != null ? ContinuationSupport.stackTrace(s) : new StackTraceElement[0];
    }

    @Override
    public String toString() {
        return "Continuation[" + (state == NEW ? "new" : state == SUSPENDED ? "suspended" : state == RUNNING ? "running" : "done") + "]";
    }
}
