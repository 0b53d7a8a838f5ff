package dev.jcoro.bench;

import dev.jcoro.Continuation;
import dev.jcoro.Scheduler;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableRunnable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.regex.Pattern;

/**
 * The frame benchmarks ({@link RoundTripBench}, {@link CreateYieldFinishBench}, {@link FastPathBench}) timed in
 * <em>thread CPU time</em> instead of wall time, for a machine shared with other work: a thread that waits for
 * a core is not charged for the wait, so the figures move far less with the load than JMH's (they still
 * suffer the other programs' use of the caches). Every case runs in the same JVM, in rounds that take the
 * cases in turn, so each sees the same conditions; the report is the median of the rounds, ns per operation.
 *
 * <pre>
 * java -javaagent:instrument/target/jcoro-agent.jar [--add-exports java.base/jdk.internal.vm=ALL-UNNAMED] \
 *      -cp bench/target/benchmarks.jar dev.jcoro.bench.FrameCpuTime [rounds] [operations per round] [cases | carrier]
 * </pre>
 *
 * {@code cases}, a regular expression, keeps the cases whose names it finds (e.g. {@code 'createYieldFinish jcoro'}).
 * The cases share the JIT's profile of {@code Continuation.resume()} and of the frame stack's methods, so what one
 * case inlines depends on the others run beside it; one case alone per JVM measures it without that
 * interference, several together measure them as a program that mixes them would run.
 *
 * Without the {@code --add-exports} (or before JDK 21) the JDK continuation's cases are left out. With
 * {@code carrier} in place of {@code cases} it times only the never-suspending chain, instrumented and plain,
 * called from a coroutine's body on a scheduler's carrier thread, where {@code @Suspendable} code usually runs
 * (there the rewritten methods find their frame stack in a field of the carrier thread, not through the plain
 * thread's mount slot), and nothing else in that JVM, for the reason above.
 *
 * <p>Thread CPU time includes the kernel's time for the thread's page faults, and a JVM whose heap is still
 * growing touches fresh pages as it allocates: while it does, every allocated 4 KiB costs a fault (about
 * 40 ns per operation for create + yield + finish on JDK 17 with G1, which looked like a regression of the code
 * when the operation allocated less and so reached the end of that phase later). On Linux each case's line
 * therefore ends with its minor page faults per 1,000 operations; anything but 0 means the figure includes
 * the heap's first touch. Run with {@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch} to keep it out.
 */
public final class FrameCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Linux's counters of the calling thread; field 10 is its minor page faults. */
    private static final Path THREAD_STAT = Paths.get("/proc/thread-self/stat");
    private static final SuspendableRunnable YIELD_ONCE = () -> Continuation.suspend();
    private static long sink;

    private FrameCpuTime() {
    }

    /** Runs the cases and prints one line per case: name, median, lowest and highest round, ns per operation. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        if (args.length > 2 && args[2].equals("carrier")) {
            try (Scheduler scheduler = Scheduler.create(1)) {
                Map<String, IntToDoubleFunction> timers = new LinkedHashMap<>();
                timers.put("fastPath instrumented, coroutine", n -> onCarrier(scheduler, n, true));
                timers.put("fastPath plain, coroutine", n -> onCarrier(scheduler, n, false));
                measure(timers, rounds, ops, false);
            }
        } else {
            Map<String, Runnable> cases = frameCases();
            if (args.length > 2) {
                Pattern keep = Pattern.compile(args[2]);
                cases.keySet().removeIf(name -> !keep.matcher(name).find());
            }
            Map<String, IntToDoubleFunction> timers = new LinkedHashMap<>();
            cases.forEach((name, op) -> timers.put(name, n -> timed(op, n)));
            measure(timers, rounds, ops, true);
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** The cases timed on this thread, each one operation. */
    private static Map<String, Runnable> frameCases() {
        Map<String, Runnable> cases = new LinkedHashMap<>();
        cases.put("roundTrip depth 1 jcoro", jcoroRoundTrip(1));
        cases.put("roundTrip depth 10 jcoro", jcoroRoundTrip(10));
        cases.put("createYieldFinish jcoro", FrameCpuTime::jcoroCreateYieldFinish);
        cases.put("fastPath instrumented", () -> sink += FastPathBench.suspendable(10, sink & 0xFF));
        cases.put("fastPath plain", () -> sink += FastPathBench.plain(10, sink & 0xFF));
        if (jdkAvailable()) {
            cases.put("roundTrip depth 1 jdk", jdkRoundTrip(1));
            cases.put("roundTrip depth 10 jdk", jdkRoundTrip(10));
            Object scope = JdkContinuation.scope("cpu");
            Runnable yieldOnce = () -> JdkContinuation.yield(scope);
            cases.put("createYieldFinish jdk", () -> {
                Object c = JdkContinuation.create(scope, yieldOnce);
                JdkContinuation.run(c);
                JdkContinuation.run(c);
            });
        }
        return cases;
    }

    /**
     * Three warm-up rounds, then {@code rounds} rounds that take the cases in turn; prints the medians, and
     * with {@code countFaults} this thread's minor page faults per case (the cases run on this thread).
     */
    private static void measure(Map<String, IntToDoubleFunction> timers, int rounds, int ops, boolean countFaults) {
        Map<String, List<Double>> results = new LinkedHashMap<>();
        Map<String, Long> faults = new LinkedHashMap<>();
        boolean faultsKnown = countFaults && minorFaults() >= 0;
        for (int warm = 0; warm < 3; warm++) {
            timers.forEach((name, timer) -> timer.applyAsDouble(ops));
        }
        for (int r = 0; r < rounds; r++) {
            timers.forEach((name, timer) -> {
                long faultsBefore = minorFaults();
                results.computeIfAbsent(name, k -> new ArrayList<>()).add(timer.applyAsDouble(ops));
                faults.merge(name, minorFaults() - faultsBefore, Long::sum);
            });
        }
        System.out.println("# " + System.getProperty("java.vm.version") + ", " + rounds + " rounds of " + ops
                + " operations, thread CPU ns/op: median [lowest, highest]" + (faultsKnown ? "; minor page faults per 1,000 operations" : ""));
        results.forEach((name, values) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-34s %8.2f  [%.2f, %.2f]  %s%n", name, v[v.length / 2], v[0], v[v.length - 1],
                    faultsKnown ? String.format("%.2f", faults.get(name) * 1000.0 / ((double) rounds * ops)) : "");
        });
    }

    /** Times {@code ops} calls of the chain from a coroutine's body, in the carrier thread's CPU time. */
    private static double onCarrier(Scheduler scheduler, int ops, boolean instrumented) {
        try {
            return scheduler.launch(() -> instrumented ? chainInstrumented(ops) : chainPlain(ops)).join();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Suspendable
    private static double chainInstrumented(int ops) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            sink += FastPathBench.suspendable(10, sink & 0xFF);
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
    }

    private static double chainPlain(int ops) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            sink += FastPathBench.plain(10, sink & 0xFF);
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
    }

    /** The calling thread's minor page faults so far, or -1 where the system does not tell. */
    private static long minorFaults() {
        try {
            String stat = new String(Files.readAllBytes(THREAD_STAT), StandardCharsets.US_ASCII);
            // The fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double timed(Runnable op, int ops) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            op.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double) ops;
    }

    private static Runnable jcoroRoundTrip(int depth) {
        Continuation c = new Continuation(() -> loop(depth));
        c.resume();
        return c::resume;
    }

    @Suspendable
    private static void loop(int depth) {
        while (true) {
            sink += Frames.jcoro(depth, sink);
        }
    }

    private static void jcoroCreateYieldFinish() {
        Continuation c = new Continuation(YIELD_ONCE);
        c.resume();
        c.resume();
        if (!c.isDone()) {
            throw new AssertionError("not done");
        }
    }

    private static Runnable jdkRoundTrip(int depth) {
        Object scope = JdkContinuation.scope("cpu");
        Object c = JdkContinuation.create(scope, () -> {
            while (true) {
                sink += Frames.jdk(scope, depth, sink);
            }
        });
        JdkContinuation.run(c);
        return () -> JdkContinuation.run(c);
    }

    private static boolean jdkAvailable() {
        try {
            JdkContinuation.scope("probe");
            return true;
        } catch (Throwable e) {
            return false;
        }
    }
}
