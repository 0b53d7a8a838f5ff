package dev.jcoro.redis;

import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;

/** {@code assertThrows} for code that suspends: JUnit's {@code Executable} is not suspendable. */
final class Expect {
    private Expect() {
    }

    @Suspendable
    static <T extends Throwable> T thrown(Class<T> type, SuspendableCallable<?> body) {
        Object result;
        try {
            result = body.call();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError("expected " + type.getName() + " but got " + t, t);
        }
        throw new AssertionError("expected " + type.getName() + " but the call returned " + result);
    }
}
