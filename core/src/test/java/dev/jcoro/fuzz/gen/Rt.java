package dev.jcoro.fuzz.gen;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import java.util.Arrays;

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
    private static StringBuilder trace;

    private Rt() {
    }

    /** Starts a program's run with an empty trace. */
    public static void reset() {
        hash = 17L;
        trace = new StringBuilder();
    }

    /** The trace of the run so far: checksum, then the first few kilobytes of observed values. */
    public static String result(String returned) {
        return hash + " " + returned + " | " + trace;
    }

    @Suspendable
    public static void pause() {
        if (Continuation.current() != null) {
            Continuation.suspend();
        }
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
