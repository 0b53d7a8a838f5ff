package dev.jcoro;

import dev.jcoro.internal.sched.Context;

/**
 * A value local to a coroutine, as {@link ThreadLocal} is to a thread and Python's {@code contextvars} to
 * a task: a request id or a transaction that follows the request through every call and every suspension,
 * whichever carrier thread resumes it.
 *
 * <pre>{@code
 * static final CoroutineLocal<String> REQUEST_ID = new CoroutineLocal<>();
 *
 * REQUEST_ID.set("req-42");
 * Coroutines.sleep(Duration.ofMillis(10));             // resumed later, maybe on another carrier
 * Task<Void> audit = Coroutines.launch(() -> log(REQUEST_ID.get()));   // the child sees "req-42"
 * }</pre>
 *
 * <p>A coroutine starts with the values of the code that launched it (a coroutine, or a plain thread),
 * as they are at the launch; later changes on either side do not reach the other. That holds for the
 * bodies of {@code withTimeout} and {@code scope} too, which run as child coroutines: they see the
 * caller's values, and what they set stays inside them. An offloaded call sees the values of the
 * coroutine that offloaded it. On a plain thread the values are the thread's own.
 *
 * <p>Use from the coroutine (or thread) whose value it is; a value is not visible to other coroutines.
 *
 * @param <T> the type of the value
 */
public final class CoroutineLocal<T> {
    private final T initial;

    /** Creates a local whose value is null until set. */
    public CoroutineLocal() {
        this(null);
    }

    /**
     * Creates a local whose value is {@code initial} until set.
     *
     * @param initial the value {@link #get()} returns while none is set; may be null
     */
    public CoroutineLocal(T initial) {
        this.initial = initial;
    }

    /**
     * The value for the running coroutine (or thread).
     *
     * @return the value set last, or the initial value
     */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) Context.current().get(this, initial);
    }

    /**
     * Sets the value for the running coroutine (or thread) and the coroutines it launches from now on.
     *
     * @param value the value; null removes it, so that {@link #get()} returns the initial value
     */
    public void set(T value) {
        Context.setCurrent(Context.current().with(this, value));
    }

    /** Removes the value, so that {@link #get()} returns the initial value. */
    public void remove() {
        set(null);
    }

    /**
     * Runs {@code body} with this local set to {@code value}, then puts back the value it had before, even
     * if the body throws — {@code ScopedValue.where(...).call(...)} for coroutines.
     *
     * @param value the value inside the body
     * @param body the code to run; it may suspend
     * @param <R> the type of the body's result
     * @param <E> the checked exception the body may throw
     * @return what the body returned
     * @throws E what the body threw, unchanged
     */
    @Suspendable
    public <R, E extends Exception> R with(T value, TypedCallable<R, E> body) throws E {
        Object previous = Context.current().get(this, null);
        set(value);
        try {
            return body.call();
        } finally {
            Context.setCurrent(Context.current().with(this, previous));
        }
    }

    @Override
    public String toString() {
        return "CoroutineLocal@" + Integer.toHexString(System.identityHashCode(this));
    }
}
