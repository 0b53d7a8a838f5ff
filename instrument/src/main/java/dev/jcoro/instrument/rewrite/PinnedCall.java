package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Names;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Wraps one suspendable call in a pin: right before the call the frame stack records that no suspension
 * may start (the frame holds a monitor, or is not suspendable), and after it the pin ends, on the normal
 * path and, through a handler of its own, on the exceptional one. {@code Continuation.suspend} consults
 * the pins before any frame captures, so a refusal is an ordinary exception that runs every {@code finally}.
 *
 * <p>The handler sits inline, right after the call, so the user's own try blocks cover it exactly as they
 * cover the call, and the rethrown exception reaches the same handlers as before. The method's stack map
 * frames must be computed afterwards.
 */
final class PinnedCall {
    private PinnedCall() {
    }

    /**
     * @param pin code, run right before the call with its operands on the stack, that records the pin
     * @param stackSlot the local that holds the frame stack, assigned before {@code pin} runs
     * @param afterUnpin code for the normal path once the pin has ended
     */
    static void wrap(MethodNode method, MethodInsnNode call, InsnList pin, int stackSlot, InsnList afterUnpin) {
        LabelNode start = new LabelNode();
        LabelNode end = new LabelNode();
        LabelNode handler = new LabelNode();
        LabelNode next = new LabelNode();
        pin.add(start);
        method.instructions.insertBefore(call, pin);
        InsnList after = new InsnList();
        after.add(end);
        after.add(unpin(stackSlot));
        after.add(afterUnpin);
        after.add(new JumpInsnNode(Opcodes.GOTO, next));
        after.add(handler);
        after.add(unpin(stackSlot));
        after.add(new InsnNode(Opcodes.ATHROW));
        after.add(next);
        method.instructions.insert(call, after);
        // First in the table, so it is the innermost handler of the call.
        method.tryCatchBlocks.add(0, new TryCatchBlockNode(start, end, handler, null));
    }

    private static InsnList unpin(int stackSlot) {
        InsnList l = new InsnList();
        l.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        l.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.UNPIN, Names.UNPIN_DESC, false));
        return l;
    }
}
