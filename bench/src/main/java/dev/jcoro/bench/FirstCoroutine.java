package dev.jcoro.bench;

import dev.jcoro.Coroutines;

/**
 * What does a program's first coroutine cost? Times the first {@code Coroutines.run} of a fresh JVM (a scheduler
 * started, one coroutine run, the scheduler closed: everything jcoro loads and sets up on first use) and the
 * second one, in milliseconds. Run it in a fresh JVM each time:
 *
 * <pre>
 * java -javaagent:instrument/target/jcoro-agent.jar -cp bench/target/benchmarks.jar dev.jcoro.bench.FirstCoroutine
 * </pre>
 */
public final class FirstCoroutine {
    private FirstCoroutine() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        int first = Coroutines.run(() -> 1);
        long t1 = System.nanoTime();
        int second = Coroutines.run(() -> 2);
        long t2 = System.nanoTime();
        if (first + second != 3) {
            throw new AssertionError(first + second);
        }
        System.out.printf("first coroutine %.1f ms, second %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    }
}
