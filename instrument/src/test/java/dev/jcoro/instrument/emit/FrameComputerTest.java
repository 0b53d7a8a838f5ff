package dev.jcoro.instrument.emit;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.analyse.MethodAnalysis;
import dev.jcoro.instrument.analyse.SuspendSite;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.Classifier;
import dev.jcoro.instrument.rewrite.MethodRewriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

class FrameComputerTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            import dev.jcoro.*;
            public class Frames {
                static class Base { int v() { return 1; } }
                static class Cat extends Base { }
                static class Dog extends Base { }
                @Suspendable static int si() { Continuation.suspend(); return 1; }
                @Suspendable public static int pick(boolean cat) {
                    Base pet = cat ? new Cat() : new Dog();
                    si();
                    return pet.v();
                }
            }
            """);

    /** {@code pick}, rewritten and with frames computed against {@code hierarchy}. */
    private static MethodNode rewrittenPick(ClassHierarchy hierarchy) {
        ClassNode node = node(CLASSES.get("fixture/Frames"));
        MethodNode m = method(node, "pick");
        List<SuspendSite> sites = MethodAnalysis.analyse(node, m, hierarchy, new Classifier(hierarchy, false)::isSuspendableCall);
        MethodTableBuilder.MethodId id = new MethodTableBuilder(node.name, false).add("pick", MethodTableBuilder.Kind.SUSPENDABLE, null, new int[sites.size()]);
        new MethodRewriter(node.name, m, sites, id, false).rewrite();
        return new FrameComputer(hierarchy).compute(node, m);
    }

    /** The types of slot 1 (the merged pet) in every frame of {@code m} that has one, read from expanded frames. */
    private static Set<String> petTypes(MethodNode m) {
        ClassNode scratch = new ClassNode();
        scratch.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "fixture/Scratch", null, "java/lang/Object", null);
        scratch.methods.add(m);
        ClassNode expanded = new ClassNode();
        new ClassReader(Bytecode.write(scratch)).accept(expanded, ClassReader.EXPAND_FRAMES);
        Set<String> types = new TreeSet<>();
        for (AbstractInsnNode insn : expanded.methods.get(0).instructions) {
            if (insn instanceof FrameNode f && f.local.size() > 1 && f.local.get(1) instanceof String s) {
                types.add(s);
            }
        }
        return types;
    }

    @Test
    void commonSuperclassOfMergedValuesIsReadFromBytes() throws Exception {
        // Frames.Cat and Frames.Dog exist only as bytes in memory: loading them to merge would fail.
        MethodNode pick = rewrittenPick(hierarchy(CLASSES));
        assertEquals(Set.of("fixture/Frames$Base"), petTypes(pick));
        ClassNode node = node(CLASSES.get("fixture/Frames"));
        node.methods.set(node.methods.indexOf(method(node, "pick")), pick);
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put("fixture/Frames", Bytecode.write(node));
        Bytecode.jvmVerify(classes, "fixture/Frames");
    }

    @Test
    void missingTypesMergeToObjectInsteadOfFailing() {
        Map<String, byte[]> withHoles = new HashMap<>(CLASSES);
        withHoles.keySet().removeIf(name -> name.startsWith("fixture/Frames$"));
        MethodNode pick = rewrittenPick(hierarchy(withHoles));
        assertEquals(Set.of("java/lang/Object"), petTypes(pick));
    }

    @Test
    void maximaAreComputedAndDebugInformationKept() {
        ClassNode node = node(CLASSES.get("fixture/Frames"));
        MethodNode original = method(node, "pick");
        List<Integer> lines = new ArrayList<>();
        for (AbstractInsnNode insn : original.instructions) {
            if (insn instanceof LineNumberNode ln) {
                lines.add(ln.line);
            }
        }
        MethodNode pick = rewrittenPick(hierarchy(CLASSES));
        assertEquals("pick", pick.name);
        assertEquals("(Z)I", pick.desc);
        assertEquals(1, pick.visibleAnnotations.size());
        assertEquals(Names.SUSPENDABLE_DESC, pick.visibleAnnotations.get(0).desc);
        assertTrue(pick.localVariables.stream().anyMatch(v -> v.name.equals("pet")), "local variable table kept");
        List<Integer> after = new ArrayList<>();
        for (AbstractInsnNode insn : pick.instructions) {
            if (insn instanceof LineNumberNode ln) {
                after.add(ln.line);
            }
        }
        assertTrue(after.containsAll(lines), lines + " in " + after);
        // The rewrite reserves a frame stack and a receiver slot; maxLocals counts what is used, and a
        // method whose only suspendable call is static never uses the receiver slot.
        assertEquals(original.maxLocals + 1, pick.maxLocals);
        assertTrue(pick.maxStack >= original.maxStack, pick.maxStack + " < " + original.maxStack);
    }

    @Test
    void maximaOfAMethodBuiltWithoutThemAreExact() {
        ClassNode owner = node(CLASSES.get("fixture/Frames"));
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "add", "(JJ)J", null, null);
        m.instructions.add(new VarInsnNode(Opcodes.LLOAD, 0));
        m.instructions.add(new VarInsnNode(Opcodes.LLOAD, 2));
        m.instructions.add(new InsnNode(Opcodes.LADD));
        m.instructions.add(new InsnNode(Opcodes.LRETURN));
        MethodNode done = new FrameComputer(hierarchy(CLASSES)).compute(owner, m);
        assertEquals(4, done.maxStack);
        assertEquals(4, done.maxLocals);
    }

    @Test
    void methodPast64KiBThrowsMethodTooLarge() {
        ClassNode owner = node(CLASSES.get("fixture/Frames"));
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "huge", "()V", null, null);
        for (int i = 0; i < 22_000; i++) {
            m.instructions.add(new MethodInsnNode(Opcodes.INVOKESTATIC, "fixture/Frames", "si", "()I", false));
            m.instructions.add(new InsnNode(Opcodes.POP));
        }
        m.instructions.add(new InsnNode(Opcodes.RETURN));
        MethodTooLargeException e = assertThrows(MethodTooLargeException.class,
                () -> new FrameComputer(hierarchy(CLASSES)).compute(owner, m));
        assertEquals("huge", e.getMethodName());
        assertEquals("fixture/Frames", e.getClassName());
    }

    @Test
    void aRewrittenMethodThatDoesNotVerifyIsRefusedInsteadOfBreakingTheClass() {
        ClassNode node = node(CLASSES.get("fixture/Frames"));
        MethodNode bad = new MethodNode(Opcodes.ACC_STATIC, "bad", "()V", null, null);
        // Reads a local no path has written: the JVM would throw VerifyError and reject the whole class.
        bad.instructions.add(new org.objectweb.asm.tree.VarInsnNode(Opcodes.ALOAD, 0));
        bad.instructions.add(new org.objectweb.asm.tree.InsnNode(Opcodes.POP));
        bad.instructions.add(new org.objectweb.asm.tree.InsnNode(Opcodes.RETURN));
        bad.maxLocals = 1;
        dev.jcoro.instrument.InstrumentationException e = assertThrows(dev.jcoro.instrument.InstrumentationException.class,
                () -> new FrameComputer(hierarchy(CLASSES)).compute(node, bad));
        assertTrue(e.getMessage().startsWith("fixture.Frames.bad()V: the rewritten method does not verify"), e.getMessage());
    }
}
