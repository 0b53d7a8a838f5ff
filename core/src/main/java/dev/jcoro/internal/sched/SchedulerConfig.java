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
}
