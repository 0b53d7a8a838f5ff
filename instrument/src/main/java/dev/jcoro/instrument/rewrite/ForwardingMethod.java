package dev.jcoro.instrument.rewrite;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A synthetic static method that calls a method reference's target with its own arguments (the receiver
 * first for an instance method), so a lambda can point at it instead of at the target. Used where jcoro
 * needs a frame of its own between a lambda and the method it refers to.
 */
final class ForwardingMethod {
    private ForwardingMethod() {
    }

    /** True for the handle kinds a forwarding method can call (not constructors, not field accesses). */
    static boolean canForward(Handle impl) {
        int tag = impl.getTag();
        return tag == Opcodes.H_INVOKESTATIC || tag == Opcodes.H_INVOKEVIRTUAL
                || tag == Opcodes.H_INVOKEINTERFACE || tag == Opcodes.H_INVOKESPECIAL;
    }

    /** Builds the method (not yet added to {@code node}). */
    static MethodNode create(ClassNode node, Handle impl, String name) {
        boolean isStatic = impl.getTag() == Opcodes.H_INVOKESTATIC;
        List<Type> params = new ArrayList<>();
        if (!isStatic) {
            params.add(Type.getObjectType(impl.getOwner()));
        }
        params.addAll(List.of(Type.getArgumentTypes(impl.getDesc())));
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
        m.instructions.add(new InsnNode(result.getOpcode(Opcodes.IRETURN)));
        m.maxLocals = slot;
        m.maxStack = Math.max(slot, result.getSize());
        return m;
    }

    /** The handle a lambda uses to call {@code forwarder}, a method of {@code node}. */
    static Handle handle(ClassNode node, MethodNode forwarder) {
        return new Handle(Opcodes.H_INVOKESTATIC, node.name, forwarder.name, forwarder.desc,
                (node.access & Opcodes.ACC_INTERFACE) != 0);
    }
}
