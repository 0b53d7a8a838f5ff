package dev.jcoro.instrument.analyse;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * The value of {@code new T} until its constructor is called. ASM's frames type it as an initialised
 * {@code T}; this value and {@link TrackingFrame} keep the difference, so that an object under
 * construction live across a suspendable call is refused instead of saved (which the JVM would reject).
 */
final class UnderConstruction extends BasicValue {
    private final AbstractInsnNode created;

    UnderConstruction(Type type, AbstractInsnNode created) {
        super(type);
        this.created = created;
    }

    /** A frame that, when a constructor is called, marks every copy of the object it initialises as initialised. */
    static final class TrackingFrame<V extends Value> extends Frame<V> {
        TrackingFrame(int numLocals, int maxStack) {
            super(numLocals, maxStack);
        }

        TrackingFrame(Frame<? extends V> frame) {
            super(frame);
        }

        @Override
        public void execute(AbstractInsnNode insn, Interpreter<V> interpreter) throws AnalyzerException {
            V receiver = null;
            if (insn.getOpcode() == Opcodes.INVOKESPECIAL && insn instanceof MethodInsnNode call && call.name.equals("<init>")) {
                receiver = getStack(getStackSize() - Type.getArgumentTypes(call.desc).length - 1);
            }
            super.execute(insn, interpreter);
            if (receiver instanceof UnderConstruction u) {
                V initialised = interpreter.newValue(u.getType());
                for (int i = 0; i < getLocals(); i++) {
                    if (u.sameObject(getLocal(i))) {
                        setLocal(i, initialised);
                    }
                }
                for (int i = 0; i < getStackSize(); i++) {
                    if (u.sameObject(getStack(i))) {
                        setStack(i, initialised);
                    }
                }
            }
        }
    }

    private boolean sameObject(Value v) {
        return v instanceof UnderConstruction other && other.created == created;
    }
}
