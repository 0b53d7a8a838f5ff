package dev.jcoro.rewrite;

import dev.jcoro.Continuation;
import dev.jcoro.Suspendable;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A class visitor that pauses at every method it is shown, then passes it on unchanged. Loaded next to a
 * rewritten copy of ASM, it makes that third-party code suspend deep inside {@code ClassReader.accept}
 * and resume there.
 */
public class SuspendingVisitor extends ClassVisitor {
    /** Pauses taken by the copy of this class in use; reset by the test. */
    public static int paused;

    public SuspendingVisitor(ClassVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Suspendable
    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if (Continuation.current() != null) {
            paused++;
            Continuation.suspend();
        }
        return super.visitMethod(access, name, descriptor, signature, exceptions);
    }
}
