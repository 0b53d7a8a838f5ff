package dev.jcoro.instrument.analyse;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;
import org.objectweb.asm.tree.analysis.Value;

/**
 * An {@link Analyzer} that also records the control-flow graph it walks (normal and exception edges),
 * for the backward and forward passes that need it, and tells objects under construction apart.
 */
final class ControlFlow<V extends Value> extends Analyzer<V> {
    private List<Integer>[] successors;
    /** Instructions for which a catch-all handler was already seen: later handlers never get their exceptions. */
    private boolean[] caughtByAll;

    ControlFlow(Interpreter<V> interpreter) {
        super(interpreter);
    }

    @Override
    protected void init(String owner, org.objectweb.asm.tree.MethodNode method) {
        successors = newLists(method.instructions.size());
        caughtByAll = new boolean[method.instructions.size()];
    }

    @Override
    protected Frame<V> newFrame(int numLocals, int numStack) {
        return new UnderConstruction.TrackingFrame<>(numLocals, numStack);
    }

    @Override
    protected Frame<V> newFrame(Frame<? extends V> frame) {
        return new UnderConstruction.TrackingFrame<>(frame);
    }

    @Override
    protected void newControlFlowEdge(int insnIndex, int successorIndex) {
        add(insnIndex, successorIndex);
    }

    /**
     * The JVM gives an exception to the first handler in table order that matches. Once a catch-all
     * handler (a {@code finally}, or the one javac puts around a {@code synchronized} block, which
     * releases the monitor) covers an instruction, the handlers after it cannot be reached from there:
     * following those edges would, for one, make a catch outside a synchronized block look as if it ran
     * holding the monitor.
     */
    @Override
    protected boolean newControlFlowExceptionEdge(int insnIndex, TryCatchBlockNode tryCatchBlock) {
        if (caughtByAll[insnIndex]) {
            return false;
        }
        if (tryCatchBlock.type == null) {
            caughtByAll[insnIndex] = true;
        }
        return super.newControlFlowExceptionEdge(insnIndex, tryCatchBlock);
    }

    @Override
    protected boolean newControlFlowExceptionEdge(int insnIndex, int successorIndex) {
        add(insnIndex, successorIndex);
        return true;
    }

    private void add(int from, int to) {
        if (!successors[from].contains(to)) {
            successors[from].add(to);
        }
    }

    /** The successors of each instruction, by index, after {@link #analyze} ran. */
    List<Integer>[] successors() {
        return successors;
    }

    @SuppressWarnings("unchecked")
    private static List<Integer>[] newLists(int n) {
        List<Integer>[] lists = new List[n];
        for (int i = 0; i < n; i++) {
            lists[i] = new ArrayList<>(2);
        }
        return lists;
    }
}
