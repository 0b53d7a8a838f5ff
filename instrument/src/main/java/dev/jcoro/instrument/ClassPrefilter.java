package dev.jcoro.instrument;

import dev.jcoro.instrument.classify.ClassHierarchy;
import dev.jcoro.instrument.classify.ConstantPoolScan;
import dev.jcoro.instrument.classify.SuspendableTypes;

/**
 * The agent's first look at a class: decides from its constant pool alone (no tree, nothing registered in
 * the hierarchy) that a class has nothing to rewrite, so that a program's classes that have nothing to do with
 * jcoro cost one pass over their constant pool. A class is handed on to the rewriter only if it
 * <ul>
 *   <li>mentions {@code dev/jcoro/} anywhere (an {@code @Suspendable} method, a call into jcoro, the mark of a
 *       class instrumented ahead of time), or is itself known to be suspendable-bearing (the target of a
 *       suspendable method reference made elsewhere);</li>
 *   <li>has a supertype, creates a lambda of an interface, or annotates a method with an annotation type that
 *       is suspendable-bearing: it may override a suspendable method without saying so, have a suspendable
 *       lambda body, or be marked through an annotation that is itself {@code @Suspendable}. These few types
 *       are judged exactly, from what this loader has already shown, else from their class bytes (the JVM
 *       calls the agent on a class before it loads the class's supertypes, so they are often not seen yet);</li>
 *   <li>names, in a class constant, a type already known to be suspendable-bearing (it may call a suspendable
 *       method from a plain one, which must be pinned).</li>
 * </ul>
 * A class that carries the {@code @Instrumented} mark (rewritten ahead of time) is left as it is, without a
 * tree. Everything else is recorded as plain and returned untouched. Why this is sound, and the one case where it
 * depends on load order (a plain method calling a suspendable method of a type not yet seen), is written down
 * in {@code docs/architecture.md}, "What the agent looks at".
 */
public final class ClassPrefilter {
    private final ClassHierarchy hierarchy;
    private final SuspendableTypes types;

    /** @param hierarchy the hierarchy of the loader whose classes are decided; its judgements are filled here */
    public ClassPrefilter(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.types = hierarchy.suspendableTypes();
    }

    /**
     * Whether {@code classFile} may need rewriting. When it returns false for a class not rewritten ahead of
     * time, the class is recorded as not suspendable-bearing. A class file the scan cannot read is handed on, so that the rewriter reports it.
     */
    public boolean mayNeedRewrite(byte[] classFile) {
        ConstantPoolScan scan;
        try {
            scan = ConstantPoolScan.of(classFile);
        } catch (RuntimeException malformed) {
            return true;
        }
        if (scan.isInstrumented()) {
            return false;
        }
        if (scan.mentionsJcoro() || types.isKnownBearing(scan.name())) {
            return true;
        }
        if (anyBearing(scan.supertypes()) || anyBearing(scan.lambdaTypes()) || anyBearing(scan.methodAnnotationTypes())) {
            return true;
        }
        for (String c : scan.classConstants()) {
            if (types.isKnownBearing(c)) {
                return true;
            }
        }
        types.record(scan.name(), false);
        return false;
    }

    private boolean anyBearing(java.util.List<String> types) {
        for (String t : types) {
            if (hierarchy.judgeBearing(t)) {
                return true;
            }
        }
        return false;
    }
}
