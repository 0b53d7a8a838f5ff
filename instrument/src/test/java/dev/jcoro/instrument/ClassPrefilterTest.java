package dev.jcoro.instrument;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            public class MakesLambda { Runnable r() { return () -> { }; } }
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
            """);

    @Test
    void classThatOnlyUsesTheJdkIsSkipped() {
        assertFalse(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/JdkOnly")));
        assertFalse(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/Step")));
    }

    @Test
    void classMentioningJcoroIsLookedAt() {
        assertTrue(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/Annotated")));
        assertTrue(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/CallsSuspend")));
    }

    @Test
    void classCreatingLambdasIsLookedAt() {
        // A lambda may implement a suspendable functional interface declared anywhere.
        assertTrue(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/MakesLambda")));
    }

    @Test
    void classWithASupertypeOutsideTheJdkIsLookedAt() {
        // It may override a suspendable method without mentioning jcoro at all.
        assertTrue(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/UserSuper")));
        assertTrue(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/UserInterface")));
    }

    @Test
    void classCallingAMethodOutsideTheJdkIsLookedAt() {
        // The callee may be suspendable; the caller then needs a boundary check even with JDK-only supertypes.
        assertTrue(ClassPrefilter.mayNeedRewrite(CLASSES.get("fixture/CallsUserCode")));
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
        assertFalse(ClassPrefilter.mayNeedRewrite(cw.toByteArray()));
    }
}
