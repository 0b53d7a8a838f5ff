package dev.jcoro.internal;

import dev.jcoro.SuspendableRunnable;

/**
 * Support for a continuation body that keeps no frame of its own: a <em>stateless forwarder</em> that calls
 * the same {@link SuspendableRunnable} on every resume, which then restores itself from its own saved frame.
 * Saving and restoring a frame for the forwarder would cost as much as any other frame on every suspension
 * and resume, for nothing it needs to remember.
 *
 * <p>Such a forwarder must carry the rewriter's {@link Instrumented} mark (so that the rewriter leaves it a
 * plain method rather than giving it a frame and an entry check), and must call {@link #claimOutermost}
 * after the runnable returns while a capture is under way.
 */
public final class ForwardingBody {
    private ForwardingBody() {
    }

    /**
     * Checks that the runnable a forwarder called saved its own frame as the outermost one, as
     * {@code Continuation.resume()} requires, and refuses the suspension otherwise, naming the runnable (not
     * the forwarder) and why it was not instrumented. Call it right after {@code body.run()} returned, when
     * {@code stack.mode} is {@link FrameStack#CAPTURING}.
     *
     * @param stack the running continuation's stack ({@link FrameStack#current()})
     * @param body the runnable the forwarder called
     * @throws IllegalStateException if {@code body} returned without saving itself (it was not instrumented);
     *     the stack is cleared, so the refusal propagates as an exception
     */
    public static void claimOutermost(FrameStack stack, SuspendableRunnable body) {
        stack.checkOutermost(body);
    }
}
