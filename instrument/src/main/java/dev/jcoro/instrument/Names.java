package dev.jcoro.instrument;

/**
 * The JVM names the rewriter looks for and the runtime entry points the rewritten code calls. The
 * instrumenter has no compile-time dependency on jcoro-core, so these strings are the whole contract
 * between the two modules.
 */
public final class Names {
    public static final String SUSPENDABLE_DESC = "Ldev/jcoro/Suspendable;";
    public static final String INSTRUMENTED_DESC = "Ldev/jcoro/internal/Instrumented;";

    public static final String CONTINUATION = "dev/jcoro/Continuation";
    public static final String SUSPEND = "suspend";
    public static final String SUSPEND_DESC = "()V";

    public static final String FRAME_STACK = "dev/jcoro/internal/FrameStack";
    public static final String FRAME_STACK_DESC = "L" + FRAME_STACK + ";";
    public static final String CURRENT = "current";
    public static final String CURRENT_DESC = "()" + FRAME_STACK_DESC;
    public static final String MODE = "mode";
    public static final int MODE_RESTORING = 2;
    public static final String PUSH_FRAME = "pushFrame";
    public static final String PUSH_FRAME_DESC = "(IIII)V";
    public static final String POP_FRAME = "popFrame";
    public static final String POP_FRAME_DESC = "(I)I";
    public static final String PINNED_BY_MONITOR = "pinnedByMonitor";
    public static final String PINNED_BY_MONITOR_DESC = "(II)Ljava/lang/IllegalStateException;";
    public static final String ENTERED_WHILE_CAPTURING = "enteredWhileCapturing";
    public static final String ENTERED_WHILE_CAPTURING_DESC = "(I)Ljava/lang/IllegalStateException;";
    public static final String CHECK_NOT_CAPTURING = "checkNotCapturing";
    public static final String CHECK_NOT_CAPTURING_DESC = "(Ljava/lang/String;)V";

    public static final String METHOD_TABLE = "dev/jcoro/internal/MethodTable";
    public static final String REGISTER = "register";
    public static final String REGISTER_DESC = "(Ljava/lang/String;Ljava/lang/String;)V";

    public static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private Names() {
    }

    /** True for the one method that is the suspension primitive itself and is never rewritten. */
    public static boolean isSuspendPrimitive(String owner, String name, String desc) {
        return CONTINUATION.equals(owner) && SUSPEND.equals(name) && SUSPEND_DESC.equals(desc);
    }
}
