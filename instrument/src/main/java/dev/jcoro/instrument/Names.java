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
    public static final String CAPTURE_FRAME = "captureFrame";
    public static final String CAPTURE_FRAME_DESC = "(IIIIILjava/lang/Object;)V";
    public static final String POP_FRAME = "popFrame";
    public static final String POP_FRAME_DESC = "(I)I";
    public static final String PIN_MONITOR = "pinMonitor";
    public static final String PIN_PLAIN_CALLER = "pinPlainCaller";
    public static final String PIN_DESC = "(II)V";
    public static final String UNPIN = "unpin";
    public static final String UNPIN_DESC = "()V";
    public static final String PINNED_BY_MONITOR = "pinnedByMonitor";
    public static final String PINNED_BY_MONITOR_DESC = "(II)Ljava/lang/IllegalStateException;";
    public static final String REFUSE_ENTRY = "refuseEntry";
    public static final String REFUSE_ENTRY_DESC = "(I)Ljava/lang/IllegalStateException;";
    public static final String RETHROW_IF_CAPTURING = "rethrowIfCapturing";
    public static final String RETHROW_IF_CAPTURING_DESC = "(Ljava/lang/Throwable;I)V";
    public static final String CHECK_NOT_CAPTURING = "checkNotCapturing";
    public static final String CHECK_NOT_CAPTURING_DESC = "(II)V";
    /** The callee key a lambda body writes into its frame (core's {@code FrameStack.LAMBDA_KEY}). */
    public static final int LAMBDA_KEY = 0xFFFF;
    /** Added to the expected callee key of an interface call site (core's {@code FrameStack.INTERFACE_CALL}). */
    public static final int INTERFACE_CALL = 0x10000;

    public static final String METHOD_TABLE = "dev/jcoro/internal/MethodTable";
    public static final String RESERVE = "reserve";
    public static final String RESERVE_DESC = "(I)I";
    public static final String DEFINE = "define";
    public static final String DEFINE_DESC = "(ILjava/lang/String;Ljava/lang/String;)V";
    /** The synthetic static field of an instrumented class that holds the first of its method ids. */
    public static final String METHOD_IDS_FIELD = "jcoro$methodIds";

    public static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    private Names() {
    }

    /** True for the one method that is the suspension primitive itself and is never rewritten. */
    public static boolean isSuspendPrimitive(String owner, String name, String desc) {
        return CONTINUATION.equals(owner) && SUSPEND.equals(name) && SUSPEND_DESC.equals(desc);
    }
}
