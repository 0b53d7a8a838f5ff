package dev.jcoro.instrument.classify;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * @param refusals messages for methods marked suspendable that cannot be (constructors, initialisers)
 * @param warnings advice that does not stop the rewrite
 */
public record Classification(Set<MethodNode> suspendable, Set<MethodNode> boundary, Set<MethodNode> lambdaBodies,
                             Map<MethodNode, String> plainLambdas, List<String> refusals, List<String> warnings) {
    /** True if the class needs no rewriting at all. */
    public boolean isEmpty() {
        return suspendable.isEmpty() && boundary.isEmpty();
    }
}
