package dev.jcoro.internal.sched;

import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;

/**
 * {@code Coroutines.nonCancellable}: while the block runs, the coroutine's cancellation is held back — its
 * waits are not ended by it and no suspension throws it — and it takes effect at the first suspension
 * after the block.
 */
public final class NonCancellable {
    private NonCancellable() {
    }

    /** Runs {@code body} in the running coroutine with its cancellation held back; on a plain thread, just runs it. */
    @Suspendable
    public static <T> T run(SuspendableCallable<T> body) throws Exception {
        Coroutine<?> co = Coroutine.current();
        if (co == null) {
            return body.call();
        }
        co.enterShield();
        try {
            return body.call();
        } finally {
            co.leaveShield();
        }
    }
}
