package dev.jcoro.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.classify.ClassHierarchy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class ClassPrefilterTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            public class JdkOnly implements Runnable, java.io.Serializable {
                private long n;
                public void run() { n += 2L; System.out.println(3.5); }
            }
            """, """
            package fixture;
            public class Annotated { @dev.jcoro.Suspendable void go() { } }
            """, """
            package fixture;
            public class CallsSuspend { void go() { dev.jcoro.Continuation.suspend(); } }
            """, """
            package fixture;
            public class MakesJdkLambda { Runnable r() { return () -> { }; } }
            """, """
            package fixture;
            public class UserSuper extends JdkOnly { }
            """, """
            package fixture;
            public class UserInterface implements Step { public void step() { } }
            """, """
            package fixture;
            public interface Step { void step(); }
            """, """
            package fixture;
            public class CallsUserCode { int len(UserInterface u) { u.step(); return 1; } }
            """, """
            package fixture;
            public interface Handler { @dev.jcoro.Suspendable void handle(); }
            """, """
            package fixture;
            public class PlainHandler implements Handler { public void handle() { } }
            """, """
            package fixture;
            public class DeepHandler extends PlainHandler { }
            """, """
            package fixture;
            public class CallsHandler { void call(Handler h) { h.handle(); } }
            """, """
            package fixture;
            public class MakesHandlerLambda { Handler h() { return () -> { }; } }
            """, """
            package fixture;
            @dev.jcoro.Suspendable @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
            public @interface Handles { String value() default ""; int[] codes() default { }; }
            """, """
            package fixture;
            public class MarkedByMetaAnnotation { @Deprecated @Handles(value = "x", codes = {1, 2}) void go() { } }
            """);

    /** A hierarchy over the fixtures and the JDK that counts the class files it reads. */
    private static final class Counted {
        final List<String> read = new ArrayList<>();
        final ClassHierarchy hierarchy = new ClassHierarchy(name -> {
            read.add(name);
            return CLASSES.get(name);
        });
        final ClassPrefilter prefilter = new ClassPrefilter(hierarchy);

        boolean mayNeedRewrite(String internalName) {
            return prefilter.mayNeedRewrite(CLASSES.get(internalName));
        }
    }

    @Test
    void classThatOnlyUsesTheJdkIsSkippedWithoutReadingAnything() {
        Counted c = new Counted();
        assertFalse(c.mayNeedRewrite("fixture/JdkOnly"));
        assertFalse(c.mayNeedRewrite("fixture/Step"));
        assertFalse(c.mayNeedRewrite("fixture/MakesJdkLambda"), "a lambda of a JDK interface cannot be suspendable");
        assertEquals(List.of(), c.read);
        assertEquals(Boolean.FALSE, c.hierarchy.suspendableTypes().bearing("fixture/JdkOnly"), "recorded as plain");
    }

    @Test
    void classMentioningJcoroIsLookedAt() {
        Counted c = new Counted();
        assertTrue(c.mayNeedRewrite("fixture/Annotated"));
        assertTrue(c.mayNeedRewrite("fixture/CallsSuspend"));
        assertTrue(c.mayNeedRewrite("fixture/Handler"));
        assertNull(c.hierarchy.suspendableTypes().bearing("fixture/Annotated"), "judged by the rewriter, not here");
    }

    @Test
    void classWithPlainUserSupertypesIsSkippedAfterReadingThemOnce() {
        Counted c = new Counted();
        assertFalse(c.mayNeedRewrite("fixture/UserSuper"));
        assertFalse(c.mayNeedRewrite("fixture/UserInterface"));
        assertFalse(c.mayNeedRewrite("fixture/CallsUserCode"));
        // The supertypes are read once each (the JVM calls the agent on a class before loading its supertypes).
        assertEquals(List.of("fixture/JdkOnly", "fixture/Step"), c.read);
        assertFalse(c.mayNeedRewrite("fixture/JdkOnly"));
        assertEquals(2, c.read.size(), "a supertype already judged is not read again");
    }

    @Test
    void implementationOfAUserSuspendableInterfaceIsLookedAtBeforeTheInterfaceLoads() {
        // PlainHandler overrides Handler.handle without @Suspendable and names no jcoro type itself.
        Counted c = new Counted();
        assertTrue(c.mayNeedRewrite("fixture/PlainHandler"));
        assertEquals(List.of("fixture/Handler"), c.read);
        assertTrue(c.hierarchy.suspendableTypes().isKnownBearing("fixture/Handler"));
    }

    @Test
    void subclassOfAnImplementationIsLookedAtThroughTheWholeChain() {
        Counted c = new Counted();
        assertTrue(c.mayNeedRewrite("fixture/DeepHandler"));
        assertEquals(List.of("fixture/PlainHandler", "fixture/Handler"), c.read);
        assertTrue(c.hierarchy.suspendableTypes().isKnownBearing("fixture/PlainHandler"));
    }

    @Test
    void lambdaOfAUserSuspendableInterfaceIsLookedAt() {
        Counted c = new Counted();
        assertTrue(c.mayNeedRewrite("fixture/MakesHandlerLambda"));
    }

    @Test
    void methodMarkedThroughASuspendableAnnotationTypeIsLookedAt() {
        Counted c = new Counted();
        assertTrue(c.mayNeedRewrite("fixture/MarkedByMetaAnnotation"));
        assertEquals(List.of("fixture/Handles"), c.read);
    }

    @Test
    void callerOfATypeKnownToBeSuspendableIsLookedAtAndOfAnUnseenOneIsNot() {
        Counted fresh = new Counted();
        // Handler is not known yet: a plain caller is decided from what has been seen (docs/architecture.md).
        assertFalse(fresh.mayNeedRewrite("fixture/CallsHandler"));
        Counted seen = new Counted();
        assertTrue(seen.mayNeedRewrite("fixture/PlainHandler"));
        assertTrue(seen.mayNeedRewrite("fixture/CallsHandler"), "Handler is known to be suspendable: the caller must be pinned");
    }

    @Test
    void targetOfASuspendableMethodReferenceElsewhereIsLookedAt() {
        Counted c = new Counted();
        c.hierarchy.markSuspendable("fixture/JdkOnly", "run", "()V");
        assertTrue(c.mayNeedRewrite("fixture/JdkOnly"));
        assertTrue(c.mayNeedRewrite("fixture/UserSuper"), "it inherits the marked method");
    }

    @Test
    void unreadableClassIsHandedOnSoThatTheRewriterReportsIt() {
        Counted c = new Counted();
        assertTrue(c.prefilter.mayNeedRewrite(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99}));
    }

    @Test
    void longAndDoubleConstantsDoNotConfuseTheConstantPoolScan() {
        // Wide constants take two pool slots, the second without an offset; a value whose bytes look like
        // the invokedynamic tag must not be read as one.
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Wide", null, "java/lang/Object", null);
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "L", "J", null, 0x1212121212121212L).visitEnd();
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "D", "D", null, Double.longBitsToDouble(0x1212121212121212L)).visitEnd();
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "I", "I", null, 0x12121212).visitEnd();
        cw.visitEnd();
        assertFalse(new Counted().prefilter.mayNeedRewrite(cw.toByteArray()));
    }
}
