package dev.jcoro.bench;

import dev.jcoro.Suspendable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What does instrumentation cost code that never suspends? The same ten-frame chain, once as
 * {@code @Suspendable} methods the agent rewrites, once as plain methods it leaves alone, both called
 * outside any continuation (where a {@code @Suspendable} method runs as ordinary Java).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class FastPathBench {
    private static final int DEPTH = 10;
    /** Read from a field so that the JIT cannot fold the whole chain into a constant. */
    long x = 42;

    @Benchmark
    public long instrumented() {
        return suspendable(DEPTH, x);
    }

    @Benchmark
    public long plain() {
        return plain(DEPTH, x);
    }

    /** A leaf with no suspendable call of its own: its only cost is the entry check. */
    @Benchmark
    public long leafInstrumented() {
        return suspendableLeaf(x);
    }

    @Benchmark
    public long leafPlain() {
        return plainLeaf(x);
    }

    @Suspendable
    static long suspendable(int depth, long x) {
        int i = (int) x + depth;
        long l = x * 31L;
        double d = x * 0.5;
        long r = depth <= 1 ? suspendableLeaf(x) : suspendable(depth - 1, l + i);
        return r + i + l + (long) d;
    }

    @Suspendable
    static long suspendableLeaf(long x) {
        return x ^ (x >>> 7);
    }

    static long plain(int depth, long x) {
        int i = (int) x + depth;
        long l = x * 31L;
        double d = x * 0.5;
        long r = depth <= 1 ? plainLeaf(x) : plain(depth - 1, l + i);
        return r + i + l + (long) d;
    }

    static long plainLeaf(long x) {
        return x ^ (x >>> 7);
    }
}
