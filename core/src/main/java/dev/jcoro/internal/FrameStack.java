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
     * @param ownKey the method's callee key (a hash of its name and descriptor)
     * @param expectedCalleeKey the callee key the call site expects of the frame saved just before this
     *     one, or 0 where any callee is possible (interface calls, {@code Continuation.suspend})
     */
    public void pushFrame(int methodId, int site, int ownKey, int expectedCalleeKey) {
        int top = frameTop;
        long[] a = frames;
        if (expectedCalleeKey != 0 && (top == 0 || (int) (a[top - 1] >>> 16 & 0xFFFF) != expectedCalleeKey)) {
            throw calleeMismatch(methodId, site);
        }
        if (top == a.length) {
            a = frames = Arrays.copyOf(a, top * 2);
        }
        a[top] = (long) methodId << 32 | (long) (ownKey & 0xFFFF) << 16 | (site & 0xFFFF);
        frameTop = top + 1;
    }

    /** Kept out of {@link #pushFrame} so that the hot method stays small enough to inline. */
    private IllegalStateException calleeMismatch(int methodId, int site) {
        int top = frameTop;
        return abort(Pinned.UNINSTRUMENTED_FRAME.exception(
                "a method called from " + MethodTable.describe(methodId, site),
                top == 0 ? "no frame below it was saved"
                         : "the frame saved below it is " + MethodTable.describe(frameMethod(top - 1), frameSite(top - 1))));
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
     * Refuses a suspension that found a monitor held by the frame at {@code site} of {@code methodId}.
     * Discards what was captured so far; the caller throws the returned exception.
     */
    public IllegalStateException pinnedByMonitor(int methodId, int site) {
        return abort(Pinned.MONITOR.exception(MethodTable.describe(methodId, site), null));
    }

    /**
     * Refuses a suspension that reached the entry of an instrumented method: the frame that called it
     * kept running after a callee had saved itself, so it cannot have been instrumented.
     */
    public IllegalStateException enteredWhileCapturing(int methodId) {
        return abort(Pinned.UNINSTRUMENTED_FRAME.exception(UninstrumentedCaller.find(1),
                "it called " + MethodTable.describe(methodId, -1) + " again after a suspension had started"));
    }

    /**
     * Called after a suspendable call made by a method that is not itself suspendable. If the callee
     * suspended, that method cannot save itself: refuse the suspension, naming it and its caller.
     *
     * @param method the method that made the call, as the user wrote it ({@code Class.method (File:line)})
     */
    public static void checkNotCapturing(String method) {
        FrameStack s = current();
        if (s.mode == CAPTURING) {
            throw s.abort(Pinned.UNINSTRUMENTED_FRAME.exception(method,
                    "it cannot pause because it or its functional interface is not @Suspendable; it was called from "
                    + UninstrumentedCaller.find(1)));
        }
    }

    /** Drops everything captured and returns to the running mode, so the refusal can propagate as an exception. */
    IllegalStateException abort(IllegalStateException e) {
        clear();
        return e;
    }

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
}
