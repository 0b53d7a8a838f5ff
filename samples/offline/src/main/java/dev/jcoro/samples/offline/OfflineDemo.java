package dev.jcoro.samples.offline;

import dev.jcoro.Generator;
import dev.jcoro.Suspendable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs with no agent: this module's build rewrote its classes ahead of time with
 * the {@code instrument} goal of {@code jcoro-maven-plugin}.
 * It checks its own output and exits with status 1 if the generator went wrong.
 */
public final class OfflineDemo {
    private OfflineDemo() {
    }

    @Suspendable
    static void primes(dev.jcoro.Emitter<Integer> out, int limit) {
        for (int n = 2; n <= limit; n++) {
            if (isPrime(n)) {
                out.emit(n);
            }
        }
    }

    private static boolean isPrime(int n) {
        for (int d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) {
        List<Integer> found = new ArrayList<>();
        new Generator<Integer>(out -> primes(out, 30)).forEachRemaining(found::add);
        List<Integer> expected = List.of(2, 3, 5, 7, 11, 13, 17, 19, 23, 29);
        System.out.println("primes up to 30, generated without -javaagent: " + found);
        if (!found.equals(expected)) {
            System.err.println("expected " + expected);
            System.exit(1);
        }
    }
}
