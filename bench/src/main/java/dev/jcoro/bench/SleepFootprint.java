package dev.jcoro.bench;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * How much heap does a sleeping coroutine hold, against a sleeping virtual thread? A plain main, not JMH:
 * one measurement needs a whole fresh heap, and JMH's harness threads and iterations would only add noise.
 *
 * <pre>
 * java -Xmx4g -javaagent:instrument/target/jcoro-agent.jar -cp bench/target/benchmarks.jar \
 *      dev.jcoro.bench.SleepFootprint jcoro 1000000
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -Xmx4g -cp bench/target/benchmarks.jar \
 *      dev.jcoro.bench.SleepFootprint vthread 1000000
 * </pre>
 *
 * <p>It starts {@code count} sleepers (an hour each; nothing wakes during the run) from the main thread,
 * waits until all of them have reached their sleep, and prints the growth of the heap in use after full
 * collections, divided by the count, as one JSON line. Neither side keeps a handle on its sleepers: a
 * sleeping coroutine is held by its loop's timer, a sleeping virtual thread by the JDK's timer, exactly as
 * in a server that forgot them. jcoro runs on {@code Scheduler.create()} (one loop per processor).
 */
public final class SleepFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final Duration LONG = Duration.ofHours(1);

    private SleepFootprint() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !(args[0].equals("jcoro") || args[0].equals("vthread"))) {
            System.err.println("usage: SleepFootprint jcoro|vthread COUNT");
            System.exit(2);
        }
        String kind = args[0];
        int count = Integer.parseInt(args[1]);
        LongAdder asleep = new LongAdder();
        Scheduler scheduler = kind.equals("jcoro") ? Scheduler.create() : null;

        // One sleeper first, woken at once, so that class loading, instrumentation and the runtimes' own
        // schedulers and timer threads are in place before the baseline.
        if (scheduler != null) {
            scheduler.launch(() -> Coroutines.sleep(Duration.ofMillis(1))).join();
        } else {
            VirtualThreads.join(VirtualThreads.start(() -> sleepThread(Duration.ofMillis(1))));
        }
        long before = usedAfterGc();

        long t0 = System.nanoTime();
        if (scheduler != null) {
            for (int i = 0; i < count; i++) {
                scheduler.launch(() -> {
                    asleep.increment();
                    Coroutines.sleep(LONG);
                });
            }
        } else {
            for (int i = 0; i < count; i++) {
                VirtualThreads.start(() -> {
                    asleep.increment();
                    sleepThread(LONG);
                });
            }
        }
        long launched = System.nanoTime();
        while (asleep.sum() < count) {
            Thread.sleep(10);
        }
        long allAsleep = System.nanoTime();
        // The last sleeper counted itself a moment before it suspended; give it that moment.
        Thread.sleep(200);
        long after = usedAfterGc();

        System.out.printf(Locale.ROOT, "{\"kind\": \"%s\", \"jdk\": %d, \"count\": %d, \"bytesPerSleeper\": %.1f,"
                        + " \"launchSeconds\": %.3f, \"allAsleepSeconds\": %.3f, \"heapBeforeMiB\": %.1f,"
                        + " \"heapAfterMiB\": %.1f, \"maxHeapMiB\": %.0f}%n",
                kind, Runtime.version().feature(), count, (after - before) / (double) count,
                (launched - t0) / 1e9, (allAsleep - t0) / 1e9, before / 1048576.0, after / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        // Closing the scheduler would cancel a million coroutines one by one; the answer is printed, so end.
        System.exit(0);
    }

    private static void sleepThread(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Heap in use once garbage is gone; several collections, so that nothing waits on a reference queue. */
    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
