package dev.jcoro.instrument.emit;

import dev.jcoro.instrument.InstrumentationException;
import dev.jcoro.instrument.classify.ClassHierarchy;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Stage 4, part one: computes max stack, max locals and stack map frames for one rewritten method, and
 * checks the result with ASM's basic verifier, so that a rewriter bug surfaces as a method left
 * uninstrumented with a message, never as a {@code VerifyError} that makes the JVM reject the whole class.
 *
 * <p>Only the rewritten methods get new frames; the class's other methods keep theirs byte for byte.
 * The method is written alone into a scratch class (same name, same supertypes) with
 * {@link ClassWriter#COMPUTE_FRAMES} and read back.
 */
public final class FrameComputer {
    private final ClassHierarchy hierarchy;

    public FrameComputer(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /**
     * Returns {@code method} with frames and maxima computed.
     *
     * @throws org.objectweb.asm.MethodTooLargeException if the rewritten method exceeds 64 KiB
     * @throws InstrumentationException if the rewritten method does not verify
     */
    public MethodNode compute(ClassNode owner, MethodNode method) {
        ClassWriter writer = new HierarchyClassWriter(hierarchy, ClassWriter.COMPUTE_FRAMES);
        writer.visit(owner.version, owner.access, owner.name, null, owner.superName, owner.interfaces.toArray(String[]::new));
        method.accept(writer);
        writer.visitEnd();
        ClassNode scratch = new ClassNode();
        new ClassReader(writer.toByteArray()).accept(scratch, 0);
        MethodNode result = scratch.methods.get(0);
        try {
            new Analyzer<>(new BasicVerifier()).analyze(owner.name, result);
        } catch (AnalyzerException e) {
            throw new InstrumentationException(owner.name, method.name + method.desc, -1,
                    "the rewritten method does not verify, which is a jcoro bug (" + e.getMessage() + ")");
        }
        return result;
    }
}
