package dev.jcoro.internal;

import java.util.Arrays;

/**
 * The saved frames of one continuation, and the switch that tells instrumented code what to do.
 *
 * <p>Instrumented methods read {@link #mode} on entry and after every suspendable call. While the
 * continuation runs the stack is empty. A suspension <em>captures</em>: each frame, innermost first,
 * reserves its whole frame on top of the stack with one call ({@link #captureFrame}, one capacity check),
 * stores its live values straight into their slots, and returns. A resume <em>restores</em>: each frame,
 * outermost first, checks and pops the frame word on top ({@link #popFrame}), pops its values in the
 * opposite order of their slots, and re-enters its call site. The rewriter fixes each value's slot per call
 * site, as a distance from the top.
 *
 * <p>The storage is two LIFO arrays: primitives and frame words in a {@code long[]}, one slot each (the frame
 * word, in the last slot of its frame, holds the method id in its high 32 bits, then the callee key and the
 * call site, 16 bits each), references in an {@code Object[]}. A new stack holds shared empty arrays; the arrays
 * grow while a capture needs room (the first time to the size the last growing capture ended with) and are cut to
 * the captured size when that capture ends, so a parked continuation holds only its live values, and a round trip
 * no deeper than the deepest before allocates nothing.
 *
 * <p>A continuation takes its stack at its first resume and hands it on when its body ends ({@link #take},
 * {@link #recycle}): each thread keeps the stack of the last continuation that ended on it, with its arrays, for
 * the next one that starts there, so a short-lived continuation allocates only itself.
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
    private static final long[] NO_PRIMS = {};
    private static final Object[] NO_REFS = {};
    private static final int PIN_SLOTS = 4;
    /** The longest arrays a spare stack keeps ({@link #recycle}): 512 bytes of primitives, 256 of references. */
    private static final int SPARE_SLOTS = 64;
    /**
     * The sizes the last capture that grew its arrays ended with: the first allocation of a fresh stack is
     * made this large, since continuations tend to suspend as deep as the ones before them, so that a capture
     * needs one exact allocation per array instead of a doubling series and a cut. Plain fields, written only
     * when they change: a stale value costs an allocation, never a wrong result.
     */
    private static int primHint = 1;
    private static int refHint = 1;

    /** What instrumented code must do now: {@link #RUNNING}, {@link #CAPTURING} or {@link #RESTORING}. */
    public int mode;

    /** The continuation this stack belongs to; null for {@link #NONE} and for a spare kept by {@link #recycle}. */
    Object owner;
    /** Primitive values and frame words, one slot each; the frame on top ends with its word at {@code prims[primTop - 1]}. */
    private long[] prims = NO_PRIMS;
    private int primTop;
    private Object[] refs = NO_REFS;
    private int refTop;
    /**
     * Set when a capture grew an array, or when the stack was taken over from an ended continuation with its
     * arrays ({@link #take}), so that the arrays are cut to size once the capture ends.
     */
    private boolean grew;
    /**
     * The frames now running that forbid a suspension, innermost last: a method holding a monitor around a
     * suspendable call, or a method that is not suspendable calling one. Each entry is method id (high 32
     * bits) and call site. {@link dev.jcoro.Continuation#suspend()} consults it before any frame captures,
     * so a refusal unwinds every frame as an ordinary exception and every {@code finally} runs. Allocated on
     * the first pin.
     */
    private long[] pins;
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

    /**
     * This thread's mount slot, looked up once per resume: the thread itself when it is a carrier, otherwise
     * its {@link Mount}. {@link #mount}, {@link #unmount}, {@link #take} and {@link #recycle} work on it
     * without looking the thread up again.
     */
    static Object slot() {
        Thread t = Thread.currentThread();
        return t instanceof CarrierThread ? t : mountOf(t);
    }

    /** Mounts {@code s} in {@code slot} and returns what was mounted before, to be put back by {@link #unmount}. */
    static FrameStack mount(Object slot, FrameStack s) {
        FrameStack previous;
        if (slot instanceof CarrierThread) {
            CarrierThread c = (CarrierThread) slot;
            previous = c.mounted;
            c.mounted = s;
        } else {
            Mount m = (Mount) slot;
            previous = m.stack;
            m.stack = s;
        }
        return previous;
    }

    static void unmount(Object slot, FrameStack previous) {
        if (slot instanceof CarrierThread) {
            ((CarrierThread) slot).mounted = previous;
        } else {
            ((Mount) slot).stack = previous;
        }
    }

    /**
     * A frame stack for {@code owner}'s first resume: the one the last continuation that ended on this
     * thread left behind, or a new one. Reusing it saves a short-lived continuation (create, run, end) the
     * stack and its arrays; its arrays may be larger than the new owner's captures need, so the first
     * capture cuts them to size as if it had grown them.
     */
    static FrameStack take(Object slot, Object owner) {
        FrameStack s;
        if (slot instanceof CarrierThread) {
            CarrierThread c = (CarrierThread) slot;
            s = c.spare;
            c.spare = null;
        } else {
            Mount m = (Mount) slot;
            s = m.spare;
            m.spare = null;
        }
        if (s == null) {
            return new FrameStack(owner);
        }
        s.owner = owner;
        s.grew = s.prims.length != 0 || s.refs.length != 0;
        return s;
    }

    /**
     * Keeps the stack of a continuation that has ended, now empty, for the next {@link #take} on this thread.
     * Arrays beyond {@link #SPARE_SLOTS} are dropped, so a thread never keeps a deep continuation's arrays alive,
     * and so is the pin array.
     */
    static void recycle(Object slot, FrameStack s) {
        assert s.isEmpty() : "an ended continuation's frame stack still holds frames or pins";
        s.owner = null;
        if (s.prims.length > SPARE_SLOTS) {
            s.prims = NO_PRIMS;
        }
        if (s.refs.length > SPARE_SLOTS) {
            s.refs = NO_REFS;
        }
        // Pins are rare: the next continuation allocates its own if it needs any, so a parked one holds none it did not use.
        s.pins = null;
        if (slot instanceof CarrierThread) {
            ((CarrierThread) slot).spare = s;
        } else {
            ((Mount) slot).spare = s;
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

    // ---- capture: called by instrumented code ----

    /**
     * Starts the capture of one frame: checks the frame saved just before it, reserves the frame's slots on top
     * of both arrays (growing them if needed) and writes its frame word into the topmost primitive slot. The
     * caller then stores its values with the {@code put} methods.
     *
     * @param slots the frame's primitive slots, frame word included
     * @param refCount the frame's reference slots
     * @param methodId the id of the method that saves itself
     * @param keyAndSite the method's callee key (a hash of its name and descriptor, or {@link #LAMBDA_KEY}) in
     *     the high 16 bits, the call site it will resume at in the low 16
     * @param expectedCalleeKey the callee key the call site expects of the frame saved just before this
     *     one, plus {@link #INTERFACE_CALL} at an interface call, or 0 at {@code Continuation.suspend}
     * @param callee the object the call site called, or null for a static call; named if the check fails
     * @throws IllegalStateException if the frame saved below is not the callee's: a frame between them
     *     returned without saving itself
     */
    public void captureFrame(int slots, int refCount, int methodId, int keyAndSite, int expectedCalleeKey, Object callee) {
        int top = primTop;
        long[] a = prims;
        if (expectedCalleeKey != 0 && (top == 0 || !accepts(expectedCalleeKey, calleeKey(a[top - 1])))) {
            throw calleeMismatch(methodId, keyAndSite & 0xFFFF, callee);
        }
        int end = top + slots;
        if (end > a.length) {
            a = growPrims(end);
        }
        a[end - 1] = (long) methodId << 32 | keyAndSite & 0xFFFFFFFFL;
        primTop = end;
        if (refCount != 0) {
            int refEnd = refTop + refCount;
            if (refEnd > refs.length) {
                growRefs(refEnd);
            }
            refTop = refEnd;
        }
    }

    /** Kept out of {@link #captureFrame} so that the hot method stays small enough to inline. */
    private long[] growPrims(int needed) {
        grew = true;
        long[] a = prims;
        return prims = a.length == 0 ? new long[Math.max(needed, primHint)] : Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    private void growRefs(int needed) {
        grew = true;
        Object[] a = refs;
        refs = a.length == 0 ? new Object[Math.max(needed, refHint)] : Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    /** Stores an int {@code fromTop} slots below the top of the frame being captured. */
    public static void putInt(int v, FrameStack s, int fromTop) {
        s.prims[s.primTop - fromTop] = v;
    }

    public static void putFloat(float v, FrameStack s, int fromTop) {
        s.prims[s.primTop - fromTop] = Float.floatToRawIntBits(v);
    }

    public static void putLong(long v, FrameStack s, int fromTop) {
        s.prims[s.primTop - fromTop] = v;
    }

    public static void putDouble(double v, FrameStack s, int fromTop) {
        s.prims[s.primTop - fromTop] = Double.doubleToRawLongBits(v);
    }

    /** Stores a reference {@code fromTop} slots below the top of the reference array. */
    public static void putRef(Object v, FrameStack s, int fromTop) {
        s.refs[s.refTop - fromTop] = v;
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
        int top = primTop;
        if (top == 0) {
            throw new IllegalStateException("no frame was saved below the forwarder");
        }
        prims[top - 1] = prims[top - 1] & ~(0xFFFFL << 16) | (long) LAMBDA_KEY << 16;
    }

    /** Kept out of {@link #captureFrame} so that the hot method stays small enough to inline. */
    private IllegalStateException calleeMismatch(int methodId, int site, Object callee) {
        String below = primTop == 0 ? "no frame was saved by the method it called"
                : "the frame saved below it is " + describeTop();
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
        if (primTop == 0 || !accepts(RUN_KEY | INTERFACE_CALL, calleeKey(prims[primTop - 1]))) {
            String below = primTop == 0 ? "no frame was saved" : "the outermost saved frame is " + describeTop();
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
        if (a == null) {
            a = pins = new long[PIN_SLOTS];
        } else if (top == a.length) {
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
     * Starts the restore of one frame: checks that a resume is under way and that the frame on top was saved by
     * {@code methodId}, and pops its frame word. The caller then pops its values with the {@code pop} methods.
     * A rewritten method with call sites calls it whenever it finds the mode not {@link #RUNNING} on entry, so
     * the check that the mode is {@link #RESTORING} lives here, once, instead of in every method's code.
     *
     * @param methodId the id of the method that restores itself
     * @return the call site it must re-enter
     * @throws IllegalStateException if a capture, not a resume, is under way (the method was called by a frame
     *     that ran on after its callee saved itself), if the frame on top was saved by another method, or if no
     *     frame is left
     */
    public int popFrame(int methodId) {
        int top = primTop - 1;
        if (mode != RESTORING || top < 0 || (int) (prims[top] >>> 32) != methodId) {
            throw mode != RESTORING ? enteredWhileCapturing(methodId) : frameMismatch(methodId);
        }
        primTop = top;
        return (int) prims[top] & 0xFFFF;
    }

    /**
     * The refusal for a rewritten method without a call site that can suspend, called when it finds the mode not
     * {@link #RUNNING} on entry: it can be neither resumed into nor called during a capture. One call instead of a
     * test and two calls in each such method's code keeps small suspendable methods under the JIT's inlining size.
     */
    public IllegalStateException refuseEntry(int methodId) {
        return mode == RESTORING ? resumedWithoutSite(methodId) : enteredWhileCapturing(methodId);
    }

    /** Kept out of {@link #popFrame} so that the hot method stays small enough to inline. */
    private IllegalStateException frameMismatch(int methodId) {
        return abort(Pinned.FRAME_MISMATCH.exception(MethodTable.describe(methodId, -1),
                primTop == 0 ? "no saved frame is left" : "saved by " + describeTop()));
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

    /** Pops a reference and clears its slot, so a running continuation keeps nothing alive. */
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
    private IllegalStateException enteredWhileCapturing(int methodId) {
        return abort(Pinned.UNINSTRUMENTED_FRAME.exception(UninstrumentedCaller.find(1),
                "it kept running after a method it called had saved itself for a suspension, and then called "
                        + MethodTable.describe(methodId, -1) + "; " + UninstrumentedCaller.causeOfFrame(1)));
    }

    /**
     * Refuses a resume that reached a suspendable method with no call site of its own that can suspend: the
     * frame on top was saved by a method it reached through a plain interface or reflection, and this
     * method cannot continue after that call without running its code again.
     */
    private IllegalStateException resumedWithoutSite(int methodId) {
        String saved = primTop == 0 ? "no saved frame" : "the frame of " + describeTop();
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
            String saved = primTop == 0 ? "nothing was saved" : "the frame saved last is " + describeTop();
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
        mode = RUNNING;
    }

    /**
     * Called when a capture has ended: if it grew an array, cuts it to what the capture filled, so a parked
     * continuation holds no slack. A later capture no deeper than this one then needs no allocation.
     */
    void trimAfterCapture() {
        if (grew) {
            grew = false;
            if (prims.length != primTop) {
                prims = primTop == 0 ? NO_PRIMS : Arrays.copyOf(prims, primTop);
            }
            if (refs.length != refTop) {
                refs = refTop == 0 ? NO_REFS : Arrays.copyOf(refs, refTop);
            }
            int primSize = Math.max(primTop, 1);
            int refSize = Math.max(refTop, 1);
            if (primHint != primSize) {
                primHint = primSize;
            }
            if (refHint != refSize) {
                refHint = refSize;
            }
        }
    }

    /** True when nothing is saved or pinned and the mode is running: the state between programs. */
    boolean isEmpty() {
        return primTop == 0 && refTop == 0 && pinTop == 0 && mode == RUNNING;
    }

    /** The saved frame on top: its method and call site. */
    private String describeTop() {
        long word = prims[primTop - 1];
        return MethodTable.describe((int) (word >>> 32), (int) word & 0xFFFF);
    }

    /** The callee key in a frame word: the key of the method that saved the frame. */
    private static int calleeKey(long word) {
        return (int) (word >>> 16) & 0xFFFF;
    }

    /**
     * The logical stack of the captured frames, innermost first. Frames do not record their size; the method
     * table knows it per call site, so the walk goes from the top (the outermost frame) down.
     */
    StackTraceElement[] stackTrace() {
        java.util.ArrayList<StackTraceElement> outermostFirst = new java.util.ArrayList<>();
        int end = primTop;
        while (end >= 1) {
            long word = prims[end - 1];
            int method = (int) (word >>> 32);
            int site = (int) word & 0xFFFF;
            outermostFirst.add(MethodTable.element(method, site));
            int slots = MethodTable.frameSlots(method, site);
            if (slots < 1 || slots > end) {
                break;
            }
            end -= slots;
        }
        java.util.Collections.reverse(outermostFirst);
        return outermostFirst.toArray(new StackTraceElement[0]);
    }

    /** Bytes held by this stack's arrays, for the memory benchmark and diagnostics. */
    long retainedArrayBytes() {
        return 16L + 8L * prims.length + 16L + 4L * refs.length + (pins == null ? 0 : 16L + 8L * pins.length);
    }

    private static final class Mount {
        final Thread thread;
        FrameStack stack = NONE;
        /** The stack of the last continuation that ended on this thread, for the next one ({@link #take}). */
        FrameStack spare;

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
