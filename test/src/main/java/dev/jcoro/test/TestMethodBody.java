package dev.jcoro.test;

import dev.jcoro.SuspendableCallable;
import dev.jcoro.internal.ContinuationSupport;
import dev.jcoro.internal.FrameStack;
import dev.jcoro.internal.Instrumented;
import dev.jcoro.internal.sched.TestScheduler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The coroutine body of a {@link CoroutineTest}: calls the test method by reflection.
 *
 * <p>Reflection is a stateless forwarder, so this body needs no frame of its own: when the test method
 * suspends it saves its frames and returns, {@code Method.invoke} returns, and so does this body, leaving
 * the suspension in place. On each resume the coroutine calls this body again, which calls the method
 * again with the same arguments, and the method restores itself and continues where it paused. The class
 * carries the rewriter's mark so that it stays a plain forwarder, and it claims the test method's saved frame
 * ({@link FrameStack#adoptTopFrameAsForwarded()}) so that the coroutine's call of {@code call()} accepts it.
 */
// Marked as if rewritten so that neither the agent nor the plugin rewrites it: implementing call() would
// otherwise give it an entry check that refuses the test method's frame on every resume.
@Instrumented
final class TestMethodBody implements SuspendableCallable<Object> {
    private final Method method;
    private final Object target;
    private final Object[] arguments;
    private final TestScheduler scheduler;

    TestMethodBody(Method method, Object target, Object[] arguments, TestScheduler scheduler) {
        this.method = method;
        this.target = target;
        this.arguments = arguments;
        this.scheduler = scheduler;
        method.setAccessible(true);
    }

    @Override
    public Object call() throws Exception {
        try {
            method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            scheduler.freezeTime();
            throw ContinuationSupport.<Exception>sneaky(e.getCause());
        }
        FrameStack frames = FrameStack.current();
        if (frames.mode == FrameStack.CAPTURING) {
            refuseIfUninstrumented(frames);
            frames.adoptTopFrameAsForwarded();   // the call through reflection keeps no frame of its own
            return null;
        }
        scheduler.freezeTime();
        return null;
    }

    /**
     * A test method that was not rewritten cannot save its frame: resuming it would run it again from the
     * top. Refuse the suspension instead, saying how to instrument the test.
     */
    private void refuseIfUninstrumented(FrameStack frames) {
        Class<?> testClass = method.getDeclaringClass();
        if (!testClass.isAnnotationPresent(Instrumented.class)) {
            ContinuationSupport.discard(frames);
            throw new IllegalStateException("@CoroutineTest " + testClass.getName() + "." + method.getName()
                    + " suspended, but " + testClass.getName() + " was not instrumented: run the tests with "
                    + "-javaagent:jcoro-agent.jar, or instrument the test classes ahead of time "
                    + "(jcoro-maven-plugin's instrument-tests goal)");
        }
    }
}
