package dev.jcoro.instrument.analyse;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static dev.jcoro.instrument.Bytecode.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.Bytecode;
import dev.jcoro.instrument.InMemoryJavac;
import dev.jcoro.instrument.InstrumentationException;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.Classifier;
import dev.jcoro.instrument.emit.FrameComputer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

class UninitializedHoisterTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            import dev.jcoro.*;
            public class Hoist {
                public record Pair(Object a, Object b) { }
                public record Wide(int a, long b, double c, int d) { }
                static int counter;
                @Suspendable static int next() { Continuation.suspend(); return ++counter; }
                @Suspendable public static Object pair() { return new Pair(next(), next()); }
                @Suspendable public static Object nested() { return new Pair(new Pair(next(), "x"), next()); }
                @Suspendable public static Object wide() { return new Wide(next(), 20L, 0.5, next()); }
                @Suspendable public static Object after() { Object p = new Pair(1, 2); next(); return p; }
            }
            """);
    private static final Predicate<MethodInsnNode> NEXT = call -> call.name.equals("next");

    /** Hoists {@code name} in a fresh copy of the fixture, checks the analysis accepts it and returns the class. */
    private static ClassNode hoisted(String name) {
        ClassNode node = node(CLASSES.get("fixture/Hoist"));
        MethodNode m = method(node, name);
        UninitializedHoister.hoist(node.name, m, NEXT);
        ClassHierarchy h = hierarchy(CLASSES);
        // MethodAnalysis refuses any site with an object under construction on the stack or in a local.
        MethodAnalysis.analyse(node, m, h, new Classifier(h, false)::isSuspendableCall);
        node.methods.set(node.methods.indexOf(m), new FrameComputer(h).compute(node, m));
        return node;
    }

    /** Runs the static method {@code name} of a freshly loaded copy of {@code node}; the stand-in suspend returns at once. */
    private static Object run(ClassNode node, String name) throws Exception {
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put(node.name, Bytecode.write(node));
        return Bytecode.jvmVerify(classes, node.name).getMethod(name).invoke(null);
    }

    private static List<Integer> opcodes(MethodNode m, Predicate<AbstractInsnNode> which) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < m.instructions.size(); i++) {
            if (which.test(m.instructions.get(i))) {
                indexes.add(i);
            }
        }
        return indexes;
    }

    @Test
    void pairOfSuspendableArgumentsIsAllocatedAfterBothCalls() throws Exception {
        ClassNode node = hoisted("pair");
        MethodNode m = method(node, "pair");
        List<Integer> calls = opcodes(m, i -> i instanceof MethodInsnNode c && c.name.equals("next"));
        List<Integer> news = opcodes(m, i -> i.getOpcode() == Opcodes.NEW);
        assertEquals(2, calls.size());
        assertEquals(1, news.size());
        assertTrue(news.get(0) > calls.get(1), Bytecode.text(m));
        // Arguments are still evaluated left to right, and the object is built from them.
        assertEquals("Pair[a=1, b=2]", run(node, "pair").toString());
    }

    @Test
    void nestedConstructionsAreBothHoisted() throws Exception {
        ClassNode node = hoisted("nested");
        assertEquals("Pair[a=Pair[a=1, b=x], b=2]", run(node, "nested").toString());
    }

    @Test
    void longAndDoubleArgumentsGetTwoSlotsEach() throws Exception {
        ClassNode original = node(CLASSES.get("fixture/Hoist"));
        int before = method(original, "wide").maxLocals;
        MethodNode m = method(original, "wide");
        UninitializedHoister.hoist(original.name, m, NEXT);
        assertEquals(before + 1 + 2 + 2 + 1, m.maxLocals);
        assertEquals("Wide[a=1, b=20, c=0.5, d=2]", run(hoisted("wide"), "wide").toString());
    }

    @Test
    void constructionWithoutSuspendableArgumentsIsLeftAlone() {
        ClassNode node = node(CLASSES.get("fixture/Hoist"));
        MethodNode m = method(node, "after");
        String before = text(m);
        int maxLocals = m.maxLocals;
        UninitializedHoister.hoist(node.name, m, NEXT);
        assertEquals(before, text(m));
        assertEquals(maxLocals, m.maxLocals);
    }

    /** A static {@code ()Ljava/lang/Object;} method {@code make} of class {@code gen/Odd}, its code at line 40. */
    private static MethodNode odd(Consumer<MethodVisitor> body) {
        MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        m.visitCode();
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(40, start);
        body.accept(m);
        m.visitMaxs(6, 2);
        m.visitEnd();
        return m;
    }

    private static void next(MethodVisitor m) {
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "gen/Odd", "next", "()I", false);
    }

    private static void init(MethodVisitor m) {
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Integer", "<init>", "(I)V", false);
    }

    private static String refusal(MethodNode m) {
        InstrumentationException e = assertThrows(InstrumentationException.class, () -> UninitializedHoister.hoist("gen/Odd", m, NEXT));
        assertEquals("gen/Odd", e.className());
        assertEquals("make()Ljava/lang/Object;", e.method());
        assertEquals(40, e.line());
        return e.getMessage();
    }

    @Test
    void newWithoutDupIsRefused() {
        // new; next(); swap; dup_x1; swap: the object is under construction at the call but not in javac's shape.
        String message = refusal(odd(m -> {
            m.visitTypeInsn(Opcodes.NEW, "java/lang/Integer");
            next(m);
            m.visitInsn(Opcodes.SWAP);
            m.visitInsn(Opcodes.DUP_X1);
            m.visitInsn(Opcodes.SWAP);
            init(m);
            m.visitInsn(Opcodes.ARETURN);
        }));
        assertEquals("gen.Odd.make()Ljava/lang/Object; (line 40): new java.lang.Integer is not followed by dup, so the "
                + "object under construction cannot be moved past a suspendable call in its constructor arguments", message);
    }

    @Test
    void newReachingTwoConstructorCallsIsRefused() {
        String message = refusal(odd(m -> {
            Label other = new Label();
            m.visitTypeInsn(Opcodes.NEW, "java/lang/Integer");
            m.visitInsn(Opcodes.DUP);
            next(m);
            m.visitInsn(Opcodes.DUP);
            m.visitJumpInsn(Opcodes.IFEQ, other);
            init(m);
            m.visitInsn(Opcodes.ARETURN);
            m.visitLabel(other);
            init(m);
            m.visitInsn(Opcodes.ARETURN);
        }));
        assertTrue(message.endsWith("new java.lang.Integer reaches more than one constructor call"), message);
    }

    @Test
    void newWhoseConstructorIsNeverCalledIsRefused() {
        String message = refusal(odd(m -> {
            m.visitTypeInsn(Opcodes.NEW, "java/lang/Integer");
            m.visitInsn(Opcodes.DUP);
            next(m);
            m.visitInsn(Opcodes.POP);
            m.visitInsn(Opcodes.POP);
            m.visitInsn(Opcodes.POP);
            m.visitInsn(Opcodes.ACONST_NULL);
            m.visitInsn(Opcodes.ARETURN);
        }));
        assertTrue(message.endsWith("cannot find the constructor call of new java.lang.Integer"), message);
    }
}
