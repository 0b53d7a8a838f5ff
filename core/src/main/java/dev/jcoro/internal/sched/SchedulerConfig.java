package dev.jcoro.internal.sched;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The settings a {@link SchedulerImpl} starts with, as collected by {@code Scheduler.Builder}.
 *
 * @param threads the number of selector loops
 * @param blockingThreads the most threads of the offload pool
 * @param blockedThreshold how long a coroutine may hold its carrier; zero turns the watchdog off
 * @param blockedReporter receives the watchdog's reports
 */
public record SchedulerConfig(int threads, int blockingThreads, Duration blockedThreshold,
                              Consumer<String> blockedReporter) {
    /** The default size limit of the offload pool: system property {@code jcoro.blocking.maxThreads}, else 64. */
    public static int defaultBlockingThreads() {
        return Integer.getInteger("jcoro.blocking.maxThreads", 64);
    }

    /** The default watchdog threshold: system property {@code jcoro.watchdog.millis}, else 100 ms. */
    public static Duration defaultBlockedThreshold() {
        return Duration.ofMillis(Long.getLong("jcoro.watchdog.millis", 100));
    }

    /** Where the watchdog's reports go by default: the {@code dev.jcoro.watchdog} logger, at WARNING. */
    public static Consumer<String> defaultBlockedReporter() {
        return Diagnostics.WATCHDOG::report;
    }
}
