package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Mutant;
import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.emit.MethodTableBuilder.MethodId;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * For a method that is not suspendable but calls suspendable methods (a lambda passed to
 * {@code List.forEach}, say): each such call is pinned, so a suspension that starts inside it is refused
 * at once, before any frame saves itself, and every {@code finally} on the way runs. After the call a
 * check refuses a suspension that got past the pin through code jcoro cannot see (a plain interface).
 */
public final class BoundaryChecks {
    private BoundaryChecks() {
    }

    /**
     * Inserts the pins and checks into {@code method} in place; its frames must be computed afterwards.
     *
     * @param calls the suspendable calls of the method, in site order
     */
    public static void insert(MethodNode method, List<MethodInsnNode> calls, MethodId id) {
        if (calls.isEmpty()) {
            return;
        }
        int stackSlot = method.maxLocals++;
        for (int site = 0; site < calls.size(); site++) {
            InsnList pin = new InsnList();
            pin.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.FRAME_STACK, Names.CURRENT, Names.CURRENT_DESC, false));
            pin.add(new InsnNode(Opcodes.DUP));
            pin.add(new VarInsnNode(Opcodes.ASTORE, stackSlot));
            pin.add(id.load());
            pin.add(ValueCodec.intConstant(site));
            pin.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.PIN_PLAIN_CALLER, Names.PIN_DESC, false));
            InsnList check = new InsnList();
            check.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
            check.add(id.load());
            check.add(ValueCodec.intConstant(site));
            check.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.CHECK_NOT_CAPTURING,
                    Names.CHECK_NOT_CAPTURING_DESC, false));
            if (Mutant.PLAIN_CALLER_NOT_PINNED.active()) {
                InsnList unpinned = new InsnList();
                unpinned.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.FRAME_STACK, Names.CURRENT, Names.CURRENT_DESC, false));
                unpinned.add(new VarInsnNode(Opcodes.ASTORE, stackSlot));
                unpinned.add(check);
                method.instructions.insert(calls.get(site), unpinned);
                continue;
            }
            PinnedCall.wrap(method, calls.get(site), pin, stackSlot, check);
        }
    }
}
