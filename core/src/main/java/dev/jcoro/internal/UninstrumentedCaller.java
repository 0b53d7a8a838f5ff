package dev.jcoro.internal;

import java.util.Optional;

/**
 * Finds, on an error path only, the first frame on the real thread stack that jcoro did not instrument,
 * so a refused suspension can name it.
 */
final class UninstrumentedCaller {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private UninstrumentedCaller() {
    }

    /**
     * Describes the frame {@code skip} frames below the caller of this class's caller, passing over
     * frames of hidden classes (lambda proxies), which only forward the call.
     */
    static String find(int skip) {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s
                .dropWhile(f -> f.getDeclaringClass().getName().startsWith("dev.jcoro.internal."))
                .skip(skip)
                .filter(f -> !f.getDeclaringClass().isHidden())
                .findFirst());
        return frame.map(f -> f.getClassName() + "." + f.getMethodName()
                + " (" + f.getFileName() + ":" + f.getLineNumber() + ")").orElse("<unknown frame>");
    }
}
