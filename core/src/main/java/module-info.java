/**
 * jcoro: stackful coroutines for Java.
 *
 * <p>The API is {@code dev.jcoro} ({@code @Suspendable}, {@code Continuation}, {@code Generator},
 * {@code Scheduler}, {@code Coroutines}), {@code dev.jcoro.net} (coroutine sockets) and {@code dev.jcoro.sync}
 * (mutex, semaphore, channel, wait group). An application module {@code requires dev.jcoro}, which is also
 * what lets its rewritten classes reach the runtime.
 *
 * <p>{@code dev.jcoro.internal} is exported only because code rewritten by the jcoro agent or the offline
 * instrumenter calls into it (the frame stack, the method table, the {@code Instrumented} mark). It is not for
 * users: nothing in it is API, and it changes without notice.
 *
 * <p>{@code java.management} serves the schedulers' MXBeans ({@code -Djcoro.jmx=true}); their interface's
 * package is exported to it alone.
 */
module dev.jcoro {
    requires java.management;

    exports dev.jcoro;
    exports dev.jcoro.net;
    exports dev.jcoro.sync;
    exports dev.jcoro.internal;
    exports dev.jcoro.internal.sched to java.management;
}
