package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Bytecode;
import java.util.List;

/**
 * A stand-in for core's {@code FrameStack} that only records the boundary checks it is asked to make, so
 * rewritten boundaries can run here without core and show what they check, where and how often.
 */
final class RecordingFrameStack {
    static final String SOURCE = """
            package dev.jcoro.internal;
            public final class FrameStack {
                public static final java.util.List<String> CHECKED = new java.util.ArrayList<>();
                public static void checkNotCapturing(String where) { CHECKED.add(where); }
            }
            """;

    private RecordingFrameStack() {
    }

    /** What the stand-in loaded next to {@code c} has recorded. */
    @SuppressWarnings("unchecked")
    static List<String> checked(Class<?> c) throws ReflectiveOperationException {
        Class<?> stack = Class.forName("dev.jcoro.internal.FrameStack", true, c.getClassLoader());
        if (!(stack.getClassLoader() instanceof Bytecode.MemoryLoader)) {
            throw new AssertionError("the recording stand-in was not loaded");
        }
        return (List<String>) stack.getField("CHECKED").get(null);
    }
}
