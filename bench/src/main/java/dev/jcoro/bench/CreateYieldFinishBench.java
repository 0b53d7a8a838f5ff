package dev.jcoro.bench;

import dev.jcoro.Continuation;
import dev.jcoro.SuspendableRunnable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What does a short-lived continuation cost: create it, run it to its one pause, run it to its end?
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CreateYieldFinishBench {
    private static final SuspendableRunnable YIELD_ONCE = () -> Continuation.suspend();

    /** The JDK side: one scope and one body, reused by every continuation as jcoro's body is. */
    @State(Scope.Thread)
    public static class Jdk {
        Object scope;
        Runnable yieldOnce;

        @Setup
        public void bind() {
            Object s = JdkContinuation.scope("bench");
            scope = s;
            yieldOnce = () -> JdkContinuation.yield(s);
        }
    }

    @Benchmark
    public boolean jcoro() {
        Continuation c = new Continuation(YIELD_ONCE);
        c.resume();
        c.resume();
        return c.isDone();
    }

    @Benchmark
    public boolean jdk(Jdk s) {
        Object c = JdkContinuation.create(s.scope, s.yieldOnce);
        JdkContinuation.run(c);
        JdkContinuation.run(c);
        return JdkContinuation.isDone(c);
    }
}
