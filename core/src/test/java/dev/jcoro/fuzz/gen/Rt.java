package dev.jcoro.fuzz.gen;

import dev.jcoro.Continuation;
import dev.jcoro.Generator;
import dev.jcoro.GeneratorBody;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed helpers every generated fuzz program uses (they import it statically).
 *
 * <p>Suspension happens here: {@code pause()} suspends only when a continuation is running, so the same
 * program runs as plain Java outside one, and the {@code pauseX(v)} forms return their argument after the
 * pause so that a suspension can sit inside any expression. Values are observed here too: {@code obs} folds
 * each value into a checksum and a readable trace, {@code caught} records an exception's type and message.
 * The nested types cover the call shapes users write: a suspendable method on another object
 * ({@code Pair.sum}), a record, an interface with a suspendable abstract and default method ({@code Op}), a
 * class that implements it without repeating the annotation ({@code Twice}), and an {@code AutoCloseable}
 * whose {@code close()} suspends.
 *
 * <p>Everything is public: programs are defined by their own class loader, so package access to this
 * class would cross runtime packages. The differential test makes an uninstrumented twin of this class in
 * {@code dev.jcoro.fuzz.plain} from these same class files.
 */
public final class Rt {
    /** The running program's checksum; programs run one at a time and reset it first. */
    public static long hash;
    /** Pauses that suspended the program's own continuation: the runner must count exactly as many suspensions. */
    public static int suspensions;
    /** Pauses that suspended a continuation the program itself drives ({@link #nested}). */
    public static int nestedSuspensions;
    private static int nesting;
    private static StringBuilder trace;
    /**
     * True in the uninstrumented twin of this class: there a nested continuation could not suspend, so the
     * nested shapes run their bodies directly, which is what they compute either way.
     */
    private static final boolean PLAIN = Rt.class.getPackageName().endsWith(".plain");

    private Rt() {
    }

    /** Starts a program's run with an empty trace. */
    public static void reset() {
        hash = 17L;
        trace = new StringBuilder();
        suspensions = 0;
        nestedSuspensions = 0;
        nesting = 0;
    }

    /** The trace of the run so far: checksum, then the first few kilobytes of observed values. */
    public static String result(String returned) {
        return hash + " " + returned + " | " + trace;
    }

    @Suspendable
    public static void pause() {
        if (Continuation.current() != null) {
            if (nesting == 0) {
                suspensions++;
            } else {
                nestedSuspensions++;
            }
            Continuation.suspend();
        }
    }

    /**
     * A pause the generator placed where jcoro must refuse it with {@code Pinned: kind}: the program's
     * predicted outcome. Outside a continuation (plain Java, the rewritten fast path) the refusal is
     * simulated with the same kind, so all three runs agree exactly when the real one is refused as
     * documented and runs the same {@code finally} blocks.
     */
    @Suspendable
    public static void pauseRefused(String kind) {
        if (Continuation.current() == null) {
            throw new IllegalStateException("Pinned: " + kind + ": simulated outside a continuation");
        }
        Continuation.suspend();
        throw new AssertionError("a suspension that must be refused (" + kind + ") went through");
    }

    /** Records a refusal by its kind only ({@code Pinned: MONITOR}): the rest of the message names frames. */
    public static void refused(IllegalStateException e) {
        String m = String.valueOf(e.getMessage());
        int second = m.indexOf(':', m.indexOf(':') + 1);
        String s = "refused:" + (second > 0 ? m.substring(0, second) : m);
        hash = hash * 1000003L + s.hashCode();
        trace(s);
    }

    /**
     * Recurses {@code d} frames, each with a {@code finally} that is observed, then pauses where the pause
     * must be refused with {@code kind}: the refusal must unwind every one of these frames.
     */
    @Suspendable
    public static long deepRefused(long x, int d, String kind) throws Exception {
        try {
            if (d > 0) {
                return deepRefused(x + 1, d - 1, kind) + 1;
            }
            obs(x);
            pauseRefused(kind);
            return x;
        } finally {
            trace("fin" + d);
        }
    }

    /** A functional interface whose method is not suspendable: its lambdas are plain callers. */
    public interface PlainOp {
        long apply(long x) throws Exception;
    }

    /** Calls {@code op} through the plain interface. */
    public static long viaPlain(PlainOp op, long x) throws Exception {
        return op.apply(x);
    }

    /** Calls {@code c.name(long)} by reflection, rethrowing what it throws. */
    public static long invokeStatic(Class<?> c, String name, long x) throws Exception {
        Method m = c.getMethod(name, long.class);
        try {
            return (Long) m.invoke(null, x);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    /** Runs {@code body} in a continuation of its own, resumed until done; its pauses suspend that one. */
    public static Object nested(SuspendableCallable<Object> body) throws Exception {
        if (PLAIN) {
            return body.call();
        }
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Continuation c = new Continuation(() -> {
            try {
                result[0] = body.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        nesting++;
        try {
            while (!c.isDone()) {
                c.resume();
            }
        } finally {
            nesting--;
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    /** The values {@code body} emits, through a {@link Generator} (each emit suspends it). */
    public static String generated(GeneratorBody<Long> body) {
        List<Long> out = new ArrayList<>();
        if (PLAIN) {
            body.generate(out::add);
        } else {
            new Generator<>(body).forEachRemaining(out::add);
        }
        return out.toString();
    }

    /** Sums its arguments after a pause: a suspendable varargs call. */
    @Suspendable
    public static long sumAll(long... xs) {
        pause();
        long s = 0;
        for (long x : xs) {
            s = s * 31 + x;
        }
        return s;
    }

    /** Recurses {@code n} frames and pauses at the bottom. */
    @Suspendable
    public static long deep(int n) {
        if (n == 0) {
            pause();
            return 0;
        }
        return deep(n - 1) + n % 7;
    }

    /** Both values as text, the first possibly null: a null kept under a suspendable call's argument. */
    public static String both(Object a, String b) {
        return describe(a) + "/" + b;
    }

    @Suspendable
    public static int pauseI(int v) {
        pause();
        return v;
    }

    @Suspendable
    public static long pauseJ(long v) {
        pause();
        return v;
    }

    @Suspendable
    public static float pauseF(float v) {
        pause();
        return v;
    }

    @Suspendable
    public static double pauseD(double v) {
        pause();
        return v;
    }

    @Suspendable
    public static boolean pauseZ(boolean v) {
        pause();
        return v;
    }

    @Suspendable
    public static String pauseS(String v) {
        pause();
        return v;
    }

    @Suspendable
    public static <T> T pauseV(T v) {
        pause();
        return v;
    }

    /** The target of the generated method references {@code Rt::triple}. */
    @Suspendable
    public static long triple(long x) {
        return pauseJ(x) * 3L;
    }

    public static void obs(long v) {
        hash = hash * 1000003L + v;
        trace(Long.toString(v));
    }

    public static void obs(double v) {
        hash = hash * 1000003L + Double.doubleToLongBits(v);
        trace(Double.toString(v));
    }

    public static void obs(boolean v) {
        hash = hash * 1000003L + (v ? 1 : 2);
        trace(v ? "T" : "F");
    }

    public static void obs(String v) {
        hash = hash * 1000003L + v.hashCode();
        trace("'" + v + "'");
    }

    public static void obs(Pair v) {
        obs(v.toString());
    }

    public static void caught(Throwable t) {
        String s = "!" + t.getClass().getSimpleName() + ":" + t.getMessage();
        hash = hash * 1000003L + s.hashCode();
        trace(s);
    }

    private static void trace(String s) {
        if (trace.length() < 4000) {
            trace.append(s).append(' ');
        }
    }

    /** Keeps strings short however often a loop appends to them. */
    public static String cut(String s) {
        return s.length() > 24 ? s.substring(s.length() - 24) : s;
    }

    /** A value as text; arrays by content, since their identity differs from run to run. */
    public static String describe(Object o) {
        if (o instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        if (o instanceof byte[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof char[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof short[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof float[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (o instanceof double[] a) {
            return Arrays.toString(a);
        }
        return String.valueOf(o);
    }

    public static final class Pair {
        public long a;
        public String s;

        public Pair(long a, String s) {
            this.a = a;
            this.s = s;
        }

        @Suspendable
        public long sum(int k) throws Exception {
            pause();
            return a * k + s.length();
        }

        @Override
        public String toString() {
            return "P(" + a + "," + s + ")";
        }
    }

    public record Rec(long a, int b) {
        @Suspendable
        public long mix(long k) throws Exception {
            return pauseJ(a * k) + b;
        }
    }

    public interface Op {
        @Suspendable
        long apply(long x) throws Exception;

        @Suspendable
        default long twice(long x) throws Exception {
            return apply(apply(x));
        }
    }

    /** Implements the suspendable {@link Op#apply} without repeating the annotation. */
    public static final class Twice implements Op {
        @Override
        public long apply(long x) throws Exception {
            return pauseJ(x) * 2L;
        }
    }

    /** A receiver whose suspendable method takes wide arguments: they are spilled to locals around the call. */
    public static final class Wide {
        private final long base;

        public Wide(long base) {
            this.base = base;
        }

        @Suspendable
        public long mix(long a, int b, double c, long d) {
            pause();
            return base + a * 3 + b + (long) (c * 7) + d;
        }
    }

    /** A class the programs extend, reached through this supertype: overrides suspend too. */
    public abstract static class Animal {
        @Suspendable
        public abstract long speak(long x) throws Exception;

        @Suspendable
        public long twice(long x) throws Exception {
            return speak(speak(x));
        }
    }

    /** A generic interface: implementing it with a concrete type makes javac write a bridge method. */
    public interface Fn<T> {
        @Suspendable
        T apply(T x) throws Exception;
    }

    /** Calls {@code f} through the erased interface, so the call goes through the bridge. */
    @Suspendable
    public static <T> T applyFn(Fn<T> f, T x) throws Exception {
        return f.apply(x);
    }

    public static final class Res implements AutoCloseable {
        private final String name;

        public Res(String name) {
            this.name = name;
            trace("open:" + name);
        }

        @Suspendable
        @Override
        public void close() {
            pause();
            trace("close:" + name);
        }
    }

    /**
     * The superclass of every program: its suspendable {@link #step} is overridden by the program (without the
     * annotation) and called through {@code super.step}, an {@code invokespecial} of a suspendable method.
     */
    public abstract static class Base implements SuspendableCallable<String> {
        @Suspendable
        public long step(long x) throws Exception {
            pause();
            return x + 1;
        }
    }

    /** Switched on by programs: javac compiles an enum switch through a synthetic {@code $SwitchMap} class. */
    public enum Color {
        RED, GREEN, BLUE
    }

    public static final class Boom extends Exception {
        public Boom(String message) {
            super(message);
        }
    }
}
