package dev.jcoro.instrument.classify;

import dev.jcoro.instrument.Names;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;

/**
 * An {@code invokedynamic} that creates a lambda or method reference through {@code LambdaMetafactory},
 * decoded once: which functional interface it implements and which method it points at.
 *
 * @param indy the instruction; its implementation handle may be redirected in place
 * @param functionalInterface the internal name of the interface the lambda implements
 * @param samDescriptor the descriptor of the interface method (erased)
 * @param impl the method the lambda calls
 * @param serializable true for serialisable lambdas, whose implementation must not be redirected
 */
public record LambdaSite(InvokeDynamicInsnNode indy, String functionalInterface, String samDescriptor, Handle impl,
                         boolean serializable) {
    private static final int FLAG_SERIALIZABLE = 1;

    /** Decodes {@code indy}, or returns null if it does not go through {@code LambdaMetafactory}. */
    public static LambdaSite of(InvokeDynamicInsnNode indy) {
        if (!Names.LAMBDA_METAFACTORY.equals(indy.bsm.getOwner()) || indy.bsmArgs.length < 3
                || !(indy.bsmArgs[0] instanceof Type sam) || !(indy.bsmArgs[1] instanceof Handle impl)) {
            return null;
        }
        boolean serializable = indy.bsmArgs.length > 3 && indy.bsmArgs[3] instanceof Integer flags
                && (flags & FLAG_SERIALIZABLE) != 0;
        return new LambdaSite(indy, Type.getReturnType(indy.desc).getInternalName(), sam.getDescriptor(), impl, serializable);
    }

    /** Whether the functional interface method this lambda implements is suspendable. */
    public boolean interfaceIsSuspendable(ClassHierarchy hierarchy) {
        return hierarchy.isSuspendable(functionalInterface, indy.name, samDescriptor);
    }

    /** Whether the method the lambda calls is suspendable. */
    public boolean targetIsSuspendable(ClassHierarchy hierarchy) {
        return hierarchy.isSuspendable(impl.getOwner(), impl.getName(), impl.getDesc());
    }
}
