package dev.jcoro.internal;

import java.util.Arrays;

/**
 * The saved frames of one continuation, and the switch that tells instrumented code what to do.
 *
 * <p>Instrumented methods read {@link #mode} on entry and after every suspendable call. While the
 * continuation runs the stack is empty. A suspension <em>captures</em>: each frame, innermost first,
 * pushes its live values and then a frame word, and returns. A resume <em>restores</em>: each frame,
 * outermost first, pops its frame word and values and re-enters its call site. Capture pushes and
 * restore pops in exactly the opposite order, so the storage is three plain LIFO arrays and nothing
 * is allocated once they have grown.
 *
 * <p>Users never touch this class; only code written by the rewriter calls it.
 */
public final class FrameStack {
    /** The continuation runs normally. */
    public static final int RUNNING = 0;
    /** A suspension is under way: frames save themselves and return. */
    public static final int CAPTURING = 1;
    /** A resume is under way: frames restore themselves and re-enter their call sites. */
    public static final int RESTORING = 2;

    /**
     * The callee key that a lambda body, or a method reference's synthetic body, writes into its frame: such
     * a method is reached through its functional interface under another name, so an interface call site
     * accepts it in place of the key of the interface method. The rewriter folds every other key into
     * {@code 1..0xFFFE}.
     */
    public static final int LAMBDA_KEY = 0xFFFF;
    /**
     * Added by the rewriter to the expected callee key of an interface call site: the frame below may also
     * be a lambda body ({@link #LAMBDA_KEY}).
     */
    public static final int INTERFACE_CALL = 0x10000;
    /**
     * The callee key of {@code run()V}, the method through which a continuation enters its body; the
     * rewriter computes the same number for that name (the rewrite tests check that they agree).
     */
    public static final int RUN_KEY = calleeKey("run", "()V");

    /** The stack seen by code that runs outside every continuation: it never captures or restores. */
    static final FrameStack NONE = new FrameStack(null);

    private static final ThreadLocal<Mount> MOUNTED = ThreadLocal.withInitial(() -> new Mount(Thread.currentThread()));
    private static Mount lastMount = new Mount(null);
    private static final int INITIAL_SIZE = 4;

    /** What instrumented code must do now: {@link #RUNNING}, {@link #CAPTURING} or {@link #RESTORING}. */
    public int mode;

    final Object owner;
    private long[] prims = new long[INITIAL_SIZE];
    private int primTop;
    private Object[] refs = new Object[INITIAL_SIZE];
    private int refTop;
    /** Per frame: method id (high 32 bits), callee key of the method (16 bits), call site (low 16 bits). */
    private long[] frames = new long[INITIAL_SIZE];
    private int frameTop;
    /**
     * The frames now running that forbid a suspension, innermost last: a method holding a monitor around a
     * suspendable call, or a method that is not suspendable calling one. Each entry is method id (high 32
     * bits) and call site. {@link dev.jcoro.Continuation#suspend()} consults it before any frame captures,
     * so a refusal unwinds every frame as an ordinary exception and every {@code finally} runs.
     */
    private long[] pins = new long[INITIAL_SIZE];
    private static final long PLAIN_CALLER_PIN = 1L << 31;
    private int pinTop;

    FrameStack(Object owner) {
        this.owner = owner;
    }

    /** The stack of the continuation mounted on this thread, or a stack that never suspends. */
    public static FrameStack current() {
        Thread t = Thread.currentThread();
        if (t instanceof CarrierThread) {
            return ((CarrierThread) t).mounted;
        }
        return mountOf(t).stack;
    }

    /** Mounts {@code s} on this thread and returns what was mounted before, to be put back by {@link #unmount}. */
    static FrameStack mount(FrameStack s) {
        Thread t = Thread.currentThread();
        if (t instanceof CarrierThread) {
            CarrierThread c = (CarrierThread) t;
            FrameStack previous = c.mounted;
            c.mounted = s;
            return previous;
        }
        Mount m = mountOf(t);
        FrameStack previous = m.stack;
        m.stack = s;
        return previous;
    }

    static void unmount(FrameStack previous) {
        Thread t = Thread.currentThread();
        if (t instanceof CarrierThread) {
            ((CarrierThread) t).mounted = previous;
        } else {
            mountOf(t).stack = previous;
        }
    }

    /**
     * The mount slot of a thread that is not a carrier. The last one looked up is cached in a plain static
     * field: a thread that drives continuations in a loop (a generator's consumer, a benchmark) then
     * finds its slot with two loads instead of a {@link ThreadLocal} lookup. The cache may be stale or
     * belong to another thread; both cases fall back to the thread local. A {@code Mount}'s stack is only
     * ever written by its own thread, so reading it through a stale cache entry is still exact.
     */
    private static Mount mountOf(Thread t) {
        Mount m = lastMount;
        if (m.thread == t) {
            return m;
        }
        m = MOUNTED.get();
        lastMount = m;
        return m;
    }

    // ---- capture: called by instrumented code, value first so no swap is needed ----

    public static void pushInt(int v, FrameStack s) {
        s.pushPrim(v);
    }

    public static void pushFloat(float v, FrameStack s) {
        s.pushPrim(Float.floatToRawIntBits(v));
    }

    public static void pushLong(long v, FrameStack s) {
        s.pushPrim(v);
    }

    public static void pushDouble(double v, FrameStack s) {
        s.pushPrim(Double.doubleToRawLongBits(v));
    }

    public static void pushRef(Object v, FrameStack s) {
        int top = s.refTop;
        Object[] a = s.refs;
        if (top == a.length) {
            a = s.refs = Arrays.copyOf(a, top * 2);
        }
        a[top] = v;
        s.refTop = top + 1;
    }

    private void pushPrim(long v) {
        int top = primTop;
        long[] a = prims;
        if (top == a.length) {
            a = prims = Arrays.copyOf(a, top * 2);
        }
        a[top] = v;
        primTop = top + 1;
    }

    /**
     * Ends the capture of one frame.
     *
     * @param methodId the id of the method that saved itself
     * @param site the call site it will resume at
     * @param ownKey the method's callee key (a hash of its name and descriptor, or {@link #LAMBDA_KEY})
     * @param expectedCalleeKey the callee key the call site expects of the frame saved just before this
     *     one, plus {@link #INTERFACE_CALL} at an interface call, or 0 at {@code Continuation.suspend}
     * @param callee the object the call site called, or null for a static call; named if the check fails
     * @throws IllegalStateException if the frame saved below is not the callee's: a frame between them
     *     returned without saving itself
     */
    public void pushFrame(int methodId, int site, int ownKey, int expectedCalleeKey, Object callee) {
        int top = frameTop;
        long[] a = frames;
        if (expectedCalleeKey != 0 && (top == 0 || !accepts(expectedCalleeKey, (int) (a[top - 1] >>> 16 & 0xFFFF)))) {
            throw calleeMismatch(methodId, site, callee);
        }
        if (top == a.length) {
            a = frames = Arrays.copyOf(a, top * 2);
        }
        a[top] = (long) methodId << 32 | (long) (ownKey & 0xFFFF) << 16 | (site & 0xFFFF);
        frameTop = top + 1;
    }

    private static boolean accepts(int expected, int calleeKey) {
        return (expected & 0xFFFF) == calleeKey || (expected & INTERFACE_CALL) != 0 && calleeKey == LAMBDA_KEY;
    }

    /**
     * Lets a stateless forwarder claim the frame saved just below it: a caller that keeps no frame of its own
     * because it calls the same method with the same arguments again on every resume (jcoro-test's reflective
     * test-method body). The frame is marked as a lambda body's, which the interface call site that called the
     * forwarder accepts; its method and resume site are unchanged, so it restores itself as before.
     *
     * @throws IllegalStateException if no frame was saved
     */
    public void adoptTopFrameAsForwarded() {
        int top = frameTop;
        if (top == 0) {
            throw new IllegalStateException("no frame was saved below the forwarder");
        }
        frames[top - 1] = frames[top - 1] & ~(0xFFFFL << 16) | (long) LAMBDA_KEY << 16;
    }

    /** Kept out of {@link #pushFrame} so that the hot method stays small enough to inline. */
    private IllegalStateException calleeMismatch(int methodId, int site, Object callee) {
        int top = frameTop;
        String below = top == 0 ? "no frame was saved by the method it called"
                : "the frame saved below it is " + MethodTable.describe(frameMethod(top - 1), frameSite(top - 1));
        String called = callee == null ? "the method it called" : UninstrumentedCaller.describeObject(callee);
        return abort(Pinned.UNINSTRUMENTED_FRAME.exception(called + ", called from " + MethodTable.describe(methodId, site),
                "it returned while a suspension was under way; " + below
                        + (callee == null ? "" : "; " + UninstrumentedCaller.cause(callee.getClass()))));
    }

    /**
     * Checks that the outermost saved frame is the one a continuation's {@code run()} entered; called once
     * the body has returned from a suspension.
     */
    void checkOutermost(Object body) {
        if (frameTop == 0 || !accepts(RUN_KEY | INTERFACE_CALL, (int) (frames[frameTop - 1] >>> 16 & 0xFFFF))) {
            String below = frameTop == 0 ? "no frame was saved"
                    : "the outermost saved frame is " + MethodTable.describe(frameMethod(frameTop - 1), frameSite(frameTop - 1));
            throw abort(Pinned.UNINSTRUMENTED_FRAME.exception("the continuation body " + UninstrumentedCaller.describeObject(body),
                    "it returned while a suspension was under way; " + below + "; " + UninstrumentedCaller.cause(body.getClass())));
        }
    }

    // ---- pins: decided before any frame captures ----

    /**
     * Records that the running frame {@code methodId} holds a monitor around its call at {@code site}, so
     * no suspension may start until the matching {@link #unpin()}. Does nothing outside a continuation.
     */
    public void pinMonitor(int methodId, int site) {
        pin((long) methodId << 32 | (site & 0x7FFFFFFFL));
    }

    /**
     * Records that the running frame {@code methodId}, which is not suspendable, calls a suspendable
     * method at {@code site}, so no suspension may start until the matching {@link #unpin()}.
     */
    public void pinPlainCaller(int methodId, int site) {
        pin((long) methodId << 32 | PLAIN_CALLER_PIN | (site & 0x7FFFFFFFL));
    }

    private void pin(long word) {
        if (owner == null) {
            return;
        }
        int top = pinTop;
        long[] a = pins;
        if (top == a.length) {
            a = pins = Arrays.copyOf(a, top * 2);
        }
        a[top] = word;
        pinTop = top + 1;
    }

    /** Ends the innermost {@link #pin}, on the normal and on the exceptional path alike. */
    public void unpin() {
        if (owner != null && pinTop > 0) {
            pinTop--;
        }
    }

    /**
     * Called by {@link dev.jcoro.Continuation#suspend()} before it starts a capture.
     *
     * @throws IllegalStateException if a running frame forbids the suspension, naming the innermost one
     */
    public void checkMaySuspend() {
        if (pinTop > 0) {
            throw pinnedAtSuspend();
        }
        if (mode == CAPTURING) {
            throw abort(Pinned.UNINSTRUMENTED_FRAME.exception(UninstrumentedCaller.find(0),
                    "it kept running after a method it called had saved itself for a suspension, and suspended again; "
                            + UninstrumentedCaller.causeOfFrame(0)));
        }
    }

    private IllegalStateException pinnedAtSuspend() {
        long pin = pins[pinTop - 1];
        int methodId = (int) (pin >>> 32);
        int site = (int) (pin & 0x7FFFFFFFL);
        return (pin & PLAIN_CALLER_PIN) != 0 ? MethodTable.refusePlainCaller(methodId, site, null)
                : Pinned.MONITOR.exception(MethodTable.describe(methodId, site), null);
    }

    // ---- restore ----

    /**
     * Starts the restore of one frame.
     *
     * @param methodId the id of the method that restores itself
     * @return the call site it must re-enter
     * @throws IllegalStateException if the frame on top was saved by another method
     */
    public int popFrame(int methodId) {
        int top = frameTop - 1;
        long word = frames[top];
        if ((int) (word >>> 32) != methodId) {
            throw frameMismatch(methodId, word);
        }
        frameTop = top;
        return (int) (word & 0xFFFF);
    }

    /** Kept out of {@link #popFrame} so that the hot method stays small enough to inline. */
    private IllegalStateException frameMismatch(int methodId, long word) {
        return abort(Pinned.FRAME_MISMATCH.exception(MethodTable.describe(methodId, -1),
                "saved by " + MethodTable.describe((int) (word >>> 32), (int) (word & 0xFFFF))));
    }

    public int popInt() {
        return (int) prims[--primTop];
    }

    public float popFloat() {
        return Float.intBitsToFloat((int) prims[--primTop]);
    }

    public long popLong() {
        return prims[--primTop];
    }

    public double popDouble() {
        return Double.longBitsToDouble(prims[--primTop]);
    }

    public Object popRef() {
        int top = --refTop;
        Object v = refs[top];
        refs[top] = null;
        return v;
    }

    // ---- refusals, raised by instrumented code ----

    /**
     * Refuses a suspension that a frame holding a monitor at {@code site} of {@code methodId} found under
     * way after its call returned: the suspension passed an uninstrumented frame, so no pin stopped it
     * before the capture began. Discards what was captured so far; the caller throws the result.
     */
    public IllegalStateException pinnedByMonitor(int methodId, int site) {
        return abort(Pinned.MONITOR.exception(MethodTable.describe(methodId, site),
                "a method it called saved itself before the refusal; its finally blocks did not run"));
    }

    /**
     * Refuses a suspension that reached the entry of an instrumented method: the frame that called it
     * kept running after a callee had saved itself, so it cannot have been instrumented.
     */
    public IllegalStateException enteredWhileCapturing(int methodId) {
        return abort(Pinned.UNINSTRUMENTED_FRAME.exception(UninstrumentedCaller.find(1),
                "it kept running after a method it called had saved itself for a suspension, and then called "
                        + MethodTable.describe(methodId, -1) + "; " + UninstrumentedCaller.causeOfFrame(1)));
    }

    /**
     * Refuses a resume that reached a suspendable method with no call site of its own that can suspend: the
     * frame on top was saved by a method it reached through a plain interface or reflection, and this
     * method cannot continue after that call without running its code again.
     */
    public IllegalStateException resumedWithoutSite(int methodId) {
        String saved = frameTop == 0 ? "no saved frame" : "the frame of " + MethodTable.describe(frameMethod(frameTop - 1), frameSite(frameTop - 1));
        return abort(Pinned.FRAME_MISMATCH.exception(MethodTable.describe(methodId, -1),
                "it has no call site that can suspend, yet the resume found " + saved
                        + "; it reached that method through a call jcoro cannot see through (a plain interface, reflection)"));
    }

    /**
     * Called on entry to each exception handler of a rewritten method. An exception that arrives while a
     * capture is under way was thrown by a frame that ran on after a callee had saved itself (it computed
     * with the callee's placeholder result): refuse the suspension here, with that exception as the cause,
     * instead of letting the method handle it as if nothing had happened.
     */
    public void rethrowIfCapturing(Throwable t, int methodId) {
        if (mode == CAPTURING) {
            String saved = frameTop == 0 ? "nothing was saved" : "the frame saved last is " + MethodTable.describe(frameMethod(frameTop - 1), frameSite(frameTop - 1));
            IllegalStateException e = Pinned.UNINSTRUMENTED_FRAME.exception("a frame called by " + MethodTable.describe(methodId, -1),
                    "it ran on while a suspension was under way and threw " + t + "; " + saved);
            e.initCause(t);
            throw abort(e);
        }
    }

    /**
     * Called after a suspendable call made by a method that is not itself suspendable, after its pin has
     * ended: a suspension under way passed a frame jcoro does not see (the pin would have stopped any
     * other), so refuse it here, naming this method.
     */
    public void checkNotCapturing(int methodId, int site) {
        if (mode == CAPTURING) {
            throw abort(MethodTable.refusePlainCaller(methodId, site,
                    "a method it called saved itself before the refusal, so its finally blocks did not run"));
        }
    }

    /** Drops everything captured and returns to the running mode, so the refusal can propagate as an exception. */
    IllegalStateException abort(IllegalStateException e) {
        clear();
        return e;
    }

    /** Forgets everything, pins included: the continuation has ended. */
    void reset() {
        clear();
        pinTop = 0;
    }

    /** Drops the captured frames; the pins stay, as the frames that set them are still running. */
    void clear() {
        Arrays.fill(refs, 0, refTop, null);
        refTop = 0;
        primTop = 0;
        frameTop = 0;
        mode = RUNNING;
    }

    int frameCount() {
        return frameTop;
    }

    /** True when nothing is saved or pinned and the mode is running: the state between programs. */
    boolean isEmpty() {
        return frameTop == 0 && primTop == 0 && refTop == 0 && pinTop == 0 && mode == RUNNING;
    }

    int frameMethod(int i) {
        return (int) (frames[i] >>> 32);
    }

    int frameSite(int i) {
        return (int) (frames[i] & 0xFFFF);
    }

    /** The logical stack of the captured frames, innermost first. */
    StackTraceElement[] stackTrace() {
        StackTraceElement[] trace = new StackTraceElement[frameTop];
        for (int i = 0; i < frameTop; i++) {
            trace[i] = MethodTable.element(frameMethod(i), frameSite(i));
        }
        return trace;
    }

    /** Bytes held by this stack's arrays, for the memory benchmark and diagnostics. */
    long retainedArrayBytes() {
        return 16L + 8L * prims.length + 16L + 4L * refs.length + 16L + 8L * frames.length;
    }

    private static final class Mount {
        final Thread thread;
        FrameStack stack = NONE;

        Mount(Thread thread) {
            this.thread = thread;
        }
    }

    /** The 16-bit key of a method name and descriptor, as the rewriter computes it; never 0 or {@link #LAMBDA_KEY}. */
    static int calleeKey(String name, String desc) {
        int h = (name + desc).hashCode();
        int folded = (h ^ (h >>> 16)) & 0xFFFF;
        return folded == 0 || folded == LAMBDA_KEY ? 1 : folded;
    }
}
