package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.LambdaSite;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A method reference used as a suspendable functional interface ({@code new Continuation(this::work)})
 * makes the lambda call {@code work} directly, under its own name. An interface call site checks that
 * the frame saved below it is the interface method's or a lambda body's; so that {@code work} need not be
 * either, the reference is pointed at a synthetic lambda body that calls it. Runs before classification,
 * which then sees the synthetic method as the lambda body it is. Serialisable references keep their target.
 */
public final class MethodReferenceBodies {
    private MethodReferenceBodies() {
    }

    /**
     * Redirects the suspendable method references of {@code node} in place and adds the synthetic bodies.
     *
     * @return the number of references redirected
     */
    public static int redirect(ClassNode node, ClassHierarchy hierarchy) {
        List<MethodNode> added = new ArrayList<>();
        for (MethodNode m : node.methods) {
            if (m.instructions == null) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                LambdaSite lambda = insn instanceof InvokeDynamicInsnNode indy ? LambdaSite.of(indy) : null;
                if (lambda != null && isMethodReference(node, lambda.impl()) && ForwardingMethod.canForward(lambda.impl())
                        && !lambda.serializable() && lambda.interfaceIsSuspendable(hierarchy)) {
                    MethodNode body = ForwardingMethod.create(node, lambda.impl(), "jcoro$lambda$" + added.size());
                    added.add(body);
                    lambda.indy().bsmArgs[1] = ForwardingMethod.handle(node, body);
                }
            }
        }
        node.methods.addAll(added);
        return added.size();
    }

    /** A lambda expression's body is a synthetic method of the same class; anything else is a reference. */
    private static boolean isMethodReference(ClassNode node, Handle impl) {
        if (!impl.getOwner().equals(node.name)) {
            return true;
        }
        return node.methods.stream().noneMatch(m -> m.name.equals(impl.getName()) && m.desc.equals(impl.getDesc())
                && (m.access & org.objectweb.asm.Opcodes.ACC_SYNTHETIC) != 0);
    }
}
