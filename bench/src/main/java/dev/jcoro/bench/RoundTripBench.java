package dev.jcoro.bench;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What does one suspend and resume cost, {@code depth} frames deep?
 *
 * <p>One operation resumes a continuation that is suspended {@code depth} frames down: the frames restore,
 * the innermost one returns from its pause, the chain returns to the loop in the body, calls down again and
 * suspends again, saving every frame. With {@code -prof gc}, {@code gc.alloc.rate.norm} is the allocation
 * per round trip (the target is none once the frame stack has grown).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoundTripBench {

    /** A jcoro continuation parked at the bottom of the chain. */
    @State(Scope.Thread)
    public static class Jcoro {
        @Param({"1", "10"})
        public int depth;
        long sink;
        Continuation continuation;

        @Setup
        public void start() {
            continuation = new Continuation(() -> loop());
            continuation.resume();
        }

        @Suspendable
        void loop() {
            while (true) {
                sink += Frames.jcoro(depth, sink);
            }
        }
    }

    /** A {@code jdk.internal.vm.Continuation} parked at the bottom of the same chain. */
    @State(Scope.Thread)
    public static class Jdk {
        @Param({"1", "10"})
        public int depth;
        long sink;
        Object continuation;

        @Setup
        public void start() {
            Object scope = JdkContinuation.scope("bench");
            continuation = JdkContinuation.create(scope, () -> {
                while (true) {
                    sink += Frames.jdk(scope, depth, sink);
                }
            });
            JdkContinuation.run(continuation);
        }
    }

    @Benchmark
    public void jcoro(Jcoro s) {
        s.continuation.resume();
    }

    @Benchmark
    public void jdk(Jdk s) {
        JdkContinuation.run(s.continuation);
    }
}
