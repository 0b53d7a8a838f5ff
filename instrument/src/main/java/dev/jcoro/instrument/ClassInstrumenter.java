package dev.jcoro.instrument;

import dev.jcoro.instrument.analyse.MethodAnalysis;
import dev.jcoro.instrument.analyse.SuspendSite;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.ClassInfo;
import dev.jcoro.instrument.classify.Classification;
import dev.jcoro.instrument.classify.Classifier;
import dev.jcoro.instrument.emit.ClassMarker;
import dev.jcoro.instrument.emit.FrameComputer;
import dev.jcoro.instrument.emit.MethodTableBuilder;
import dev.jcoro.instrument.emit.MethodTableBuilder.MethodId;
import dev.jcoro.instrument.rewrite.BoundaryChecks;
import dev.jcoro.instrument.rewrite.MethodReferenceBodies;
import dev.jcoro.instrument.rewrite.MethodReferenceBoundary;
import dev.jcoro.instrument.rewrite.MethodRewriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.JSRInlinerAdapter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The rewriter's pipeline for one class: classify, then per method analyse, rewrite and compute frames,
 * then mark the class. A method that cannot be rewritten is reported and left as it was; the class
 * always loads. Shared by the agent and the offline instrumenter.
 */
public final class ClassInstrumenter {
    private final Classifier classifier;
    private final FrameComputer frames;

    /**
     * @param hierarchy the class hierarchy of the loader the classes belong to
     * @param everything treat every method as suspendable (a test mode that stresses the rewriter)
     */
    public ClassInstrumenter(ClassHierarchy hierarchy, boolean everything) {
        this.classifier = new Classifier(hierarchy, everything);
        this.frames = new FrameComputer(hierarchy);
    }

    public ClassInstrumenter(ClassHierarchy hierarchy) {
        this(hierarchy, false);
    }

    /**
     * Rewrites {@code classFile}; the result's bytes are null when there is nothing to do.
     *
     * @throws InstrumentationException if the class file cannot be parsed at all
     */
    public InstrumentationResult instrument(byte[] classFile) {
        ClassNode node = read(classFile);
        List<String> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (ClassInfo.isMarked(node) || (node.access & Opcodes.ACC_MODULE) != 0) {
            return new InstrumentationResult(node.name, null, done, problems, List.of());
        }
        // Method references are normalised to synthetic methods first, so that classification sees them.
        classifier.hierarchy().register(ClassInfo.of(node));
        int redirected = MethodReferenceBodies.redirect(node, classifier.hierarchy());
        Map<MethodNode, String> references = MethodReferenceBoundary.wrap(node, classifier.hierarchy());
        Classification c = classifier.classify(node);
        problems.addAll(c.refusals());
        if (c.isEmpty() && references.isEmpty() && redirected == 0) {
            return new InstrumentationResult(node.name, null, done, problems, c.warnings());
        }
        MethodTableBuilder table = new MethodTableBuilder(node.name, (node.access & Opcodes.ACC_INTERFACE) != 0);
        boolean changed = redirected > 0 || !references.isEmpty();
        for (int i = 0; i < node.methods.size(); i++) {
            MethodNode original = node.methods.get(i);
            try {
                MethodNode replacement = null;
                if (c.suspendable().contains(original)) {
                    replacement = rewriteSuspendable(node, original, c, table);
                } else if (c.boundary().contains(original)) {
                    replacement = rewriteBoundary(node, original, c, references.get(original), table);
                }
                if (replacement != null) {
                    node.methods.set(i, replacement);
                    done.add(original.name + original.desc);
                    changed = true;
                }
            } catch (InstrumentationException e) {
                problems.add(e.getMessage() + "; the method is left uninstrumented");
            } catch (MethodTooLargeException e) {
                problems.add(SourceLocation.ofMethod(node, original) + ": the rewritten method would exceed the 64 KiB limit of the JVM; "
                        + "split it into smaller methods. The method is left uninstrumented");
            } catch (RuntimeException e) {
                problems.add(SourceLocation.ofMethod(node, original) + ": cannot be rewritten (" + e + "); the method is left uninstrumented");
            }
        }
        if (!changed) {
            return new InstrumentationResult(node.name, null, done, problems, c.warnings());
        }
        ClassMarker.mark(node, table);
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        return new InstrumentationResult(node.name, writer.toByteArray(), done, problems, c.warnings());
    }

    private MethodNode rewriteSuspendable(ClassNode node, MethodNode original, Classification c, MethodTableBuilder table) {
        MethodNode m = copy(original);
        Set<MethodInsnNode> calls = identitySet(c.sitesIn(original, m));
        List<SuspendSite> sites = MethodAnalysis.analyse(node, m, classifier.hierarchy(), calls::contains);
        MethodId id = table.add(original.name, MethodTableBuilder.Kind.SUSPENDABLE, null,
                sites.stream().mapToInt(SuspendSite::line).toArray());
        new MethodRewriter(node.name, m, sites, id, c.lambdaBodies().contains(original)).rewrite();
        return computeFrames(node, original, m);
    }

    private MethodNode rewriteBoundary(ClassNode node, MethodNode original, Classification c, String reference,
                                       MethodTableBuilder table) {
        MethodNode m = copy(original);
        List<MethodInsnNode> calls = c.sitesIn(original, m);
        if (calls.isEmpty()) {
            return null;
        }
        String plainInterface = c.plainLambdas().get(original);
        MethodTableBuilder.Kind kind = reference != null ? MethodTableBuilder.Kind.PLAIN_REFERENCE
                : plainInterface != null ? MethodTableBuilder.Kind.PLAIN_LAMBDA : MethodTableBuilder.Kind.PLAIN_CALLER;
        String detail = reference != null ? reference : plainInterface;
        MethodId id = table.add(original.name, kind, detail, calls.stream().mapToInt(SourceLocation::lineOf).toArray());
        BoundaryChecks.insert(m, calls, id);
        return computeFrames(node, original, m);
    }

    private static Set<MethodInsnNode> identitySet(List<MethodInsnNode> calls) {
        Set<MethodInsnNode> set = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        set.addAll(calls);
        return set;
    }

    private MethodNode computeFrames(ClassNode node, MethodNode original, MethodNode m) {
        try {
            return frames.compute(node, m);
        } catch (ArrayIndexOutOfBoundsException e) {
            // ASM fails while widening jumps of methods whose rewritten code passes 32 KiB (known up to 64 KiB).
            throw new InstrumentationException(node.name, original.name + original.desc, SourceLocation.firstLine(original),
                    "the rewritten method (" + m.instructions.size() + " instructions) needs jumps longer than 32 KiB, "
                            + "which the rewriter cannot emit yet (" + e.getMessage() + "); split it into smaller methods");
        }
    }

    private static ClassNode read(byte[] classFile) {
        try {
            return parse(classFile);
        } catch (RuntimeException e) {
            throw new InstrumentationException("<unreadable class>", "", -1, "malformed class file (" + e + ")");
        }
    }

    private static ClassNode parse(byte[] classFile) {
        ClassNode node = new ClassNode(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodNode m = new JSRInlinerAdapter(null, access, name, descriptor, signature, exceptions);
                methods.add(m);
                return m;
            }
        };
        new ClassReader(classFile).accept(node, 0);
        return node;
    }

    private static MethodNode copy(MethodNode m) {
        MethodNode c = new MethodNode(Opcodes.ASM9, m.access, m.name, m.desc, m.signature,
                m.exceptions == null ? null : m.exceptions.toArray(String[]::new));
        m.accept(c);
        return c;
    }

}
