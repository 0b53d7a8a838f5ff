package dev.jcoro.instrument.analyse;

import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local variable slots are live (read before written on some path) after each instruction. Only
 * live locals are saved at a suspension, which keeps frames small and never saves a dead value.
 */
final class Liveness {
    private Liveness() {
    }

    /** Live-out sets: slot {@code s} is in {@code result[i]} if it may be read after instruction {@code i}. */
    static BitSet[] liveOut(InsnList insns, List<Integer>[] successors) {
        int n = insns.size();
        BitSet[] in = new BitSet[n];
        BitSet[] out = new BitSet[n];
        for (int i = 0; i < n; i++) {
            in[i] = new BitSet();
            out[i] = new BitSet();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet o = new BitSet();
                for (int s : successors[i]) {
                    o.or(in[s]);
                }
                BitSet newIn = (BitSet) o.clone();
                AbstractInsnNode insn = insns.get(i);
                int defined = defined(insn);
                if (defined >= 0) {
                    newIn.clear(defined);
                }
                int used = used(insn);
                if (used >= 0) {
                    newIn.set(used);
                }
                if (!o.equals(out[i]) || !newIn.equals(in[i])) {
                    out[i] = o;
                    in[i] = newIn;
                    changed = true;
                }
            }
        }
        return out;
    }

    private static int used(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode v) {
            int op = v.getOpcode();
            return op >= Opcodes.ILOAD && op <= Opcodes.ALOAD || op == Opcodes.RET ? v.var : -1;
        }
        return insn instanceof IincInsnNode iinc ? iinc.var : -1;
    }

    private static int defined(AbstractInsnNode insn) {
        if (insn instanceof VarInsnNode v && v.getOpcode() >= Opcodes.ISTORE && v.getOpcode() <= Opcodes.ASTORE) {
            return v.var;
        }
        return -1;
    }
}
