package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.SourceLocation;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.LambdaSite;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A method reference to a suspendable method, passed where a plain functional interface is expected
 * ({@code list.forEach(this::fetch)}), is called by code jcoro does not instrument. This pass points
 * such a reference at a small synthetic method that calls the target; the pipeline then treats that
 * method as any plain method that calls a suspendable one ({@link BoundaryChecks}), so the suspension is
 * refused at once, naming the reference, instead of leaving {@code forEach} running on with a
 * half-captured stack.
 */
public final class MethodReferenceBoundary {
    private MethodReferenceBoundary() {
    }

    /**
     * Redirects the method references of {@code node} in place and adds the synthetic methods.
     *
     * @return each synthetic method, with the reference described as the user wrote it
     */
    public static Map<MethodNode, String> wrap(ClassNode node, ClassHierarchy hierarchy) {
        Map<MethodNode, String> added = new LinkedHashMap<>();
        for (MethodNode m : node.methods) {
            if (m.instructions == null) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                LambdaSite lambda = insn instanceof InvokeDynamicInsnNode indy ? LambdaSite.of(indy) : null;
                if (lambda != null && needsBoundary(lambda, hierarchy)) {
                    Handle impl = lambda.impl();
                    String where = "the method reference " + impl.getOwner().replace('/', '.') + "::" + impl.getName()
                            + " used as " + lambda.functionalInterface().replace('/', '.') + " in "
                            + SourceLocation.of(node, m, insn);
                    MethodNode synthetic = ForwardingMethod.create(node, impl, "jcoro$ref$" + added.size());
                    added.put(synthetic, where);
                    lambda.indy().bsmArgs[1] = ForwardingMethod.handle(node, synthetic);
                }
            }
        }
        node.methods.addAll(added.keySet());
        return added;
    }

    private static boolean needsBoundary(LambdaSite lambda, ClassHierarchy hierarchy) {
        return ForwardingMethod.canForward(lambda.impl()) && !lambda.serializable() && !lambda.interfaceIsSuspendable(hierarchy)
                && lambda.targetIsSuspendable(hierarchy);
    }
}
