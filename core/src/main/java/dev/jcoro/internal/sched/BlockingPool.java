package dev.jcoro.internal.sched;

import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run {@code Coroutines.offload} work: blocking calls that cannot become coroutines.
 * Elastic (threads start on demand and end after 30 idle seconds) and bounded (work beyond the maximum
 * waits in a queue), with named daemon threads so that a thread dump shows what they are.
 */
final class BlockingPool {
    private final ThreadPoolExecutor executor;

    BlockingPool(String namePrefix, int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(maxThreads, maxThreads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, namePrefix + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} on a pool thread.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the pool has been shut down
     */
    Future<?> submit(Runnable work) {
        return executor.submit(work);
    }

    /** Interrupts running work and stops every thread. */
    void shutdown() {
        executor.shutdownNow();
    }
}
