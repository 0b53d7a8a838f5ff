package dev.jcoro.instrument.classify;

import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.emit.ClassMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

class ClassInfoTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            import dev.jcoro.*;
            interface Source<T> { @Suspendable T next(); }
            """, """
            package fixture;
            import dev.jcoro.*;
            class Words implements Source<String>, Comparable<Words> {
                public String next() { return "w"; }
                @Suspendable void annotated() { }
                public int compareTo(Words o) { return 0; }
                void quiet() { }
            }
            """);

    @Test
    void summaryFromBytesMatchesTheSummaryFromATree() {
        for (String name : List.of("fixture/Source", "fixture/Words")) {
            ClassInfo parsed = ClassInfo.parse(CLASSES.get(name));
            ClassInfo fromTree = ClassInfo.of(node(CLASSES.get(name)));
            assertEquals(fromTree.name(), parsed.name());
            assertEquals(fromTree.superName(), parsed.superName());
            assertEquals(fromTree.interfaces(), parsed.interfaces());
            assertEquals(fromTree.isInterface(), parsed.isInterface());
            assertEquals(fromTree.methods(), parsed.methods(), name);
        }
    }

    @Test
    void supertypesAnnotationsAndBridgeTargetsAreRead() {
        ClassInfo words = ClassInfo.parse(CLASSES.get("fixture/Words"));
        assertEquals("java/lang/Object", words.superName());
        assertEquals(List.of("fixture/Source", "java/lang/Comparable"), words.interfaces());
        assertFalse(words.isInterface());
        assertTrue(words.method("annotated()V").annotated());
        assertFalse(words.method("next()Ljava/lang/String;").annotated());
        assertEquals("next()Ljava/lang/String;", words.method("next()Ljava/lang/Object;").bridgeTarget());
        assertEquals("compareTo(Lfixture/Words;)I", words.method("compareTo(Ljava/lang/Object;)I").bridgeTarget());
        assertNull(words.method("next()Ljava/lang/String;").bridgeTarget());
        assertTrue((words.method("next()Ljava/lang/Object;").access() & Opcodes.ACC_BRIDGE) != 0);
        assertNull(words.method("missing()V"));
        assertTrue(ClassInfo.parse(CLASSES.get("fixture/Source")).isInterface());
    }

    @Test
    void annotationKeptOnlyInTheClassFileCountsToo() {
        // Retention CLASS puts it among the invisible annotations; other builds of the annotation may do that.
        ClassNode words = node(CLASSES.get("fixture/Words"));
        assertFalse(ClassInfo.parse(CLASSES.get("fixture/Words")).method("quiet()V").annotated());
        method(words, "quiet").invisibleAnnotations = new ArrayList<>(List.of(new AnnotationNode(Names.SUSPENDABLE_DESC)));
        byte[] bytes = Bytecode.write(words);
        assertTrue(ClassInfo.parse(bytes).method("quiet()V").annotated());
        assertTrue(ClassInfo.of(node(bytes)).method("quiet()V").annotated());
    }

    @Test
    void instrumentedMarkIsRecognised() {
        ClassNode words = node(CLASSES.get("fixture/Words"));
        assertFalse(ClassInfo.of(words).isInstrumented());
        ClassMarker.mark(words, new dev.jcoro.instrument.emit.MethodTableBuilder(words.name, false));
        assertTrue(ClassInfo.of(words).isInstrumented());
        assertTrue(ClassInfo.parse(Bytecode.write(words)).isInstrumented());
    }
}
