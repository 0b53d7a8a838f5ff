package dev.jcoro.instrument;

import dev.jcoro.instrument.analyse.MethodAnalysis;
import dev.jcoro.instrument.analyse.SuspendSite;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.Classification;
import dev.jcoro.instrument.classify.Classifier;
import dev.jcoro.instrument.emit.ClassMarker;
import dev.jcoro.instrument.emit.FrameComputer;
import dev.jcoro.instrument.rewrite.BoundaryChecks;
import dev.jcoro.instrument.rewrite.MethodReferenceBoundary;
import dev.jcoro.instrument.rewrite.MethodRewriter;
import dev.jcoro.instrument.rewrite.UninitializedHoister;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
        if (isMarked(node) || (node.access & Opcodes.ACC_MODULE) != 0) {
            return new InstrumentationResult(node.name, null, done, problems, List.of());
        }
        Classification c = classifier.classify(node);
        problems.addAll(c.refusals());
        int references = MethodReferenceBoundary.wrap(node, classifier.hierarchy());
        if (c.isEmpty() && references == 0) {
            return new InstrumentationResult(node.name, null, done, problems, c.warnings());
        }
        Predicate<MethodInsnNode> suspendable = classifier::isSuspendableCall;
        StringBuilder table = new StringBuilder();
        boolean changed = references > 0;
        for (int i = 0; i < node.methods.size(); i++) {
            MethodNode original = node.methods.get(i);
            try {
                MethodNode replacement = null;
                if (c.suspendable().contains(original)) {
                    replacement = rewriteSuspendable(node, original, suspendable, table);
                } else if (c.boundary().contains(original)) {
                    replacement = copy(original);
                    BoundaryChecks.insert(node.name, String.valueOf(node.sourceFile), replacement, suspendable);
                }
                if (replacement != null) {
                    node.methods.set(i, replacement);
                    done.add(original.name + original.desc);
                    changed = true;
                }
            } catch (InstrumentationException e) {
                problems.add(e.getMessage() + "; the method is left uninstrumented");
            } catch (MethodTooLargeException e) {
                problems.add(describe(node, original) + lineSuffix(original) + ": the rewritten method would exceed the 64 KiB limit of the JVM; "
                        + "split it into smaller methods. The method is left uninstrumented");
            } catch (RuntimeException e) {
                problems.add(describe(node, original) + lineSuffix(original) + ": cannot be rewritten (" + e + "); the method is left uninstrumented");
            }
        }
        if (!changed) {
            return new InstrumentationResult(node.name, null, done, problems, c.warnings());
        }
        ClassMarker.mark(node, table.toString());
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        return new InstrumentationResult(node.name, writer.toByteArray(), done, problems, c.warnings());
    }

    private MethodNode rewriteSuspendable(ClassNode node, MethodNode original, Predicate<MethodInsnNode> suspendable,
                                          StringBuilder table) {
        MethodNode m = copy(original);
        UninitializedHoister.hoist(node.name, m, suspendable);
        List<SuspendSite> sites = MethodAnalysis.analyse(node, m, classifier.hierarchy(), suspendable);
        if (sites.isEmpty()) {
            return null;
        }
        MethodRewriter rewriter = new MethodRewriter(node.name, m, sites);
        rewriter.rewrite();
        MethodNode result;
        try {
            result = frames.compute(node, m);
        } catch (ArrayIndexOutOfBoundsException e) {
            // ASM fails while widening jumps of methods whose rewritten code passes 32 KiB (known up to 64 KiB).
            throw new InstrumentationException(node.name, original.name + original.desc, firstLine(original),
                    "the rewritten method (" + m.instructions.size() + " instructions) needs jumps longer than 32 KiB, "
                            + "which the rewriter cannot emit yet (" + e.getMessage() + "); split it into smaller methods");
        }
        table.append(rewriter.methodId()).append('|').append(original.name).append('|')
                .append(node.sourceFile == null ? "" : node.sourceFile).append('|')
                .append(sites.stream().map(s -> String.valueOf(s.line())).collect(Collectors.joining(",")))
                .append('\n');
        return result;
    }

    private static String lineSuffix(MethodNode m) {
        int line = firstLine(m);
        return line > 0 ? " (line " + line + ")" : "";
    }

    /** The first source line of a method, where a refusal of the whole method points. */
    private static int firstLine(MethodNode m) {
        for (var insn : m.instructions) {
            if (insn instanceof org.objectweb.asm.tree.LineNumberNode line) {
                return line.line;
            }
        }
        return -1;
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

    private static boolean isMarked(ClassNode node) {
        return node.visibleAnnotations != null
                && node.visibleAnnotations.stream().anyMatch(a -> Names.INSTRUMENTED_DESC.equals(a.desc));
    }

    private static String describe(ClassNode node, MethodNode m) {
        return node.name.replace('/', '.') + "." + m.name + m.desc;
    }
}
