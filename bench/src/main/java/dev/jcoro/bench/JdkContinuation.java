package dev.jcoro.bench;

import static java.lang.invoke.MethodType.methodType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The JDK's own one-shot continuation, {@code jdk.internal.vm.Continuation} (JDK 21 and later, the engine under
 * virtual threads), for side-by-side benchmarks.
 *
 * <p>This module compiles with {@code --release 17}, which cannot name {@code jdk.internal.vm}, so the class
 * is reached through method handles, bound once when this class initialises. They sit in static finals,
 * which the JIT folds to constants, so each {@code invokeExact} compiles to a direct call. At run time the
 * JVM needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}; {@code bench/run.sh} adds it on JDK
 * 21 and later and leaves these benchmarks out on older JDKs.
 */
final class JdkContinuation {
    private static final MethodHandle NEW_SCOPE;
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle IS_DONE;

    static {
        try {
            Class<?> scope = Class.forName("jdk.internal.vm.ContinuationScope");
            Class<?> continuation = Class.forName("jdk.internal.vm.Continuation");
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEW_SCOPE = lookup.findConstructor(scope, methodType(void.class, String.class))
                    .asType(methodType(Object.class, String.class));
            NEW = lookup.findConstructor(continuation, methodType(void.class, scope, Runnable.class))
                    .asType(methodType(Object.class, Object.class, Runnable.class));
            RUN = lookup.findVirtual(continuation, "run", methodType(void.class))
                    .asType(methodType(void.class, Object.class));
            YIELD = lookup.findStatic(continuation, "yield", methodType(boolean.class, scope))
                    .asType(methodType(boolean.class, Object.class));
            IS_DONE = lookup.findVirtual(continuation, "isDone", methodType(boolean.class))
                    .asType(methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException | IllegalAccessError e) {
            throw new IllegalStateException("jdk.internal.vm.Continuation is not reachable: it needs JDK 21 or later and "
                    + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED", e);
        }
    }

    private JdkContinuation() {
    }

    /** A new {@code ContinuationScope}. */
    static Object scope(String name) {
        try {
            return (Object) NEW_SCOPE.invokeExact(name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** A new {@code Continuation} of {@code scope} that will run {@code body}. */
    static Object create(Object scope, Runnable body) {
        try {
            return (Object) NEW.invokeExact(scope, body);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Runs {@code continuation} until it yields or ends. */
    static void run(Object continuation) {
        try {
            RUN.invokeExact(continuation);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Yields the innermost running continuation of {@code scope}; returns when it is run again. */
    static void yield(Object scope) {
        try {
            boolean yielded = (boolean) YIELD.invokeExact(scope);
            if (!yielded) {
                throw new IllegalStateException("the continuation is pinned and could not yield");
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean isDone(Object continuation) {
        try {
            return (boolean) IS_DONE.invokeExact(continuation);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
