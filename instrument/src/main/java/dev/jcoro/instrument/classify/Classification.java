package dev.jcoro.instrument.classify;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the classifier decided for one class.
 *
 * @param suspendable methods to rewrite into resumable state machines
 * @param boundary methods that are not suspendable but call suspendable methods; their calls are pinned
 *     so that a suspension passing through them is refused before anything is captured
 * @param lambdaBodies the suspendable methods that a lambda of this class calls through a suspendable
 *     functional interface, under another name than the interface method's
 * @param plainLambdas the methods that a lambda of this class calls through a plain functional
 *     interface, with that interface's binary name (for the advice a refusal gives)
 * @param sites for each suspendable and boundary method, the instruction indices of its calls that may
 *     suspend, in order: decided here once, read by every later stage
 * @param refusals messages for methods marked suspendable that cannot be (constructors, initialisers)
 * @param warnings advice that does not stop the rewrite
 */
public record Classification(Set<MethodNode> suspendable, Set<MethodNode> boundary, Set<MethodNode> lambdaBodies,
                             Map<MethodNode, String> plainLambdas, Map<MethodNode, int[]> sites, List<String> refusals,
                             List<String> warnings) {
    /**
     * The calls of {@code copy}, an instruction-for-instruction copy of the classified {@code original}, that
     * may suspend: the nodes later stages work on, in order.
     */
    public List<MethodInsnNode> sitesIn(MethodNode original, MethodNode copy) {
        int[] indices = sites.getOrDefault(original, new int[0]);
        List<MethodInsnNode> calls = new java.util.ArrayList<>(indices.length);
        for (int i : indices) {
            calls.add((MethodInsnNode) copy.instructions.get(i));
        }
        return calls;
    }

    /** True if the class needs no rewriting at all. */
    public boolean isEmpty() {
        return suspendable.isEmpty() && boundary.isEmpty();
    }
}
