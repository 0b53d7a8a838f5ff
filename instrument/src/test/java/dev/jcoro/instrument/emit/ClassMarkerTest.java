package dev.jcoro.instrument.emit;

import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class ClassMarkerTest {
    /** Records what a marked class registers, in place of core's MethodTable. */
    private static final String RECORDING_METHOD_TABLE = """
            package dev.jcoro.internal;
            public final class MethodTable {
                public static final java.util.List<String> REGISTERED = new java.util.ArrayList<>();
                public static void register(String className, String table) { REGISTERED.add(className + ":" + table); }
            }
            """;
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile(RECORDING_METHOD_TABLE, """
            package fixture;
            @Deprecated
            public class WithInit {
                public static final java.util.List<String> ORDER = new java.util.ArrayList<>();
                static { ORDER.add("own initialiser"); }
            }
            """, """
            package fixture;
            public class NoInit { public static int x() { return 1; } }
            """);

    private static List<String> ldcStrings(MethodNode m) {
        List<String> out = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Loads {@code node} and runs its static initialiser; returns what the recording table saw. */
    private static List<String> initialise(ClassNode node) throws Exception {
        return registered(initialised(node));
    }

    private static Class<?> initialised(ClassNode node) throws Exception {
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put(node.name, Bytecode.write(node));
        Class<?> c = Bytecode.jvmVerify(classes, node.name);
        return Class.forName(c.getName(), true, c.getClassLoader());
    }

    @SuppressWarnings("unchecked")
    private static List<String> registered(Class<?> c) throws Exception {
        Class<?> table = Class.forName("dev.jcoro.internal.MethodTable", true, c.getClassLoader());
        return (List<String>) table.getField("REGISTERED").get(null);
    }

    @Test
    void instrumentedAnnotationIsAddedBesideExistingOnes() {
        ClassNode node = node(CLASSES.get("fixture/WithInit"));
        ClassMarker.mark(node, "1|x|WithInit.java|3\n");
        assertEquals(List.of("Ljava/lang/Deprecated;", Names.INSTRUMENTED_DESC),
                node.visibleAnnotations.stream().map(a -> a.desc).toList());
    }

    @Test
    void emptyTableAddsTheAnnotationAndNoInitialiser() {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        int methods = node.methods.size();
        ClassMarker.mark(node, "");
        assertEquals(List.of(Names.INSTRUMENTED_DESC), node.visibleAnnotations.stream().map(a -> a.desc).toList());
        assertEquals(methods, node.methods.size());
    }

    @Test
    void staticInitialiserIsCreatedWhenTheClassHasNone() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, "7|x|NoInit.java|2\n");
        MethodNode clinit = method(node, "<clinit>");
        assertEquals(Opcodes.ACC_STATIC, clinit.access);
        assertEquals(List.of("fixture.NoInit", "7|x|NoInit.java|2\n"), ldcStrings(clinit));
        assertEquals(List.of("fixture.NoInit:7|x|NoInit.java|2\n"), initialise(node));
    }

    @Test
    void existingStaticInitialiserRegistersFirstThenRunsItsOwnCode() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/WithInit"));
        ClassMarker.mark(node, "9|y|WithInit.java|5\n");
        MethodNode clinit = method(node, "<clinit>");
        MethodInsnNode first = (MethodInsnNode) clinit.instructions.get(2);
        assertEquals(Names.METHOD_TABLE + "." + Names.REGISTER, first.owner + "." + first.name);
        assertTrue(clinit.maxStack >= 2);
        Class<?> c = initialised(node);
        assertEquals(List.of("fixture.WithInit:9|y|WithInit.java|5\n"), registered(c));
        assertEquals(List.of("own initialiser"), c.getField("ORDER").get(null));
    }

    @Test
    void largeTableIsSplitAtLineBoundariesIntoConstantsUnder64KiB() throws Exception {
        StringBuilder table = new StringBuilder();
        for (int i = 0; table.length() < 50_000; i++) {
            table.append(i).append("|method").append(i).append("|Big.java|").append(i % 900).append(",").append(i % 700).append('\n');
        }
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, table.toString());
        List<String> strings = ldcStrings(method(node, "<clinit>"));
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < strings.size(); i += 2) {
            assertEquals("fixture.NoInit", strings.get(i));
            chunks.add(strings.get(i + 1));
        }
        assertEquals(4, chunks.size(), "50,000 characters in chunks of about 16,000");
        for (String chunk : chunks) {
            assertTrue(chunk.endsWith("\n"), "every chunk ends with a whole line");
        }
        assertEquals(table.toString(), String.join("", chunks));
        assertEquals(4, initialise(node).size());
    }

    @Test
    void tableOfNonAsciiNamesStillFitsEachConstant() throws Exception {
        // A class file constant holds 65,535 bytes of modified UTF-8; these characters take three bytes each.
        StringBuilder table = new StringBuilder();
        for (int i = 0; table.length() < 60_000; i++) {
            table.append(i).append('|').append("\u4e2d\u6587".repeat(20)).append("|\u6587.java|").append(i).append('\n');
        }
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, table.toString());
        List<String> strings = ldcStrings(method(node, "<clinit>"));
        StringBuilder joined = new StringBuilder();
        for (int i = 1; i < strings.size(); i += 2) {
            assertTrue(strings.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 65_535);
            joined.append(strings.get(i));
        }
        assertEquals(table.toString(), joined.toString());
        assertEquals(strings.size() / 2, initialise(node).size());
    }

    @Test
    void lineLongerThanAChunkIsCutWithoutLosingCharacters() {
        String table = "1|" + "m".repeat(40_000) + "|F.java|1\n";
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, table);
        List<String> strings = ldcStrings(method(node, "<clinit>"));
        StringBuilder joined = new StringBuilder();
        for (int i = 1; i < strings.size(); i += 2) {
            assertTrue(strings.get(i).length() <= 16_000);
            joined.append(strings.get(i));
        }
        assertEquals(table, joined.toString());
    }

    @Test
    void markedClassIsRecognisedByItsAnnotationDescriptor() {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, "");
        AnnotationNode mark = node.visibleAnnotations.get(0);
        assertEquals("Ldev/jcoro/internal/Instrumented;", mark.desc);
        assertNull(mark.values, "a marker without values");
    }
}
