package dev.jcoro.uninstrumented;

import dev.jcoro.Continuation;
import dev.jcoro.Coroutines;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.SuspendableRunnable;
import java.time.Duration;

/**
 * Bodies written as a user would write them, in a package the tests' agent excludes, so they run
 * uninstrumented as they would without {@code -javaagent}: they must be refused, never run twice.
 */
public final class Bodies {
    /** How often a body's first line ran. */
    public static int runs;

    private Bodies() {
    }

    public static SuspendableRunnable suspendsDirectly() {
        return () -> {
            runs++;
            Continuation.suspend();
        };
    }

    public static SuspendableCallable<String> sleeps() {
        return () -> {
            runs++;
            Coroutines.sleep(Duration.ofMillis(10));
            return "done after " + runs + " run(s)";
        };
    }

    public static SuspendableRunnable sleepsWithoutAResult() {
        return () -> {
            runs++;
            Coroutines.sleep(Duration.ofMillis(10));
        };
    }

    /** Run without the agent by {@code WithoutAgentTest}: prints what became of a sleeping body. */
    public static void main(String[] args) {
        try {
            String result = Coroutines.run(sleeps());
            System.out.println("completed: " + result);
        } catch (Throwable t) {
            System.out.println("refused: " + t);
        }
        System.out.println("runs: " + runs);
    }
}
