package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jcoro.instrument.InstrumentationException;
import dev.jcoro.instrument.InstrumentationResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What the rewriter refuses, it refuses with a message naming class, method and line, and the class still loads. */
public class RefusalsTest {
    private static final String SUSPENDABLE = "Ldev/jcoro/Suspendable;";

    @Test
    void suspendableConstructorIsRefusedWithAClearMessage() throws Exception {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Ctor", null, "java/lang/Object", null);
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitAnnotation(SUSPENDABLE, true).visitEnd();
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        cw.visitEnd();
        InstrumentationResult r = TestClasses.instrument(cw.toByteArray());
        assertEquals(1, r.problems().size(), String.valueOf(r.problems()));
        String message = r.problems().get(0);
        assertTrue(message.contains("gen.Ctor.<init>()V"), message);
        assertTrue(message.contains("constructor"), message);
        assertFalse(r.changed());
    }

    @Test
    void methodThatWouldGrowPast64KiBIsRefusedAndTheClassStillLoads() throws Exception {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "gen/Huge", null, "java/lang/Object", null);
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "huge", "(J)J", null, null);
        m.visitAnnotation(SUSPENDABLE, true).visitEnd();
        m.visitCode();
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(7, start);
        // ~2,500 suspendable calls with 20 live locals each: small before, far beyond 64 KiB after.
        for (int local = 2; local < 42; local += 2) {
            m.visitVarInsn(Opcodes.LLOAD, 0);
            m.visitVarInsn(Opcodes.LSTORE, local);
        }
        for (int i = 0; i < 2500; i++) {
            m.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/jcoro/rewrite/RefusalsTest", "noop", "()V", false);
        }
        for (int local = 2; local < 42; local += 2) {
            m.visitVarInsn(Opcodes.LLOAD, local);
            m.visitInsn(Opcodes.POP2);
        }
        m.visitVarInsn(Opcodes.LLOAD, 0);
        m.visitInsn(Opcodes.LRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        byte[] original = cw.toByteArray();
        InstrumentationResult r = TestClasses.instrument(original);
        assertEquals(1, r.problems().size(), String.valueOf(r.problems()));
        assertTrue(r.problems().get(0).contains("gen.Huge.huge(J)J"), r.problems().get(0));
        assertTrue(r.problems().get(0).contains("64 KiB"), r.problems().get(0));
        assertTrue(r.problems().get(0).contains("(line 7)"), r.problems().get(0));
        assertFalse(r.changed());
        Class<?> loaded = new TestClasses.MemoryLoader(Map.of("gen/Huge", original)).loadClass("gen.Huge");
        assertEquals(5L, loaded.getMethod("huge", long.class).invoke(null, 5L));
    }

    @Test
    void malformedClassFileIsReportedNotCrashed() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 99};
        InstrumentationException e = assertThrows(InstrumentationException.class, () -> TestClasses.instrument(garbage));
        assertTrue(e.getMessage().contains("malformed class file"), e.getMessage());
    }

    @dev.jcoro.Suspendable
    public static void noop() {
    }
}
