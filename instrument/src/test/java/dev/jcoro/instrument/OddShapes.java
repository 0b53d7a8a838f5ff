package dev.jcoro.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;

/** Test fixtures: legal bytecode in shapes javac never emits, built with ASM. */
public final class OddShapes {
    private OddShapes() {
    }

    /**
     * {@code make}: {@code new StringBuilder; dup; swap; next(); invokespecial <init>(I)V; areturn} at line 12;
     * {@code next}: calls {@code Continuation.suspend()} and returns 1.
     */
    public static ClassNode newDupSwap() {
        ClassNode node = new ClassNode();
        node.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, "gen/Swap", null, "java/lang/Object", null);
        MethodVisitor m = node.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()Ljava/lang/Object;", null, null);
        m.visitAnnotation(Names.SUSPENDABLE_DESC, true).visitEnd();
        m.visitCode();
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(12, start);
        m.visitTypeInsn(Opcodes.NEW, "java/lang/StringBuilder");
        m.visitInsn(Opcodes.DUP);
        m.visitInsn(Opcodes.SWAP);
        m.visitMethodInsn(Opcodes.INVOKESTATIC, "gen/Swap", "next", "()I", false);
        m.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "(I)V", false);
        m.visitInsn(Opcodes.ARETURN);
        m.visitMaxs(3, 0);
        m.visitEnd();
        MethodVisitor next = node.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "next", "()I", null, null);
        next.visitAnnotation(Names.SUSPENDABLE_DESC, true).visitEnd();
        next.visitCode();
        next.visitMethodInsn(Opcodes.INVOKESTATIC, Names.CONTINUATION, Names.SUSPEND, Names.SUSPEND_DESC, false);
        next.visitInsn(Opcodes.ICONST_1);
        next.visitInsn(Opcodes.IRETURN);
        next.visitMaxs(1, 0);
        next.visitEnd();
        node.visitEnd();
        return node;
    }
}
