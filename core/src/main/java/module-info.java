/**
 * jcoro: stackful coroutines for Java.
 *
 * <p>The API is {@code dev.jcoro} ({@code @Suspendable}, {@code Continuation}, {@code Generator},
 * {@code Scheduler}, {@code Coroutines}), {@code dev.jcoro.net} (coroutine sockets) and {@code dev.jcoro.sync}
 * (mutex, semaphore, channel, wait group, select, event), {@code dev.jcoro.flow} (asynchronous streams). An
 * application module {@code requires dev.jcoro}, which is also
 * what lets its rewritten classes reach the runtime.
 *
 * <p>{@code dev.jcoro.internal} is exported only because code rewritten by the jcoro agent or the offline
 * instrumenter calls into it (the frame stack, the method table, the {@code Instrumented} mark). It is not for
 * users: nothing in it is API, and it changes without notice.
 *
 * <p>{@code java.management} serves the schedulers' MXBeans ({@code -Djcoro.jmx=true}); their interface's
 * package is exported to it alone. {@code dev.jcoro.internal.sched} is also exported (like {@code internal},
 * not for users) because the test extension {@code jcoro-test} drives a scheduler on virtual time through it.
 * {@code jdk.jfr} carries the runtime's flight-recorder events ({@code dev.jcoro.BlockedCarrier} and others).
 */
module dev.jcoro {
    requires java.management;
    requires jdk.jfr;

    exports dev.jcoro;
    exports dev.jcoro.net;
    exports dev.jcoro.sync;
    exports dev.jcoro.flow;
    exports dev.jcoro.internal;
    exports dev.jcoro.internal.sched;
}
