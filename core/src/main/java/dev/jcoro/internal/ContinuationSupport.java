package dev.jcoro.internal;

/**
 * The package-private side of {@link FrameStack} that {@link dev.jcoro.Continuation} needs; kept out of
 * the public API so users see only the continuation's own small surface.
 */
public final class ContinuationSupport {
    private ContinuationSupport() {
    }

    /**
     * This thread's mount slot, to be handed to the other methods of one resume, so that a resume looks the
     * thread up once.
     */
    public static Object slot() {
        return FrameStack.slot();
    }

    /** A frame stack for {@code owner}'s first resume on the thread of {@code slot}: a spare one, or a new one. */
    public static FrameStack take(Object slot, Object owner) {
        return FrameStack.take(slot, owner);
    }

    /** Hands the empty stack of a continuation that has ended to the next continuation that starts on this thread. */
    public static void recycle(Object slot, FrameStack s) {
        FrameStack.recycle(slot, s);
    }

    public static Object owner(FrameStack s) {
        return s.owner;
    }

    /** Mounts {@code s} on the thread of {@code slot}; returns what was mounted before, for {@link #unmount}. */
    public static FrameStack mount(Object slot, FrameStack s) {
        return FrameStack.mount(slot, s);
    }

    public static void unmount(Object slot, FrameStack previous) {
        FrameStack.unmount(slot, previous);
    }

    /**
     * Settles the stack after the body returned: true if it returned because it suspended.
     *
     * @throws IllegalStateException if the body returned while restoring (it did not restore its frames),
     *     or while capturing without its own frame outermost (a frame between it and the suspension was
     *     not instrumented and ran on)
     */
    public static boolean finishRun(FrameStack s, Object body) {
        if (s.mode != FrameStack.CAPTURING) {
            if (s.mode == FrameStack.RESTORING) {
                s.reset();
                Object named = refusalSubject(body);
                throw Pinned.UNINSTRUMENTED_FRAME.exception("the continuation body " + UninstrumentedCaller.describeObject(named),
                        "it was resumed but did not restore its frames; " + UninstrumentedCaller.cause(named.getClass()));
            }
            s.reset();
            return false;
        }
        try {
            s.checkOutermost(refusalSubject(body));
        } catch (IllegalStateException e) {
            s.reset();
            throw e;
        }
        s.trimAfterCapture();
        s.mode = FrameStack.RUNNING;
        return true;
    }

    /**
     * What a body that threw {@code t} really failed with: {@code t} itself, unless a capture was under way,
     * in which case a frame that was not instrumented ran on with placeholder results and threw; then the
     * refused suspension, with {@code t} as its cause.
     */
    public static Throwable whileCapturing(FrameStack s, Object body, Throwable t) {
        if (s.mode != FrameStack.CAPTURING) {
            return t;
        }
        IllegalStateException e = Pinned.UNINSTRUMENTED_FRAME.exception("a frame below the continuation body "
                        + UninstrumentedCaller.describeObject(refusalSubject(body)),
                "it ran on while a suspension was under way and threw " + t);
        e.initCause(t);
        return e;
    }

    /** What a refusal names for {@code body} ({@link ResumeGuard#refusalSubject()}). */
    private static Object refusalSubject(Object body) {
        return body instanceof ResumeGuard ? ((ResumeGuard) body).refusalSubject() : body;
    }

    /** Forgets everything the stack holds: the continuation has ended. */
    public static void discard(FrameStack s) {
        s.reset();
    }

    /** True when {@code s} holds no saved value, frame or pin and is in the running mode (for tests and checks). */
    public static boolean isEmpty(FrameStack s) {
        return s.isEmpty();
    }

    public static StackTraceElement[] stackTrace(FrameStack s) {
        return s.stackTrace();
    }

    public static long retainedBytes(FrameStack s) {
        return s.retainedArrayBytes();
    }

    @SuppressWarnings("unchecked")
    public static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
