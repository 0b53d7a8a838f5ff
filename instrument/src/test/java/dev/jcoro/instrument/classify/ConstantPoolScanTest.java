package dev.jcoro.instrument.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.ClassInstrumenter;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.InstrumentationResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class ConstantPoolScanTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            public interface Task<T> { T run(); }
            """, """
            package fixture;
            public @interface Marker { String s() default ""; Class<?> type() default Object.class;
                java.lang.annotation.ElementType kind() default java.lang.annotation.ElementType.METHOD;
                Deprecated nested() default @Deprecated; long[] many() default { }; char c() default 'c'; }
            """, """
            package fixture;
            public class Base { }
            """, """
            package fixture;
            public class Shapes extends Base implements Task<String>, java.io.Serializable, Comparable<Shapes> {
                public String run() { return Helper.name(); }
                public int compareTo(Shapes o) { return 0; }
                @Marker(s = "x", type = String.class, nested = @Deprecated, many = {1L, 2L}, c = 'z') @Deprecated
                Task<Integer> lambdas() { Runnable r = () -> { }; r.run(); return () -> 1; }
            }
            """, """
            package fixture;
            class Helper { static String name() { return "h"; } }
            """, """
            package fixture;
            public class UsesJcoroInADescriptorOnly { void take(java.util.List<dev.jcoro.Continuation> list) { } }
            """, """
            package fixture;
            public class Suspends { @dev.jcoro.Suspendable void go() { dev.jcoro.Continuation.suspend(); } }
            """, """
            package dev.jcoro.internal;
            public @interface Instrumented { }
            """, """
            package fixture;
            @Deprecated public class HoldsAMark { @Deprecated dev.jcoro.internal.Instrumented mark; @Deprecated void go() { } }
            """);

    @Test
    void namesTheClassItsSupertypesOutsideTheJdkAndTheOwnersItCalls() {
        ConstantPoolScan scan = ConstantPoolScan.of(CLASSES.get("fixture/Shapes"));
        assertEquals("fixture/Shapes", scan.name());
        assertEquals(List.of("fixture/Base", "fixture/Task"), scan.supertypes());
        assertTrue(scan.classConstants().containsAll(List.of("fixture/Shapes", "fixture/Base", "fixture/Task", "fixture/Helper")),
                scan.classConstants().toString());
        assertFalse(scan.classConstants().stream().anyMatch(c -> c.startsWith("java/")), scan.classConstants().toString());
    }

    @Test
    void listsTheInterfacesItsLambdasImplementAndItsMethodAnnotations() {
        ConstantPoolScan scan = ConstantPoolScan.of(CLASSES.get("fixture/Shapes"));
        assertEquals(List.of("fixture/Task"), scan.lambdaTypes(), "Runnable is the JDK's");
        // Every kind of annotation element is skipped correctly, or the next annotation would be misread.
        assertEquals(List.of("fixture/Marker"), scan.methodAnnotationTypes());
    }

    @Test
    void mentionOfJcoroIsAClassNameOrAWholeDescriptor() {
        assertTrue(ConstantPoolScan.of(CLASSES.get("dev/jcoro/Continuation")).mentionsJcoro(), "its own name");
        assertTrue(ConstantPoolScan.of(CLASSES.get("fixture/Suspends")).mentionsJcoro(), "the annotation's descriptor");
        assertFalse(ConstantPoolScan.of(CLASSES.get("fixture/UsesJcoroInADescriptorOnly")).mentionsJcoro(),
                "a jcoro type as a parameter needs nothing rewritten");
        assertFalse(ConstantPoolScan.of(CLASSES.get("fixture/Helper")).mentionsJcoro());
    }

    @Test
    void classRewrittenAheadOfTimeIsRecognisedByItsMark() {
        byte[] original = CLASSES.get("fixture/Suspends");
        InstrumentationResult rewritten = new ClassInstrumenter(Bytecode.hierarchy(CLASSES)).instrument(original);
        assertTrue(rewritten.changed());
        assertTrue(ConstantPoolScan.of(rewritten.bytes()).isInstrumented());
        assertFalse(ConstantPoolScan.of(original).isInstrumented());
        assertFalse(ConstantPoolScan.of(CLASSES.get("fixture/HoldsAMark")).isInstrumented(), "a field of the mark's type is no mark");
    }

    @Test
    void interfaceWithoutSuperclassHasOnlyItsInterfacesAsSupertypes() {
        ConstantPoolScan scan = ConstantPoolScan.of(CLASSES.get("fixture/Task"));
        assertEquals(List.of(), scan.supertypes());
    }

    @Test
    void moduleDescriptorHasNoSuperclass() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_MODULE, "module-info", null, null, null);
        cw.visitModule("fixture.mod", 0, null).visitEnd();
        cw.visitEnd();
        ConstantPoolScan scan = ConstantPoolScan.of(cw.toByteArray());
        assertEquals("module-info", scan.name());
        assertEquals(List.of(), scan.supertypes());
    }

    @Test
    void unknownConstantTagIsRejected() {
        byte[] bytes = CLASSES.get("fixture/Helper").clone();
        bytes[10] = 42;
        assertThrows(IllegalArgumentException.class, () -> ConstantPoolScan.of(bytes));
    }
}
