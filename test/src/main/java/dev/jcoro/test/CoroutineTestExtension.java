package dev.jcoro.test;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs each {@link CoroutineTest} method as a coroutine on a test scheduler (see {@link CoroutineTestRun}).
 * Registered by the annotation itself; other test methods of the class run as usual.
 */
public final class CoroutineTestExtension implements InvocationInterceptor {
    /** Created by JUnit. */
    public CoroutineTestExtension() {
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
                                    ExtensionContext context) throws Throwable {
        Method method = call.getExecutable();
        CoroutineTest settings = AnnotationSupport.findAnnotation(method, CoroutineTest.class).orElse(null);
        if (settings == null) {
            invocation.proceed();
            return;
        }
        if (settings.timeoutSeconds() < 1) {
            throw new ExtensionConfigurationException("@CoroutineTest(timeoutSeconds = " + settings.timeoutSeconds()
                    + ") on " + method + ": the timeout must be at least one second");
        }
        // The coroutine calls the method itself, so JUnit must not.
        invocation.skip();
        new CoroutineTestRun(settings, method, call.getTarget().orElse(null), call.getArguments().toArray()).run();
    }
}
