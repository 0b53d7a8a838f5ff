package dev.jcoro.instrument.classify;

import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Stage 1 of the pipeline: decides which methods of a class are suspendable and which call sites may
 * suspend. A method is suspendable if it is {@code @Suspendable}, overrides or implements a method that
 * is, is a bridge to one, or is the body of a lambda or method reference whose functional interface
 * method is suspendable.
 */
public final class Classifier {
    private final ClassHierarchy hierarchy;
    private final boolean everything;

    /**
     * @param hierarchy the hierarchy of the class's loader
     * @param everything treat every method with code as suspendable (a test mode that stresses the rewriter)
     */
    public Classifier(ClassHierarchy hierarchy, boolean everything) {
        this.hierarchy = hierarchy;
        this.everything = everything;
    }

    public ClassHierarchy hierarchy() {
        return hierarchy;
    }

    /** Classifies the methods of {@code node}; registers the class and its lambda bodies with the hierarchy. */
    public Classification classify(ClassNode node) {
        hierarchy.register(ClassInfo.of(node));
        Set<MethodNode> lambdaBodies = new LinkedHashSet<>();
        Map<MethodNode, String> plainLambdas = new LinkedHashMap<>();
        markLambdaBodies(node, lambdaBodies, plainLambdas);
        Set<MethodNode> suspendable = new LinkedHashSet<>();
        Set<MethodNode> boundary = new LinkedHashSet<>();
        List<String> refusals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (MethodNode m : node.methods) {
            boolean marked = isSuspendableMethod(node, m);
            boolean initializer = m.name.startsWith("<");
            if (initializer) {
                if (ClassInfo.hasSuspendable(m)) {
                    refusals.add(describe(node, m) + ": @Suspendable is not allowed on a constructor or static initialiser; "
                            + "move the suspending code into a method");
                }
                if (hasSuspendableCall(node, m)) {
                    boundary.add(m);
                }
                continue;
            }
            if (m.instructions == null || m.instructions.size() == 0) {
                continue;
            }
            if (marked && !Names.isSuspendPrimitive(node.name, m.name, m.desc)) {
                suspendable.add(m);
                warnIfOverridesPlainMethod(node, m, warnings);
            } else if (!marked && !Names.CONTINUATION.equals(node.name) && hasSuspendableCall(node, m)) {
                // Continuation.resume is where every body starts and where captures end: not a boundary.
                boundary.add(m);
            }
        }
        lambdaBodies.retainAll(suspendable);
        plainLambdas.keySet().retainAll(boundary);
        Map<MethodNode, int[]> sites = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            if (suspendable.contains(m) || boundary.contains(m)) {
                sites.put(m, suspendableCalls(m));
            }
        }
        return new Classification(suspendable, boundary, lambdaBodies, plainLambdas, sites, refusals, warnings);
    }

    /** Whether the call {@code call}, made from {@code node}, may suspend. */
    public boolean isSuspendableCall(MethodInsnNode call) {
        if (everything) {
            return !call.name.startsWith("<");
        }
        return Names.isSuspendPrimitive(call.owner, call.name, call.desc)
                || hierarchy.isSuspendable(call.owner, call.name, call.desc);
    }

    private boolean isSuspendableMethod(ClassNode node, MethodNode m) {
        if ((m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 || m.name.startsWith("<")) {
            return ClassInfo.hasSuspendable(m);
        }
        // The search of the hierarchy starts at this class itself, so it also sees a method marked through a
        // meta-annotation (an annotation type that is itself @Suspendable).
        return everything || ClassInfo.hasSuspendable(m) || hierarchy.isSuspendable(node.name, m.name, m.desc);
    }

    /** The instruction indices of the calls of {@code m} that may suspend. */
    private int[] suspendableCalls(MethodNode m) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < m.instructions.size(); i++) {
            if (m.instructions.get(i) instanceof MethodInsnNode call && isSuspendableCall(call)) {
                at.add(i);
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean hasSuspendableCall(ClassNode node, MethodNode m) {
        if (m.instructions == null) {
            return false;
        }
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call && isSuspendableCall(call)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the bodies of lambdas (and the targets of method references) whose functional interface method
     * is suspendable as suspendable, and collects, among this class's own methods, the lambda bodies of
     * either kind.
     */
    private void markLambdaBodies(ClassNode node, Set<MethodNode> lambdaBodies, Map<MethodNode, String> plainLambdas) {
        List<LambdaSite> lambdas = new ArrayList<>();
        for (MethodNode m : node.methods) {
            if (m.instructions == null) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                LambdaSite lambda = insn instanceof InvokeDynamicInsnNode indy ? LambdaSite.of(indy) : null;
                if (lambda != null) {
                    lambdas.add(lambda);
                }
            }
        }
        for (LambdaSite lambda : lambdas) {
            Handle impl = lambda.impl();
            boolean suspendableInterface = lambda.interfaceIsSuspendable(hierarchy);
            if (suspendableInterface) {
                hierarchy.markSuspendable(impl.getOwner(), impl.getName(), impl.getDesc());
            }
            if (!impl.getOwner().equals(node.name)) {
                continue;
            }
            for (MethodNode m : node.methods) {
                if (m.name.equals(impl.getName()) && m.desc.equals(impl.getDesc())) {
                    if (suspendableInterface) {
                        lambdaBodies.add(m);
                    } else {
                        plainLambdas.put(m, lambda.functionalInterface().replace('/', '.'));
                    }
                }
            }
        }
    }

    private void warnIfOverridesPlainMethod(ClassNode node, MethodNode m, List<String> warnings) {
        if (!ClassInfo.hasSuspendable(m) || (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) != 0) {
            return;
        }
        List<String> supers = new ArrayList<>(node.interfaces);
        if (node.superName != null) {
            supers.add(node.superName);
        }
        for (String s : supers) {
            if (ClassHierarchy.isPlatform(s)) {
                continue;
            }
            ClassInfo info = hierarchy.info(s);
            ClassInfo.Method over = info == null ? null : info.method(m.name + m.desc);
            if (over != null && !hierarchy.isSuspendable(s, m.name, m.desc)) {
                warnings.add(describe(node, m) + " is @Suspendable but overrides " + s.replace('/', '.') + "." + m.name
                        + ", which is not: calls made through " + s.replace('/', '.') + " cannot suspend; annotate it too");
            }
        }
    }

    private static String describe(ClassNode node, MethodNode m) {
        return SourceLocation.ofMethod(node, m);
    }
}
