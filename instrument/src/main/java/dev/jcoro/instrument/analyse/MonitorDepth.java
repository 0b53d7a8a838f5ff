package dev.jcoro.instrument.analyse;

import dev.jcoro.instrument.Mutant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;

/**
 * How many monitors ({@code monitorenter} without its {@code monitorexit}) each instruction runs under.
 * A suspension at an instruction with a positive depth must be refused: a monitor cannot move with a
 * continuation to another thread.
 */
final class MonitorDepth {
    private MonitorDepth() {
    }

    static int[] compute(InsnList insns, List<Integer>[] successors) {
        int n = insns.size();
        int[] depth = new int[n];
        Arrays.fill(depth, -1);
        if (n == 0) {
            return depth;
        }
        Deque<Integer> todo = new ArrayDeque<>();
        depth[0] = 0;
        todo.add(0);
        while (!todo.isEmpty()) {
            int i = todo.poll();
            int op = insns.get(i).getOpcode();
            int after = op == Opcodes.MONITORENTER ? depth[i] + 1
                    : op == Opcodes.MONITOREXIT && !Mutant.MONITOR_EXIT_IGNORED.active() ? Math.max(0, depth[i] - 1) : depth[i];
            for (int s : successors[i]) {
                // Exception edges leave from inside the instruction, before its own effect.
                int d = insnThrowsBeforeEffect(op) && s != i + 1 ? depth[i] : after;
                if (d > depth[s] && d < 256) {
                    depth[s] = d;
                    todo.add(s);
                }
            }
        }
        return depth;
    }

    private static boolean insnThrowsBeforeEffect(int op) {
        return op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT;
    }
}
