package dev.jcoro.samples.upload;

import dev.jcoro.Coroutines;
import dev.jcoro.Suspendable;
import java.io.IOException;

/** File-system calls made from coroutines, run on the offload pool so that a slow disk never stalls a loop. */
final class Blocking {
    private Blocking() {
    }

    /** A blocking call that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    /** A blocking call without a result. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    /**
     * Runs {@code call} on the offload pool while the coroutine suspends (on a plain thread, right here).
     *
     * @throws IOException what the call threw
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled meanwhile
     */
    @Suspendable
    static <T> T io(IoCall<T> call) throws IOException {
        try {
            return Coroutines.offload(call::call);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("unexpected failure of a file operation: " + e, e);    // IoCall throws no other
        }
    }

    /** {@link #io} for a call without a result. */
    @Suspendable
    static void io(IoAction action) throws IOException {
        io(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Runs clean-up work that must happen even in a coroutine being cancelled: on the offload pool when it
     * can, otherwise (the cancellation refuses every further suspension) on this thread, which is short
     * (closing a file, removing a name). Failures are reported on standard error, not thrown: the caller
     * is already failing for a better reason.
     */
    @Suspendable
    static void cleanUp(String what, IoAction action) {
        try {
            io(action);
        } catch (java.util.concurrent.CancellationException cancelled) {
            try {
                action.run();
            } catch (IOException e) {
                System.err.println("upload server: could not " + what + ": " + e);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("upload server: could not " + what + ": " + e);
        }
    }
}
