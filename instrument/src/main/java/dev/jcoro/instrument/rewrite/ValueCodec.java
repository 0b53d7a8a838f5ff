package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Mutant;
import dev.jcoro.instrument.Names;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Emits the code that moves one value between the JVM frame and its slot in the continuation's frame stack
 * ({@link FrameLayout}): primitives go to the {@code long[]}, references to the {@code Object[]}.
 */
final class ValueCodec {
    private static final String OBJECT = "java/lang/Object";

    private ValueCodec() {
    }

    /**
     * Stores the value on top of the operand stack into its slot of the frame being captured, {@code fromTop}
     * slots below the top of its array ({@link FrameLayout}), on the frame stack held in local {@code stackSlot}.
     */
    static void save(InsnList out, Type type, int fromTop, int stackSlot) {
        if (type.getSort() == Type.FLOAT && Mutant.FLOAT_SAVED_AS_INT.active()) {
            out.add(new InsnNode(Opcodes.F2I));
            save(out, Type.INT_TYPE, fromTop, stackSlot);
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        pushInt(out, fromTop);
        out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.FRAME_STACK, "put" + kind(type),
                "(" + erased(type).getDescriptor() + Names.FRAME_STACK_DESC + "I)V", false));
    }

    /**
     * Pops a value of {@code type} from the top of its array of the frame stack held in local {@code stackSlot}
     * onto the operand stack: a restore takes the values in the opposite order of their slots ({@link FrameLayout}).
     */
    static void restore(InsnList out, Type type, int stackSlot) {
        if (type.getSort() == Type.FLOAT && Mutant.FLOAT_SAVED_AS_INT.active()) {
            restore(out, Type.INT_TYPE, stackSlot);
            out.add(new InsnNode(Opcodes.I2F));
            return;
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        out.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, "pop" + kind(type),
                "()" + erased(type).getDescriptor(), false));
        if (isReference(type) && !OBJECT.equals(type.getInternalName())) {
            out.add(new TypeInsnNode(Opcodes.CHECKCAST, type.getSort() == Type.ARRAY ? type.getDescriptor() : type.getInternalName()));
        }
    }

    /** Pushes the zero value of {@code type}: the placeholder for an argument or a return value. */
    static void pushDefault(InsnList out, Type type) {
        switch (type.getSort()) {
            case Type.VOID -> { }
            case Type.LONG -> out.add(new InsnNode(Opcodes.LCONST_0));
            case Type.FLOAT -> out.add(new InsnNode(Opcodes.FCONST_0));
            case Type.DOUBLE -> out.add(new InsnNode(Opcodes.DCONST_0));
            case Type.OBJECT, Type.ARRAY -> out.add(new InsnNode(Opcodes.ACONST_NULL));
            default -> out.add(new InsnNode(Opcodes.ICONST_0));
        }
    }

    static void pushInt(InsnList out, int value) {
        out.add(intConstant(value));
    }

    static AbstractInsnNode intConstant(int value) {
        if (value >= -1 && value <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + value);
        }
        if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            return new IntInsnNode(value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE ? Opcodes.BIPUSH : Opcodes.SIPUSH, value);
        }
        return new LdcInsnNode(value);
    }

    static boolean isReference(Type type) {
        return type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY;
    }

    private static String kind(Type type) {
        return switch (type.getSort()) {
            case Type.LONG -> "Long";
            case Type.FLOAT -> "Float";
            case Type.DOUBLE -> "Double";
            case Type.OBJECT, Type.ARRAY -> "Ref";
            default -> "Int";
        };
    }

    private static Type erased(Type type) {
        return switch (type.getSort()) {
            case Type.LONG, Type.FLOAT, Type.DOUBLE -> type;
            case Type.OBJECT, Type.ARRAY -> Type.getObjectType(OBJECT);
            default -> Type.INT_TYPE;
        };
    }
}
