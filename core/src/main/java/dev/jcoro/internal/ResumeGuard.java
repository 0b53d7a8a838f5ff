package dev.jcoro.internal;

import dev.jcoro.SuspendableRunnable;

/**
 * A continuation body whose owner alone may resume it. The scheduler's coroutines are such bodies: a
 * coroutine is resumed by its loop when what it waits for arrives, and a {@code resume()} from anywhere
 * else (a user who got hold of it through {@code Continuation.current()}) would run it twice at once or
 * resume it before its wait ended.
 *
 * <p>An abstract class rather than an interface: {@code Continuation.resume()} tests every body for it, and a
 * class test is one compare, while a failed interface test scans the body class's interfaces on every call
 * before JDK 23 (about 10 ns per resume on JDK 17).
 */
public abstract class ResumeGuard implements SuspendableRunnable {
    /**
     * Called by {@code Continuation.resume()} before it runs the body.
     *
     * @throws IllegalStateException if the caller is not the body's owner; the message says who owns it
     */
    public abstract void checkResume();

    /**
     * What a refused suspension names as the continuation body, and whose class it explains: the body itself,
     * or, for a body that only forwards to another runnable and keeps no frame of its own, that runnable, since
     * its code is what failed to save itself.
     *
     * @return the object to name
     */
    public Object refusalSubject() {
        return this;
    }
}
