package dev.jcoro.internal;

import java.util.Optional;

/**
 * Names, on an error path only, the code that made a suspension impossible, and why it was not
 * instrumented: the first frame on the real thread stack below the runtime, a lambda's host class, the
 * state of the agent.
 */
final class UninstrumentedCaller {
    /** Set by the jcoro agent when it starts, so a refusal can tell "no agent" from "class excluded". */
    static final String AGENT_PROPERTY = "dev.jcoro.agent";

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private UninstrumentedCaller() {
    }

    /**
     * Describes the frame {@code skip} frames below the caller of this class's caller, passing over
     * frames of hidden classes (lambda proxies), which only forward the call.
     */
    static String find(int skip) {
        return frame(skip).map(f -> SourceLocation.format(f.toStackTraceElement())).orElse("<unknown frame>");
    }

    /** Why the frame {@link #find} names was not instrumented. */
    static String causeOfFrame(int skip) {
        return frame(skip).map(f -> cause(f.getDeclaringClass())).orElse("");
    }

    private static Optional<StackWalker.StackFrame> frame(int skip) {
        return WALKER.walk(s -> s
                .dropWhile(f -> f.getDeclaringClass().getName().startsWith("dev.jcoro.internal.")
                        || f.getDeclaringClass().getName().equals("dev.jcoro.Continuation"))
                .skip(skip)
                .filter(f -> !f.getDeclaringClass().isHidden())
                .findFirst());
    }

    /** Names an object that was called: its class, or for a lambda the class that wrote it. */
    static String describeObject(Object o) {
        Class<?> c = o.getClass();
        return c.isHidden() ? "a lambda or method reference of " + c.getNestHost().getName() : "the " + c.getName() + " object";
    }

    /** Why code of class {@code c} (or of the class that wrote the lambda {@code c}) cannot save itself. */
    static String cause(Class<?> c) {
        Class<?> host = c.isHidden() ? c.getNestHost() : c;
        if (host.isAnnotationPresent(Instrumented.class)) {
            return host.getName() + " is instrumented, but the method called is not @Suspendable";
        }
        if (System.getProperty(AGENT_PROPERTY) != null) {
            return host.getName() + " is not instrumented although the jcoro agent runs: is the class excluded "
                    + "(agent option exclude=), or did it fail to instrument (see the [jcoro] messages at class loading)?";
        }
        return host.getName() + " is not instrumented and the jcoro agent is not running: is -javaagent:jcoro-agent.jar missing, "
                + "or the class left out of build-time instrumentation?";
    }
}
