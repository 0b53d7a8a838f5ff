package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import dev.jcoro.SuspendableCallable;
import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InstrumentationResult;
import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Types whose class files cannot be found while frames are computed never fail the rewrite. */
class MissingTypeTest {

    public static class Animal {
        @Override
        public String toString() {
            return getClass().getSimpleName();
        }
    }

    public static final class Cat extends Animal {
    }

    public static final class Dog extends Animal {
    }

    /** Merges a Cat and a Dog at a join point, then suspends with the merged value live. */
    public static final class Subject implements SuspendableCallable<String> {
        private final boolean cat;

        public Subject(boolean cat) {
            this.cat = cat;
        }

        @Override
        public String call() {
            Object pet = cat ? new Cat() : new Dog();
            Continuation.suspend();
            return String.valueOf(pet);
        }
    }

    @Test
    void rewriteSucceedsWhenSupertypesAreMissing() throws Exception {
        String subject = Subject.class.getName().replace('.', '/');
        byte[] original;
        try (InputStream in = MissingTypeTest.class.getClassLoader().getResourceAsStream(subject + ".class")) {
            original = in.readAllBytes();
        }
        ClassBytesSource real = ClassBytesSource.of(MissingTypeTest.class.getClassLoader());
        ClassBytesSource withHoles = name -> name.contains("MissingTypeTest$Cat") || name.contains("MissingTypeTest$Dog")
                || name.contains("MissingTypeTest$Animal") ? null : real.bytes(name);
        InstrumentationResult r = new ClassInstrumenter(new ClassHierarchy(withHoles)).instrument(original);
        assertTrue(r.problems().isEmpty(), String.valueOf(r.problems()));
        assertTrue(r.changed());
        assertTrue(r.instrumented().contains("call()Ljava/lang/String;"), String.valueOf(r.instrumented()));

        Class<?> rewritten = new TestClasses.MemoryLoader(Map.of(subject, r.bytes())).loadClass(Subject.class.getName());
        @SuppressWarnings("unchecked")
        SuspendableCallable<String> dog = (SuspendableCallable<String>) rewritten.getConstructor(boolean.class).newInstance(false);
        String[] out = new String[1];
        assertEquals(1, Steps.runToEnd(() -> out[0] = call(dog)));
        assertEquals("Dog", out[0]);
    }

    @Suspendable
    private static String call(SuspendableCallable<String> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
