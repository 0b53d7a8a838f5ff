package dev.jcoro;

import dev.jcoro.internal.sched.SchedulerConfig;
import dev.jcoro.internal.sched.SchedulerImpl;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs coroutines on a fixed number of carrier threads, each driving one {@link java.nio.channels.Selector}
 * loop: ready coroutines, due timers, ready sockets.
 *
 * <pre>{@code
 * try (Scheduler scheduler = Scheduler.create(2)) {
 *     Task<String> t = scheduler.launch(() -> {
 *         Coroutines.sleep(Duration.ofMillis(10));
 *         return "done";
 *     });
 *     System.out.println(t.join());
 * }
 * }</pre>
 *
 * <p>A coroutine stays on the loop that started it; new coroutines are spread over the loops. Blocking
 * work belongs in {@link Coroutines#offload}, which runs on a separate pool. All methods may be called
 * from any thread.
 */
public interface Scheduler extends AutoCloseable {
    /**
     * Starts a scheduler with one loop per available processor and the default settings.
     *
     * @return a running scheduler; close it when done
     */
    static Scheduler create() {
        return builder().build();
    }

    /**
     * Starts a scheduler with {@code threads} loops and the default settings.
     *
     * @param threads the number of carrier threads, at least 1
     * @return a running scheduler; close it when done
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    static Scheduler create(int threads) {
        return builder().threads(threads).build();
    }

    /**
     * Settings for a scheduler beyond its thread count: the blocking pool and the blocked-carrier watchdog.
     *
     * @return a builder with the defaults (see {@link Builder})
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Launches a coroutine that returns a value. It starts soon on one of the loops.
     *
     * @param body the coroutine's code
     * @param <T> the type of its result
     * @return the task, to join or cancel
     * @throws IllegalStateException if the scheduler is closed
     */
    <T> Task<T> launch(SuspendableCallable<T> body);

    /**
     * Launches a coroutine without a result. It starts soon on one of the loops.
     *
     * @param body the coroutine's code
     * @return the task, to join or cancel
     * @throws IllegalStateException if the scheduler is closed
     */
    Task<Void> launch(SuspendableRunnable body);

    /**
     * Describes every live coroutine of this scheduler: its state, what it waits for, and the logical stack
     * of each suspended one. Meant for a stuck program: a loop that does not answer within a second is
     * reported with its carrier thread's stack instead.
     *
     * @return a human-readable, multi-line text
     */
    String dump();

    /**
     * Cancels the coroutines that still run, lets their {@code finally} blocks finish (for at most ten
     * seconds), then stops the carrier threads and the blocking pool and waits for the carrier threads to
     * end. Calling it again does nothing. Called from one of this scheduler's own coroutines, it does not
     * wait for its own carrier thread.
     */
    @Override
    void close();

    /**
     * Settings for {@link Scheduler#builder()}. Defaults: one loop per processor; a blocking pool of at
     * most {@code jcoro.blocking.maxThreads} threads (system property, default 64); a watchdog threshold of
     * {@code jcoro.watchdog.millis} milliseconds (default 100, 0 turns it off); reports go to the
     * {@link System.Logger} named {@code dev.jcoro.watchdog}, at {@code WARNING}. A builder is used by one thread.
     */
    final class Builder {
        private int threads = Runtime.getRuntime().availableProcessors();
        private int blockingThreads = SchedulerConfig.defaultBlockingThreads();
        private Duration blockedThreshold = SchedulerConfig.defaultBlockedThreshold();
        private Consumer<String> blockedReporter = SchedulerConfig.defaultBlockedReporter();

        Builder() {
        }

        /**
         * Sets the number of carrier threads (selector loops).
         *
         * @param threads at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code threads} is less than 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the most threads the {@link Coroutines#offload} pool may start; more work waits in its queue.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max} is less than 1
         */
        public Builder blockingThreads(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("blockingThreads must be at least 1: " + max);
            }
            this.blockingThreads = max;
            return this;
        }

        /**
         * Sets how long a coroutine may hold its carrier thread without suspending before the watchdog
         * reports it. {@link Duration#ZERO} turns the watchdog off.
         *
         * @param threshold zero or positive
         * @return this builder
         * @throws IllegalArgumentException if {@code threshold} is negative
         */
        public Builder blockedThreshold(Duration threshold) {
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("blockedThreshold must not be negative: " + threshold);
            }
            this.blockedThreshold = threshold;
            return this;
        }

        /**
         * Sets where the watchdog's reports go. The reporter is called on the watchdog's own thread.
         *
         * @param reporter receives one multi-line text per blocked coroutine
         * @return this builder
         * @throws NullPointerException if {@code reporter} is null
         */
        public Builder blockedReporter(Consumer<String> reporter) {
            this.blockedReporter = Objects.requireNonNull(reporter, "reporter");
            return this;
        }

        /**
         * Starts a scheduler with these settings.
         *
         * @return a running scheduler; close it when done
         */
        public Scheduler build() {
            return new SchedulerImpl(new SchedulerConfig(threads, blockingThreads, blockedThreshold, blockedReporter));
        }
    }
}
