package dev.jcoro.rewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jcoro.Continuation;
import dev.jcoro.Steps;
import dev.jcoro.Suspendable;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Old class files (Java 5) with JSR/RET subroutines are inlined, then rewritten. */
public class JsrRetTest {
    /** Implemented by the generated class, so the test can call it inside a continuation. */
    public interface IntOp {
        @Suspendable
        int apply(int x);
    }

    @Suspendable
    public static int pause(int v) {
        if (Continuation.current() != null) {
            Continuation.suspend();
        }
        return v;
    }

    @Test
    void subroutineThatSuspendsIsInlinedAndResumes() throws Exception {
        Map<String, byte[]> classes = Map.of("gen/Jsr", javaFiveClassWithSubroutine());
        Class<?> c = new TestClasses.MemoryLoader(classes).loadClass("gen.Jsr");
        IntOp op = (IntOp) c.getDeclaredConstructor().newInstance();
        int[] out = new int[1];
        assertEquals(2, Steps.runToEnd(() -> out[0] = op.apply(5)));
        assertEquals(105, out[0]);
        assertEquals(105, op.apply(5));
    }

    /** {@code int apply(int x) { int r = pause(x); try-finally-like jsr SUB; return r; } SUB: r = pause(r) + 100; ret}. */
    private static byte[] javaFiveClassWithSubroutine() {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String op = "dev/jcoro/rewrite/JsrRetTest$IntOp";
        cw.visit(Opcodes.V1_5, Opcodes.ACC_PUBLIC, "gen/Jsr", null, "java/lang/Object", new String[] {op});
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC, "apply", "(I)I", null, null);
        m.visitCode();
        Label sub = new Label();
        String pause = "dev/jcoro/rewrite/JsrRetTest";
        m.visitVarInsn(Opcodes.ILOAD, 1);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, pause, "pause", "(I)I", false);
        m.visitVarInsn(Opcodes.ISTORE, 2);
        m.visitJumpInsn(Opcodes.JSR, sub);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitInsn(Opcodes.IRETURN);
        m.visitLabel(sub);
        m.visitVarInsn(Opcodes.ASTORE, 3);
        m.visitVarInsn(Opcodes.ILOAD, 2);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, pause, "pause", "(I)I", false);
        m.visitIntInsn(Opcodes.BIPUSH, 100);
        m.visitInsn(Opcodes.IADD);
        m.visitVarInsn(Opcodes.ISTORE, 2);
        m.visitVarInsn(Opcodes.RET, 3);
        m.visitMaxs(0, 0);
        m.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
