package dev.jcoro.bench;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * JDK 21+ virtual threads for side-by-side benchmarks, reached through a method handle because this module
 * compiles with {@code --release 17}, which cannot name {@code Thread.startVirtualThread}.
 *
 * <p>The handle sits in a static final, which the JIT folds to a constant, so {@code invokeExact} compiles
 * to a direct call. On JDK 17 it is null and {@link #start} throws; {@code bench/run.sh} leaves the
 * virtual-thread benchmarks (methods whose name starts with {@code vthread}) out there.
 */
final class VirtualThreads {
    /** The property the JDK reads, once, when it creates its virtual-thread scheduler. */
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";
    private static final MethodHandle START = find();

    private VirtualThreads() {
    }

    private static MethodHandle find() {
        try {
            return MethodHandles.publicLookup()
                    .findStatic(Thread.class, "startVirtualThread", methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /**
     * Sets the number of carrier threads of the JDK's virtual-thread scheduler. Call it before the first
     * virtual thread of the JVM starts (in a benchmark's trial setup, in a fresh fork): later calls have no
     * effect, because the scheduler is created once.
     *
     * @throws IllegalStateException on a JDK without virtual threads
     */
    static void useCarriers(int carriers) {
        requireAvailable();
        System.setProperty(PARALLELISM, Integer.toString(carriers));
    }

    /** Starts a virtual thread running {@code task}. */
    static Thread start(Runnable task) {
        try {
            return (Thread) START.invokeExact(task);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Joins {@code t}, turning an interrupt into an unchecked failure (benchmark threads are not interrupted). */
    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + t, e);
        }
    }

    static void requireAvailable() {
        if (START == null) {
            throw new IllegalStateException("virtual threads need JDK 21 or later; this is JDK "
                    + Runtime.version().feature() + ": run the vthread benchmarks on JDK 25 (bench/run.sh does)");
        }
    }
}
