package dev.jcoro.internal;

/**
 * The package-private side of {@link FrameStack} that {@link dev.jcoro.Continuation} needs; kept out of
 * the public API so users see only the continuation's own small surface.
 */
public final class ContinuationSupport {
    private ContinuationSupport() {
    }

    public static FrameStack newStack(Object owner) {
        return new FrameStack(owner);
    }

    public static Object owner(FrameStack s) {
        return s.owner;
    }

    public static FrameStack mount(FrameStack s) {
        return FrameStack.mount(s);
    }

    public static void unmount(FrameStack previous) {
        FrameStack.unmount(previous);
    }

    /**
     * Settles the stack after the body returned: true if it returned because it suspended.
     *
     * @throws IllegalStateException if the body returned while capturing but saved no frame: the body
     *     itself was not instrumented
     */
    public static boolean finishRun(FrameStack s, Object body) {
        if (s.mode != FrameStack.CAPTURING) {
            if (s.mode == FrameStack.RESTORING) {
                s.clear();
                throw Pinned.FRAME_MISMATCH.exception(body.getClass().getName() + ".run()",
                        "it was resumed but did not restore its frames");
            }
            s.clear();
            return false;
        }
        s.mode = FrameStack.RUNNING;
        if (s.frameCount() == 0) {
            s.clear();
            throw Pinned.UNINSTRUMENTED_FRAME.exception("the continuation body " + body.getClass().getName(),
                    "no frame was saved; is the program running with -javaagent:jcoro-agent.jar?");
        }
        return true;
    }

    public static void discard(FrameStack s) {
        s.clear();
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
