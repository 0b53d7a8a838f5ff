package dev.jcoro.instrument;

import static dev.jcoro.instrument.Bytecode.hierarchy;
import static dev.jcoro.instrument.Bytecode.method;
import static dev.jcoro.instrument.Bytecode.node;
import static dev.jcoro.instrument.Bytecode.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

class ClassInstrumenterTest {
    private static final Map<String, byte[]> CLASSES = InMemoryJavac.compile("""
            package fixture;
            import dev.jcoro.*;
            public class Mixed {
                @Suspendable static int next() { Continuation.suspend(); return 1; }
                @Suspendable static int sum(int n) { int s = 0; for (int i = 0; i < n; i++) s += next(); return s; }
                static int plain(int x) { return Math.abs(x) * 3; }
                static void boundary() { next(); }
            }
            """);

    private static InstrumentationResult instrument(Map<String, byte[]> classes, String name) {
        return new ClassInstrumenter(hierarchy(classes)).instrument(classes.get(name));
    }

    @Test
    void rewritesSuspendableAndBoundaryMethodsAndReportsThem() throws Exception {
        InstrumentationResult r = instrument(CLASSES, "fixture/Mixed");
        assertTrue(r.changed());
        assertEquals("fixture/Mixed", r.className());
        assertEquals(List.of("next()I", "sum(I)I", "boundary()V"), r.instrumented());
        assertEquals(List.of(), r.problems());
        Map<String, byte[]> rewritten = new HashMap<>(CLASSES);
        rewritten.put("fixture/Mixed", r.bytes());
        assertEquals("", Bytecode.asmVerify(r.bytes(), rewritten));
        Bytecode.jvmVerify(rewritten, "fixture/Mixed");
    }

    @Test
    void methodsThatAreNotRewrittenKeepTheirCode() {
        InstrumentationResult r = instrument(CLASSES, "fixture/Mixed");
        ClassNode before = node(CLASSES.get("fixture/Mixed"));
        ClassNode after = node(r.bytes());
        assertEquals(text(method(before, "plain")), text(method(after, "plain")));
    }

    @Test
    void secondPassLeavesAnInstrumentedClassAlone() {
        InstrumentationResult first = instrument(CLASSES, "fixture/Mixed");
        InstrumentationResult second = new ClassInstrumenter(hierarchy(CLASSES)).instrument(first.bytes());
        assertFalse(second.changed());
        assertNull(second.bytes());
        assertEquals(List.of(), second.instrumented());
    }

    @Test
    void classWithNothingSuspendableIsLeftAsItWas() {
        Map<String, byte[]> classes = InMemoryJavac.compile("package fixture; class Calm { int f(int x) { return x; } }");
        InstrumentationResult r = instrument(classes, "fixture/Calm");
        assertFalse(r.changed());
        assertEquals(List.of(), r.instrumented());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void refusedMethodIsReportedAndTheRestOfTheClassIsStillRewritten() throws Exception {
        ClassNode swap = OddShapes.newDupSwap();
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        swap.accept(w);
        Map<String, byte[]> classes = Map.of("gen/Swap", w.toByteArray());
        InstrumentationResult r = instrument(classes, "gen/Swap");
        assertEquals(1, r.problems().size(), r.problems().toString());
        assertTrue(r.problems().get(0).startsWith("gen.Swap.make()Ljava/lang/Object; (line 12): an object under construction"),
                r.problems().get(0));
        assertTrue(r.problems().get(0).endsWith("; the method is left uninstrumented"), r.problems().get(0));
        assertEquals(List.of("next()I"), r.instrumented());
        // The refused method keeps its original code, so the class still verifies and loads.
        assertEquals(text(method(swap, "make")), text(method(node(r.bytes()), "make")));
        Bytecode.jvmVerify(Map.of("gen/Swap", r.bytes()), "gen/Swap");
    }

    @Test
    void oldClassFileWithJsrAndRetIsInlinedThenRewritten() throws Exception {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V1_4, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Old", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
        m.visitAnnotation(Names.SUSPENDABLE_DESC, true).visitEnd();
        m.visitCode();
        Label sub = new Label();
        m.visitJumpInsn(Opcodes.JSR, sub);
        m.visitInsn(Opcodes.RETURN);
        m.visitLabel(sub);
        m.visitVarInsn(Opcodes.ASTORE, 0);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, Names.CONTINUATION, Names.SUSPEND, Names.SUSPEND_DESC, false);
        m.visitVarInsn(Opcodes.RET, 0);
        m.visitMaxs(1, 1);
        m.visitEnd();
        cw.visitEnd();
        Map<String, byte[]> classes = new HashMap<>(CLASSES);
        classes.put("gen/Old", cw.toByteArray());
        InstrumentationResult r = instrument(classes, "gen/Old");
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("run()V"), r.instrumented());
        String code = text(method(node(r.bytes()), "run"));
        assertFalse(code.contains("JSR") || code.contains("RET "), code);
        classes.put("gen/Old", r.bytes());
        assertEquals("", Bytecode.asmVerify(r.bytes(), classes));
    }

    @Test
    void moduleInfoIsNeverTouched() {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_MODULE, "module-info", null, null, null);
        cw.visitModule("fixture.mod", 0, null).visitEnd();
        cw.visitEnd();
        InstrumentationResult r = new ClassInstrumenter(hierarchy(Map.of())).instrument(cw.toByteArray());
        assertFalse(r.changed());
    }

    @Test
    void malformedClassFileThrowsAnInstrumentationException() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99};
        InstrumentationException e = assertThrows(InstrumentationException.class,
                () -> new ClassInstrumenter(hierarchy(Map.of())).instrument(garbage));
        assertTrue(e.getMessage().startsWith("<unreadable class>"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed class file"), e.getMessage());
    }

    @Test
    void everythingModeRewritesEveryMethodThatMakesACall() {
        InstrumentationResult r = new ClassInstrumenter(hierarchy(CLASSES), true).instrument(CLASSES.get("fixture/Mixed"));
        assertEquals(List.of("next()I", "sum(I)I", "plain(I)I", "boundary()V"), r.instrumented());
    }
}
