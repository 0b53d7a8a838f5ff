package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.analyse.MethodAnalysis;
import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.LambdaSite;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A method reference to a suspendable method, passed where a plain functional interface is expected
 * ({@code list.forEach(this::fetch)}), is called by code jcoro does not instrument. This pass points
 * such a reference at a small synthetic method that calls the target and then checks, like
 * {@link BoundaryChecks}, that no suspension started inside it, so the suspension is refused at once
 * with the caller's name instead of leaving {@code forEach} running on with a half-captured stack.
 */
public final class MethodReferenceBoundary {
    private MethodReferenceBoundary() {
    }

    /**
     * Rewrites the method references of {@code node} in place and adds the synthetic methods.
     *
     * @return the number of method references redirected
     */
    public static int wrap(ClassNode node, ClassHierarchy hierarchy) {
        List<MethodNode> added = new ArrayList<>();
        for (MethodNode m : node.methods) {
            if (m.instructions == null) {
                continue;
            }
            for (AbstractInsnNode insn : m.instructions) {
                LambdaSite lambda = insn instanceof InvokeDynamicInsnNode indy ? LambdaSite.of(indy) : null;
                if (lambda != null && needsBoundary(lambda, hierarchy)) {
                    Handle impl = lambda.impl();
                    String where = "the method reference " + impl.getOwner().replace('/', '.') + "::" + impl.getName()
                            + " used as " + lambda.functionalInterface().replace('/', '.') + " (" + node.sourceFile + ":"
                            + MethodAnalysis.lineOf(insn) + ")";
                    MethodNode synthetic = synthetic(node, impl, "jcoro$ref$" + added.size(), where);
                    added.add(synthetic);
                    lambda.indy().bsmArgs[1] = new Handle(Opcodes.H_INVOKESTATIC, node.name, synthetic.name, synthetic.desc,
                            (node.access & Opcodes.ACC_INTERFACE) != 0);
                }
            }
        }
        node.methods.addAll(added);
        return added.size();
    }

    private static boolean needsBoundary(LambdaSite lambda, ClassHierarchy hierarchy) {
        int tag = lambda.impl().getTag();
        boolean plainCall = tag == Opcodes.H_INVOKESTATIC || tag == Opcodes.H_INVOKEVIRTUAL
                || tag == Opcodes.H_INVOKEINTERFACE || tag == Opcodes.H_INVOKESPECIAL;
        return plainCall && !lambda.serializable() && !lambda.interfaceIsSuspendable(hierarchy)
                && lambda.targetIsSuspendable(hierarchy);
    }

    private static MethodNode synthetic(ClassNode node, Handle impl, String name, String where) {
        boolean isStatic = impl.getTag() == Opcodes.H_INVOKESTATIC;
        Type[] implArgs = Type.getArgumentTypes(impl.getDesc());
        List<Type> params = new ArrayList<>();
        if (!isStatic) {
            params.add(Type.getObjectType(impl.getOwner()));
        }
        params.addAll(List.of(implArgs));
        Type result = Type.getReturnType(impl.getDesc());
        String desc = Type.getMethodDescriptor(result, params.toArray(Type[]::new));
        boolean oldInterface = (node.access & Opcodes.ACC_INTERFACE) != 0 && (node.version & 0xFFFF) < Opcodes.V11;
        int access = (oldInterface ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE) | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
        MethodNode m = new MethodNode(Opcodes.ASM9, access, name, desc, null, null);
        int slot = 0;
        for (Type p : params) {
            m.instructions.add(new VarInsnNode(p.getOpcode(Opcodes.ILOAD), slot));
            slot += p.getSize();
        }
        int opcode = switch (impl.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            case Opcodes.H_INVOKESPECIAL -> Opcodes.INVOKESPECIAL;
            default -> Opcodes.INVOKEVIRTUAL;
        };
        m.instructions.add(new MethodInsnNode(opcode, impl.getOwner(), impl.getName(), impl.getDesc(), impl.isInterface()));
        m.instructions.add(BoundaryChecks.check(where));
        m.instructions.add(new InsnNode(result.getOpcode(Opcodes.IRETURN)));
        m.maxLocals = slot;
        m.maxStack = Math.max(slot, result.getSize()) + 1;
        return m;
    }
}
