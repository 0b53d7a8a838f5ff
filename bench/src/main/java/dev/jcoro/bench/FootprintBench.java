package dev.jcoro.bench;

import dev.jcoro.Continuation;
import dev.jcoro.SuspendableRunnable;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How much heap does a continuation hold while it is suspended ten frames deep?
 *
 * <p>Each invocation parks {@link #COUNT} continuations at the bottom of the ten-frame chain of
 * {@link Frames} and reports, as the {@code bytesPerContinuation} counter, the growth of the heap in use
 * after a full collection, divided by the count. The time it reports is of no interest.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class FootprintBench {
    static final int COUNT = 20_000;
    static final int DEPTH = 10;
    private static final SuspendableRunnable PARK = () -> Frames.jcoro(DEPTH, 1);
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** The result: retained bytes per suspended continuation, measured by the invocation. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Bytes {
        public double bytesPerContinuation;
    }

    /** The JDK side: one scope and one body shared by every continuation, as jcoro's body is. */
    @State(Scope.Thread)
    public static class Jdk {
        Object scope;
        Runnable park;

        @Setup
        public void bind() {
            Object s = JdkContinuation.scope("bench");
            scope = s;
            park = () -> Frames.jdk(s, DEPTH, 1);
        }
    }

    @Benchmark
    public Object jcoro(Bytes out) {
        Continuation[] held = new Continuation[COUNT];
        long before = usedAfterGc();
        for (int i = 0; i < COUNT; i++) {
            held[i] = new Continuation(PARK);
            held[i].resume();
        }
        out.bytesPerContinuation = (usedAfterGc() - before) / (double) COUNT;
        return held;
    }

    @Benchmark
    public Object jdk(Jdk s, Bytes out) {
        Object[] held = new Object[COUNT];
        long before = usedAfterGc();
        for (int i = 0; i < COUNT; i++) {
            held[i] = JdkContinuation.create(s.scope, s.park);
            JdkContinuation.run(held[i]);
        }
        out.bytesPerContinuation = (usedAfterGc() - before) / (double) COUNT;
        return held;
    }

    /** Heap in use once garbage is gone; two collections, so that nothing waits on a reference queue. */
    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
