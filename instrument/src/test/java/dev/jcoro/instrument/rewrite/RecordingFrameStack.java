package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Bytecode;
import java.util.List;

/**
 * Stand-ins for core's {@code FrameStack} and {@code MethodTable} that only record what rewritten
 * plain callers ask of them (pins, unpins, checks, the table they define), so such methods can run here
 * without core and show what they do, where and how often.
 */
final class RecordingFrameStack {
    static final int BASE_ID = 100;

    static final String SOURCE = """
            package dev.jcoro.internal;
            public final class FrameStack {
                public static final java.util.List<String> EVENTS = new java.util.ArrayList<>();
                private static final FrameStack ONE = new FrameStack();
                public int mode;
                public static FrameStack current() { return ONE; }
                public void pinPlainCaller(int id, int site) { EVENTS.add("pin " + id + ":" + site); }
                public void pinMonitor(int id, int site) { EVENTS.add("pin-monitor " + id + ":" + site); }
                public void unpin() { EVENTS.add("unpin"); }
                public void checkNotCapturing(int id, int site) { EVENTS.add("check " + id + ":" + site); }
            }
            """;

    static final String TABLE_SOURCE = """
            package dev.jcoro.internal;
            public final class MethodTable {
                public static final java.util.List<String> DEFINED = new java.util.ArrayList<>();
                public static int reserve(int count) { return 100; }
                public static void define(int base, String className, String encoded) { DEFINED.add(encoded); }
            }
            """;

    private RecordingFrameStack() {
    }

    /** What the stand-in loaded next to {@code c} has recorded. */
    @SuppressWarnings("unchecked")
    static List<String> events(Class<?> c) throws ReflectiveOperationException {
        Class<?> stack = Class.forName("dev.jcoro.internal.FrameStack", true, c.getClassLoader());
        if (!(stack.getClassLoader() instanceof Bytecode.MemoryLoader)) {
            throw new AssertionError("the recording stand-in was not loaded");
        }
        return (List<String>) stack.getField("EVENTS").get(null);
    }

    /** The encoded tables the class next to {@code c} defined. */
    @SuppressWarnings("unchecked")
    static List<String> defined(Class<?> c) throws ReflectiveOperationException {
        Class<?> table = Class.forName("dev.jcoro.internal.MethodTable", true, c.getClassLoader());
        return (List<String>) table.getField("DEFINED").get(null);
    }
}
