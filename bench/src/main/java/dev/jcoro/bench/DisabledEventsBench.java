package dev.jcoro.bench;

import dev.jcoro.internal.jfr.RuntimeEvents;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What does one of the runtime's JFR hooks cost while its event is off? {@code coroutineStartAndEnd} makes the
 * two calls every coroutine makes ({@code RuntimeEvents.coroutineStarted} and {@code coroutineEnded}, off by
 * default); {@code baseline} does the same work without them. Run it without a recording and with one
 * ({@code -jvmArgsAppend -XX:StartFlightRecording}, where the event classes are registered and their
 * default settings keep these two off): the difference from the baseline is the cost.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DisabledEventsBench {
    private long id;

    @Benchmark
    public long baseline() {
        return ++id;
    }

    @Benchmark
    public long coroutineStartAndEnd() {
        long i = ++id;
        RuntimeEvents.coroutineStarted(i);
        RuntimeEvents.coroutineEnded(i, null, false);
        return i;
    }
}
