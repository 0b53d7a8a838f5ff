package dev.jcoro;

import dev.jcoro.internal.sched.Coroutine;
import dev.jcoro.internal.sched.Delay;
import dev.jcoro.internal.sched.NonCancellable;
import dev.jcoro.internal.sched.Offload;
import dev.jcoro.internal.sched.Scope;
import dev.jcoro.internal.sched.SchedulerImpl;
import dev.jcoro.internal.sched.Suspension;
import dev.jcoro.internal.sched.Timeout;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * The coroutine toolbox: start a program, launch coroutines, sleep, yield, wait for futures, offload
 * blocking calls, bound a block by a timeout, and run children as a structured block.
 *
 * <pre>{@code
 * String answer = Coroutines.run(() -> {
 *     Task<String> a = Coroutines.launch(() -> { Coroutines.sleep(Duration.ofSeconds(1)); return "a"; });
 *     Task<String> b = Coroutines.launch(() -> { Coroutines.sleep(Duration.ofSeconds(1)); return "b"; });
 *     return a.join() + b.join();        // about one second in all, not two
 * });
 * }</pre>
 *
 * <p>The waiting methods suspend the running coroutine. Called on a plain thread (outside any
 * coroutine) they still work, by blocking that thread, so code can be tested without a scheduler.
 */
public final class Coroutines {
    private Coroutines() {
    }

    /**
     * Like Python's {@code asyncio.run}: starts a new scheduler, runs {@code main} as its first coroutine,
     * waits for it, and closes the scheduler (cancelling what {@code main} left running). Call from a
     * plain thread.
     *
     * @param main the program's first coroutine
     * @param <T> the type of its result
     * @return what {@code main} returned
     * @throws IllegalStateException if called inside a coroutine, where it would block the carrier thread
     * @throws Exception what {@code main} threw, unchanged
     */
    public static <T> T run(SuspendableCallable<T> main) throws Exception {
        return run(Runtime.getRuntime().availableProcessors(), main);
    }

    /**
     * Like {@link #run(SuspendableCallable)}, throwing only what {@code main} declares: a lambda that throws
     * no checked exception makes this throw none.
     *
     * <pre>{@code
     * public static void main(String[] args) {        // no "throws Exception"
     *     int n = Coroutines.run(() -> countLines());
     * }
     * }</pre>
     *
     * @param main the program's first coroutine
     * @param <T> the type of its result
     * @param <E> the checked exception {@code main} may throw
     * @return what {@code main} returned
     * @throws IllegalStateException if called inside a coroutine
     * @throws E what {@code main} threw, unchanged
     */
    public static <T, E extends Exception> T run(TypedCallable<T, E> main) throws E {
        return run(Runtime.getRuntime().availableProcessors(), main);
    }

    /**
     * Like {@link #run(SuspendableCallable)} on a scheduler of {@code loops} carrier threads.
     *
     * @param loops the number of selector loops, at least 1
     * @param main the program's first coroutine
     * @param <T> the type of its result
     * @return what {@code main} returned
     * @throws IllegalArgumentException if {@code loops} is less than 1
     * @throws IllegalStateException if called inside a coroutine
     * @throws Exception what {@code main} threw, unchanged
     */
    public static <T> T run(int loops, SuspendableCallable<T> main) throws Exception {
        if (Coroutine.current() != null) {
            throw new IllegalStateException("Coroutines.run blocks its thread until main ends: call it from a plain "
                    + "thread; inside a coroutine, call the code directly or use launch and join");
        }
        try (Scheduler scheduler = Scheduler.create(loops)) {
            return scheduler.launch(main).join();
        }
    }

    /**
     * Like {@link #run(int, SuspendableCallable)}, throwing only what {@code main} declares.
     *
     * @param loops the number of selector loops, at least 1
     * @param main the program's first coroutine
     * @param <T> the type of its result
     * @param <E> the checked exception {@code main} may throw
     * @return what {@code main} returned
     * @throws IllegalArgumentException if {@code loops} is less than 1
     * @throws IllegalStateException if called inside a coroutine
     * @throws E what {@code main} threw, unchanged
     */
    public static <T, E extends Exception> T run(int loops, TypedCallable<T, E> main) throws E {
        try {
            return run(loops, (SuspendableCallable<T>) main);
        } catch (Exception e) {
            throw Typed.<E>rethrow(e);
        }
    }

    /**
     * Launches a coroutine on the scheduler of the running coroutine.
     *
     * @param body the new coroutine's code
     * @param <T> the type of its result
     * @return its task
     * @throws IllegalStateException if called outside a coroutine, or if the scheduler is closed
     */
    public static <T> Task<T> launch(SuspendableCallable<T> body) {
        return scheduler().launch(body);
    }

    /**
     * Launches a coroutine without a result on the scheduler of the running coroutine.
     *
     * @param body the new coroutine's code
     * @return its task
     * @throws IllegalStateException if called outside a coroutine, or if the scheduler is closed
     */
    public static Task<Void> launch(SuspendableRunnable body) {
        return scheduler().launch(body);
    }

    /**
     * Pauses the running coroutine for {@code d} without holding its carrier thread. Outside a coroutine
     * it sleeps the thread. A zero or negative duration only yields.
     *
     * @param d how long to pause
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it sleeps (at
     *     once, not at the end of the sleep), or if a sleeping plain thread is interrupted
     */
    @Suspendable
    public static void sleep(Duration d) {
        Delay.sleep(d);
    }

    /**
     * Lets the other ready coroutines and the sockets of this loop have a turn, then continues. Outside a
     * coroutine it only calls {@link Thread#yield()}.
     *
     * @throws java.util.concurrent.CancellationException if the coroutine has been cancelled
     */
    @Suspendable
    public static void yieldNow() {
        Suspension.yieldNow();
    }

    /**
     * Waits for {@code stage} to complete without holding the carrier thread, and returns its value.
     * Cancelling the waiting coroutine stops the wait but not the stage.
     *
     * <pre>{@code
     * HttpResponse<String> r = Coroutines.await(client.sendAsync(request, BodyHandlers.ofString()));
     * }</pre>
     *
     * @param stage any completion stage
     * @param <T> the type of its value
     * @return the stage's value
     * @throws java.util.concurrent.CancellationException if the waiting coroutine is cancelled, or the stage was
     * @throws InterruptedException if a plain thread waiting here is interrupted
     * @throws Exception what failed the stage, taken out of its {@code CompletionException}
     */
    @Suspendable
    public static <T> T await(CompletionStage<T> stage) throws Exception {
        return Offload.await(stage);
    }

    /**
     * Runs a blocking call (file I/O, JDBC, a lock-based library) on the scheduler's blocking pool while the
     * coroutine suspends, so that the loop keeps serving others. Outside a coroutine it runs the call
     * directly. If the coroutine is cancelled meanwhile, the call's thread is interrupted.
     *
     * <pre>{@code
     * byte[] data = Coroutines.offload(() -> Files.readAllBytes(path));
     * }</pre>
     *
     * @param blocking the blocking call
     * @param <T> the type of its result
     * @return what the call returned
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     * @throws Exception what the call threw, unchanged
     */
    @Suspendable
    public static <T> T offload(Callable<T> blocking) throws Exception {
        return Offload.offload(blocking);
    }

    /**
     * Like {@link #offload(Callable)}, throwing only what the call declares:
     * {@code offloadTyped(() -> Files.readAllBytes(path))} throws {@code IOException}, not {@code Exception}.
     * (A separate name rather than an overload: lambdas would pick an overload by themselves, and then a
     * {@code catch} written for {@code offload}'s {@code throws Exception} — of a checked exception the
     * call cannot throw — would no longer compile.)
     *
     * @param blocking the blocking call
     * @param <T> the type of its result
     * @param <E> the checked exception the call may throw
     * @return what the call returned
     * @throws java.util.concurrent.CancellationException if the coroutine is cancelled while it waits
     * @throws E what the call threw, unchanged
     */
    @Suspendable
    public static <T, E extends Exception> T offloadTyped(BlockingCallable<T, E> blocking) throws E {
        try {
            return Offload.offload(blocking);
        } catch (Exception e) {
            throw Typed.<E>rethrow(e);
        }
    }

    /**
     * Runs {@code body} with a deadline: at {@code d} from now it is cancelled (its {@code finally} blocks
     * run) and this method throws {@link java.util.concurrent.TimeoutException}. The body runs as a child
     * coroutine on the caller's loop. Outside a coroutine, a scheduler is started for the call.
     *
     * <pre>{@code
     * String reply = Coroutines.withTimeout(Duration.ofSeconds(2), () -> readLine(socket));
     * }</pre>
     *
     * @param d the time allowed; zero or negative times out at once, without running the body
     * @param body the work to bound
     * @param <T> the type of its result
     * @return what the body returned in time
     * @throws java.util.concurrent.TimeoutException if the deadline passed first
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     * @throws Exception what the body threw, unchanged
     */
    @Suspendable
    public static <T> T withTimeout(Duration d, SuspendableCallable<T> body) throws Exception {
        return Timeout.withTimeout(d, body);
    }

    /**
     * Like {@link #withTimeout(Duration, SuspendableCallable)}, throwing only {@link TimeoutException} and
     * what the body declares, so {@code catch (TimeoutException e)} works in a method that does not throw
     * {@code Exception}.
     *
     * <pre>{@code
     * void ping() throws IOException {
     *     try {
     *         Coroutines.withTimeout(Duration.ofSeconds(1), () -> { socket.write(PING); return null; });
     *     } catch (TimeoutException e) {
     *         socket.close();
     *     }
     * }
     * }</pre>
     *
     * @param d the time allowed; zero or negative times out at once, without running the body
     * @param body the work to bound
     * @param <T> the type of its result
     * @param <E> the checked exception the body may throw
     * @return what the body returned in time
     * @throws TimeoutException if the deadline passed first
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     * @throws E what the body threw, unchanged
     */
    @Suspendable
    public static <T, E extends Exception> T withTimeout(Duration d, TypedCallable<T, E> body) throws E, TimeoutException {
        try {
            return Timeout.withTimeout(d, body);
        } catch (Exception e) {
            throw Typed.<E>rethrow(e);
        }
    }

    /**
     * Like {@link #withTimeout(Duration, SuspendableCallable)}, but the deadline gives an empty result
     * instead of an exception (Kotlin's {@code withTimeoutOrNull}). A body that returns null also gives an
     * empty result.
     *
     * <pre>{@code
     * Optional<String> reply = Coroutines.withTimeoutOrEmpty(Duration.ofMillis(200), () -> cache.get(key));
     * String value = reply.orElseGet(() -> fallback(key));
     * }</pre>
     *
     * @param d the time allowed; zero or negative gives an empty result at once, without running the body
     * @param body the work to bound
     * @param <T> the type of its result
     * @param <E> the checked exception the body may throw
     * @return what the body returned in time, or empty
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     * @throws E what the body threw, unchanged
     */
    @Suspendable
    public static <T, E extends Exception> Optional<T> withTimeoutOrEmpty(Duration d, TypedCallable<T, E> body) throws E {
        try {
            return Timeout.withTimeoutOrEmpty(d, body);
        } catch (Exception e) {
            throw Typed.<E>rethrow(e);
        }
    }

    /**
     * Like {@link #withTimeoutOrEmpty(Duration, TypedCallable)} for a body held in a
     * {@link SuspendableCallable} variable.
     *
     * @param d the time allowed
     * @param body the work to bound
     * @param <T> the type of its result
     * @return what the body returned in time, or empty
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     * @throws Exception what the body threw, unchanged
     */
    @Suspendable
    public static <T> Optional<T> withTimeoutOrEmpty(Duration d, SuspendableCallable<T> body) throws Exception {
        return Timeout.withTimeoutOrEmpty(d, body);
    }

    /**
     * Runs {@code body} to its end even if the running coroutine is cancelled meanwhile (Kotlin's
     * {@code withContext(NonCancellable)}): inside, waits are not interrupted by the cancellation, which
     * takes effect at the first suspension after the block. For cleanup that must finish — a polite
     * close, a rollback, a final write. Timeouts inside the block still work. On a plain thread it only
     * runs the body.
     *
     * <pre>{@code
     * try {
     *     serve(connection);
     * } finally {
     *     Coroutines.nonCancellable(() -> { connection.sendGoodbye(); return null; });
     * }
     * }</pre>
     *
     * @param body the cleanup
     * @param <T> the type of its result
     * @param <E> the checked exception the body may throw
     * @return what the body returned
     * @throws E what the body threw, unchanged
     */
    @Suspendable
    public static <T, E extends Exception> T nonCancellable(TypedCallable<T, E> body) throws E {
        try {
            return NonCancellable.run(body);
        } catch (Exception e) {
            throw Typed.<E>rethrow(e);
        }
    }

    /**
     * Tells whether the running coroutine has been cancelled (outside a {@link #nonCancellable} block), so
     * that a long computation that does not suspend can stop early. False on a plain thread.
     *
     * @return true if the coroutine's next suspension would throw {@link java.util.concurrent.CancellationException}
     */
    public static boolean isCancelled() {
        Coroutine<?> co = Coroutine.current();
        return co != null && co.isCancelledNow();
    }

    /**
     * Throws if the running coroutine has been cancelled (outside a {@link #nonCancellable} block): a
     * cancellation point for a long computation that does not suspend. Does nothing on a plain thread.
     *
     * <pre>{@code
     * for (Row row : rows) {
     *     Coroutines.ensureActive();
     *     total += score(row);
     * }
     * }</pre>
     *
     * @throws java.util.concurrent.CancellationException if the coroutine has been cancelled
     */
    public static void ensureActive() {
        Coroutine<?> co = Coroutine.current();
        if (co != null) {
            co.throwIfCancelled();
        }
    }

    /**
     * Runs a structured block: {@code body} and every child it launches on the given {@link TaskScope} run
     * as coroutines, and this method returns only once all of them have ended. The first that fails cancels
     * the others, and its exception comes out of this method unchanged once they have all ended. Outside a
     * coroutine, a scheduler is started for the call.
     *
     * <pre>{@code
     * int sum = Coroutines.scope(scope -> {
     *     Task<Integer> a = scope.launch(() -> price("a"));
     *     Task<Integer> b = scope.launch(() -> price("b"));
     *     return a.join() + b.join();
     * });
     * }</pre>
     *
     * @param body the block
     * @param <T> the type of its result
     * @return what {@code body} returned
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     *     (its children are cancelled and waited for first)
     * @throws Exception the first failure of the body or a child, unchanged
     */
    @Suspendable
    public static <T> T scope(ScopeBody<T> body) throws Exception {
        return Scope.run(body);
    }

    /**
     * Like Python's {@code asyncio.gather}: runs the callables concurrently, each as a child coroutine, and
     * returns their results in the order given. The first failure cancels the others and is rethrown.
     *
     * <pre>{@code
     * List<String> pages = Coroutines.gather(() -> fetch("/a"), () -> fetch("/b"), () -> fetch("/c"));
     * }</pre>
     *
     * @param calls the work to run concurrently
     * @param <T> the type of the results
     * @return the results, in the order of {@code calls}
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     * @throws Exception the first failure, unchanged
     */
    @SafeVarargs
    @Suspendable
    public static <T> List<T> gather(SuspendableCallable<? extends T>... calls) throws Exception {
        return Scope.gather(Arrays.asList(calls));
    }

    /**
     * Like {@link #gather(SuspendableCallable[])} for a list.
     *
     * @param calls the work to run concurrently
     * @param <T> the type of the results
     * @return the results, in the order of {@code calls}
     * @throws java.util.concurrent.CancellationException if the calling coroutine is cancelled meanwhile
     * @throws Exception the first failure, unchanged
     */
    @Suspendable
    public static <T> List<T> gather(List<? extends SuspendableCallable<? extends T>> calls) throws Exception {
        return Scope.gather(calls);
    }

    /**
     * Describes every live coroutine of every open scheduler: state, what it waits for, and the logical
     * stack of each suspended one. Callable from any thread, including a coroutine.
     *
     * @return a human-readable, multi-line text
     */
    public static String dump() {
        return SchedulerImpl.dumpAll();
    }

    private static Scheduler scheduler() {
        Coroutine<?> co = Coroutine.current();
        if (co == null) {
            throw new IllegalStateException("Coroutines.launch must be called from inside a coroutine; "
                    + "on a plain thread use Scheduler.launch or Coroutines.run");
        }
        return co.scheduler();
    }
}
