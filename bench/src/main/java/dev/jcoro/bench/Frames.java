package dev.jcoro.bench;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;

/**
 * The call chains the benchmarks pause under: {@code depth} frames, each holding an int, a long, a double
 * and a reference live across its call, with the pause in the innermost frame. The jcoro and JDK versions
 * differ only in how the innermost frame pauses.
 */
final class Frames {
    private Frames() {
    }

    /** Descends {@code depth} frames and suspends the running jcoro continuation at the bottom. */
    @Suspendable
    static long jcoro(int depth, long x) {
        int i = (int) x + depth;
        long l = x * 31L;
        double d = x * 0.5;
        String s = (depth & 1) == 0 ? "even" : "odd";
        long r;
        if (depth <= 1) {
            Continuation.suspend();
            r = x;
        } else {
            r = jcoro(depth - 1, l + i);
        }
        return r + i + l + (long) d + s.length();
    }

    /** The same chain, yielding the JDK continuation of {@code scope} at the bottom. */
    static long jdk(Object scope, int depth, long x) {
        int i = (int) x + depth;
        long l = x * 31L;
        double d = x * 0.5;
        String s = (depth & 1) == 0 ? "even" : "odd";
        long r;
        if (depth <= 1) {
            JdkContinuation.yield(scope);
            r = x;
        } else {
            r = jdk(scope, depth - 1, l + i);
        }
        return r + i + l + (long) d + s.length();
    }
}
