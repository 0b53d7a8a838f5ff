package dev.jcoro.instrument.classify;

import java.util.List;
import java.util.Set;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the classifier decided for one class.
 *
 * @param suspendable methods to rewrite into resumable state machines
 * @param boundary methods that are not suspendable but call suspendable methods; they get a check that
 *     refuses a suspension passing through them
 * @param refusals messages for methods marked suspendable that cannot be (constructors, initialisers)
 * @param warnings advice that does not stop the rewrite
 */
public record Classification(Set<MethodNode> suspendable, Set<MethodNode> boundary, List<String> refusals,
                             List<String> warnings) {
    /** True if the class needs no rewriting at all. */
    public boolean isEmpty() {
        return suspendable.isEmpty() && boundary.isEmpty();
    }
}
