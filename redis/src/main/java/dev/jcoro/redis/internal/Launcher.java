package dev.jcoro.redis.internal;

import dev.jcoro.Coroutines;
import dev.jcoro.Scheduler;
import dev.jcoro.SuspendableRunnable;
import dev.jcoro.Task;

/** Where a client's own coroutines (each connection's reader, writer and sweeper) run. */
@FunctionalInterface
public interface Launcher {
    /**
     * Starts {@code body} as a coroutine.
     *
     * @param body the coroutine's code
     * @return its task
     * @throws IllegalStateException if there is no scheduler to run it on
     */
    Task<Void> launch(SuspendableRunnable body);

    /**
     * Launches on {@code scheduler}, or, if it is null, on the scheduler of the coroutine that calls
     * {@link #launch}.
     *
     * @param scheduler a scheduler, or null
     * @return the launcher
     */
    static Launcher of(Scheduler scheduler) {
        if (scheduler != null) {
            return scheduler::launch;
        }
        return body -> {
            try {
                return Coroutines.launch(body);
            } catch (IllegalStateException e) {
                throw new IllegalStateException("a Redis connection runs its reader and writer as coroutines: connect"
                        + " (and send commands) from inside a coroutine, or give the client a scheduler with"
                        + " RedisOptions.Builder.scheduler(...)", e);
            }
        };
    }
}
