package dev.jcoro.instrument.emit;

import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.TableText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

class ClassMarkerTest {
    /** Records what a marked class reserves and defines, in place of core's MethodTable. */
    private static final String RECORDING_METHOD_TABLE = """
            package dev.jcoro.internal;
            public final class MethodTable {
                public static final java.util.List<String> CALLS = new java.util.ArrayList<>();
                public static final java.util.List<String> TABLES = new java.util.ArrayList<>();
                public static int reserve(int count) { CALLS.add("reserve " + count); return 40; }
                public static void define(int base, String className, String encoded) {
                    CALLS.add("define " + base + " " + className);
                    TABLES.add(encoded);
                }
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
            """, """
            package fixture;
            public interface Iface { default int x() { return 1; } }
            """);

    private static MethodTableBuilder table(ClassNode node, int rows) {
        MethodTableBuilder table = new MethodTableBuilder(node.name, (node.access & Opcodes.ACC_INTERFACE) != 0);
        for (int i = 0; i < rows; i++) {
            table.add("m" + i, MethodTableBuilder.Kind.SUSPENDABLE, null, new int[] {i + 1, i + 2});
        }
        return table;
    }

    private static Class<?> initialised(ClassNode node) throws Exception {
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put(node.name, Bytecode.write(node));
        Class<?> c = Bytecode.jvmVerify(classes, node.name);
        return Class.forName(c.getName(), true, c.getClassLoader());
    }

    @SuppressWarnings("unchecked")
    private static List<String> recorded(Class<?> c, String field) throws Exception {
        Class<?> table = Class.forName("dev.jcoro.internal.MethodTable", true, c.getClassLoader());
        return (List<String>) table.getField(field).get(null);
    }

    private static FieldNode idField(ClassNode node) {
        return node.fields.stream().filter(f -> f.name.equals(Names.METHOD_IDS_FIELD)).findFirst().orElse(null);
    }

    @Test
    void instrumentedAnnotationIsAddedBesideExistingOnes() {
        ClassNode node = node(CLASSES.get("fixture/WithInit"));
        ClassMarker.mark(node, table(node, 1));
        assertEquals(List.of("Ljava/lang/Deprecated;", Names.INSTRUMENTED_DESC),
                node.visibleAnnotations.stream().map(a -> a.desc).toList());
    }

    @Test
    void emptyTableAddsTheAnnotationAndNoFieldNorInitialiser() {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        int methods = node.methods.size();
        ClassMarker.mark(node, table(node, 0));
        assertEquals(List.of(Names.INSTRUMENTED_DESC), node.visibleAnnotations.stream().map(a -> a.desc).toList());
        assertEquals(methods, node.methods.size());
        assertNull(idField(node));
    }

    @Test
    void initialiserReservesOneIdPerRowKeepsTheFirstAndDefinesTheRows() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, table(node, 2));
        assertEquals(Opcodes.ACC_STATIC, method(node, "<clinit>").access);
        assertEquals(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, idField(node).access);
        Class<?> c = initialised(node);
        assertEquals(List.of("reserve 2", "define 40 fixture.NoInit"), recorded(c, "CALLS"));
        java.lang.reflect.Field ids = c.getDeclaredField(Names.METHOD_IDS_FIELD);
        ids.setAccessible(true);
        assertEquals(40, ids.get(null));
        assertEquals(List.of("first=0 file=NoInit.java", "m0 S null [1, 2]", "m1 S null [2, 3]"),
                TableText.rows(recorded(c, "TABLES").get(0)));
    }

    @Test
    void existingStaticInitialiserRegistersFirstThenRunsItsOwnCode() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/WithInit"));
        ClassMarker.mark(node, table(node, 1));
        Class<?> c = initialised(node);
        assertEquals(List.of("reserve 1", "define 40 fixture.WithInit"), recorded(c, "CALLS"));
        assertEquals(List.of("own initialiser"), c.getField("ORDER").get(null));
    }

    @Test
    void anInterfaceGetsAPublicIdField() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/Iface"));
        ClassMarker.mark(node, table(node, 1));
        assertEquals(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, idField(node).access);
        Class<?> c = initialised(node);
        assertEquals(40, c.getField(Names.METHOD_IDS_FIELD).get(null));
    }

    @Test
    void anIdIsTheFirstIdPlusTheRowIndex() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        MethodTableBuilder table = table(node, 3);
        MethodNode third = new MethodNode(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "third", "()I", null, null);
        InsnList code = new MethodTableBuilder(node.name, false).add("a", MethodTableBuilder.Kind.SUSPENDABLE, null, new int[0]).load();
        third.instructions.add(table.add("extra", MethodTableBuilder.Kind.PLAIN_CALLER, null, new int[0]).load());
        third.instructions.add(new InsnNode(Opcodes.IRETURN));
        third.maxStack = 2;
        node.methods.add(third);
        ClassMarker.mark(node, table);
        assertEquals(1, code.size(), "index 0 is the field alone");
        assertEquals(43, initialised(node).getMethod("third").invoke(null));
    }

    @Test
    void eachSiteCarriesTheIntSlotsOfTheFrameItSaves() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        MethodTableBuilder table = table(node, 2);
        table.add("m2", MethodTableBuilder.Kind.SUSPENDABLE, null, new int[] {7, 8}).recordFrameSlots(new int[] {9, 2});
        ClassMarker.mark(node, table);
        assertEquals(List.of("first=0 file=NoInit.java", "m0 S null [1, 2]", "m1 S null [2, 3]", "m2 S null [7, 8] slots [9, 2]"),
                TableText.rows(recorded(initialised(node), "TABLES").get(0)));
        assertThrows(IllegalArgumentException.class,
                () -> table.add("m3", MethodTableBuilder.Kind.SUSPENDABLE, null, new int[] {1}).recordFrameSlots(new int[0]));
    }

    @Test
    void largeTableIsSplitIntoConstantsUnder64KiBThatNameTheirFirstRow() throws Exception {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        MethodTableBuilder table = new MethodTableBuilder(node.name, false);
        int rows = 3_000;
        for (int i = 0; i < rows; i++) {
            // Three bytes of modified UTF-8 per character: the chunks must be measured in bytes, not chars.
            table.add("\u4e2d\u6587" + i, MethodTableBuilder.Kind.SUSPENDABLE, null, new int[] {i, 70_000 + i});
        }
        ClassMarker.mark(node, table);
        List<String> chunks = new ArrayList<>();
        for (AbstractInsnNode insn : method(node, "<clinit>").instructions) {
            if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s && !s.equals("fixture.NoInit")) {
                chunks.add(s);
            }
        }
        assertTrue(chunks.size() > 1, "split: " + chunks.size());
        List<String> all = new ArrayList<>();
        for (String chunk : chunks) {
            assertTrue(modifiedUtf8Length(chunk) < 65_535, "chunk of " + modifiedUtf8Length(chunk) + " bytes");
            List<String> decoded = TableText.rows(chunk);
            assertEquals("first=" + all.size() + " file=NoInit.java", decoded.get(0));
            all.addAll(decoded.subList(1, decoded.size()));
        }
        assertEquals(rows, all.size());
        assertEquals("\u4e2d\u6587" + 2_999 + " S null [2999, 72999]", all.get(rows - 1));
        assertEquals(chunks.size(), recorded(initialised(node), "TABLES").size());
    }

    private static int modifiedUtf8Length(String s) {
        int n = 0;
        for (char ch : s.toCharArray()) {
            n += ch >= 1 && ch <= 0x7F ? 1 : ch <= 0x7FF ? 2 : 3;
        }
        return n;
    }

    @Test
    void markedClassIsRecognisedByItsAnnotationDescriptor() {
        ClassNode node = node(CLASSES.get("fixture/NoInit"));
        ClassMarker.mark(node, table(node, 0));
        AnnotationNode mark = node.visibleAnnotations.get(0);
        assertEquals("Ldev/jcoro/internal/Instrumented;", mark.desc);
        assertNull(mark.values, "a marker without values");
    }
}
