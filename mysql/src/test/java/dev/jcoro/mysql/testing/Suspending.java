package dev.jcoro.mysql.testing;

import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import org.opentest4j.AssertionFailedError;

/** Assertions whose bodies may suspend (JUnit's own take a plain {@code Executable}, which cannot). */
public final class Suspending {
    private Suspending() {
    }

    /** Like {@code Assertions.assertThrows}, for a body that suspends. */
    @Suspendable
    public static <T extends Throwable> T assertThrows(Class<T> type, SuspendableCallable<?> body) {
        try {
            body.call();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionFailedError("expected " + type.getName() + " but " + t + " was thrown", t);
        }
        throw new AssertionFailedError("expected " + type.getName() + " to be thrown, but nothing was");
    }
}
