package dev.jcoro.internal.sched;

import java.util.concurrent.Future;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run {@code Coroutines.offload} work: blocking calls that cannot become coroutines.
 * Elastic — an idle thread is reused, else a new one starts, up to the maximum; threads end after 30 idle
 * seconds — and bounded: work beyond the maximum waits in a queue. Threads are named daemons, so that a
 * thread dump shows what they are and they never keep the JVM alive.
 */
final class BlockingPool {
    private static final long KEEP_ALIVE_SECONDS = 30;
    private final ThreadPoolExecutor executor;

    BlockingPool(String namePrefix, int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(0, maxThreads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new HandOffQueue(),
                r -> {
                    Thread t = new Thread(r, namePrefix + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                (r, pool) -> {
                    if (pool.isShutdown()) {
                        throw new RejectedExecutionException("the scheduler's blocking pool is shut down");
                    }
                    ((HandOffQueue) pool.getQueue()).enqueue(r);
                });
    }

    /**
     * Runs {@code work} on a pool thread.
     *
     * @throws RejectedExecutionException if the pool has been shut down
     */
    Future<?> submit(Runnable work) {
        return executor.submit(work);
    }

    /** Interrupts running work and stops every thread. */
    void shutdown() {
        executor.shutdownNow();
    }

    /**
     * A queue that accepts work from the executor only when an idle thread is waiting for it. Refusing
     * otherwise makes the executor start a new thread (up to its maximum) instead of queueing, which a
     * plain queue would do as soon as the core threads exist; at the maximum, the rejection handler queues.
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable r) {
            return tryTransfer(r);
        }

        void enqueue(Runnable r) {
            super.offer(r);
        }
    }
}
