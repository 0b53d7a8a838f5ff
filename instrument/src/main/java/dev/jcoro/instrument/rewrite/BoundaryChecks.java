package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.analyse.MethodAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * For a method that is not suspendable but calls suspendable methods (a lambda passed to
 * {@code List.forEach}, say): after each such call, refuse a suspension that started inside it, because
 * this method cannot save itself and its caller would run on with a half-captured stack.
 */
public final class BoundaryChecks {
    private BoundaryChecks() {
    }

    /**
     * The check itself, to follow a suspendable call: refuses a suspension that started inside the call.
     *
     * @param where the calling method as the user wrote it, for the message
     */
    static InsnList check(String where) {
        InsnList check = new InsnList();
        check.add(new LdcInsnNode(where));
        check.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.FRAME_STACK, Names.CHECK_NOT_CAPTURING,
                Names.CHECK_NOT_CAPTURING_DESC, false));
        return check;
    }

    /**
     * Inserts the checks into {@code method} in place; the stack map frames stay valid.
     *
     * @return the number of calls checked
     */
    public static int insert(String owner, String sourceFile, MethodNode method, Predicate<MethodInsnNode> suspendable) {
        List<MethodInsnNode> calls = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && suspendable.test(call)) {
                calls.add(call);
            }
        }
        for (MethodInsnNode call : calls) {
            String where = owner.replace('/', '.') + "." + method.name + " (" + sourceFile + ":" + MethodAnalysis.lineOf(call) + ")";
            method.instructions.insert(call, check(where));
        }
        if (!calls.isEmpty()) {
            method.maxStack += 1;
        }
        return calls.size();
    }
}
