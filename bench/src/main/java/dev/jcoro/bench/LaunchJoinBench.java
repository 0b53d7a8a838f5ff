package dev.jcoro.bench;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * How fast can one coroutine launch children and join them: jcoro's {@code Coroutines.launch} and
 * {@code Task.join}, against a virtual thread starting virtual threads and joining them?
 *
 * <p>One operation is one child launched, run and joined. Each invocation launches a parent (from the
 * benchmark thread) that launches {@link #BATCH} children with an empty body, then joins each; the parent's
 * own launch is spread over the batch. Where the children run is each runtime's choice: jcoro starts them on
 * the parent's loop and lets idle loops steal half of the backlog; the JDK pushes a new virtual thread onto
 * its starter's carrier queue, from which idle carriers steal. {@code loops} is {@code Scheduler.create(loops)} for
 * jcoro and the virtual-thread scheduler's parallelism for virtual threads. 1e9 / score = launches per second.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(LaunchJoinBench.BATCH)
public class LaunchJoinBench {
    static final int BATCH = 1_000;
    private static final SuspendableRunnable EMPTY = () -> { };
    private static final Runnable EMPTY_THREAD = () -> { };

    @State(Scope.Benchmark)
    public static class Loops {
        @Param({"2"})
        public int loops;

        Scheduler scheduler;

        @Setup
        public void start() {
            scheduler = Scheduler.create(loops);
        }

        @TearDown
        public void stop() {
            scheduler.close();
        }
    }

    @State(Scope.Benchmark)
    public static class Carriers {
        @Param({"2"})
        public int loops;

        @Setup
        public void start() {
            VirtualThreads.useCarriers(loops);
        }
    }

    @Benchmark
    public Object jcoro(Loops s) throws Exception {
        return s.scheduler.launch(() -> {
            Task<?>[] children = new Task<?>[BATCH];
            for (int i = 0; i < BATCH; i++) {
                children[i] = Coroutines.launch(EMPTY);
            }
            for (Task<?> child : children) {
                child.join();
            }
            return children;
        }).join();
    }

    @Benchmark
    public Object vthread(Carriers s) {
        Thread[][] out = new Thread[1][];
        Thread parent = VirtualThreads.start(() -> {
            Thread[] children = new Thread[BATCH];
            for (int i = 0; i < BATCH; i++) {
                children[i] = VirtualThreads.start(EMPTY_THREAD);
            }
            for (Thread child : children) {
                VirtualThreads.join(child);
            }
            out[0] = children;
        });
        VirtualThreads.join(parent);
        return out[0];
    }
}
