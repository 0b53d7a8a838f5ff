package dev.jcoro.instrument.classify;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one class loader's view has shown so far about which types carry suspendable methods: a type is
 * <em>suspendable-bearing</em> if it declares or inherits a suspendable method (by annotation, by an
 * annotation that is itself {@code @Suspendable}, or as the target of a suspendable lambda), or is an
 * annotation type that makes the methods it marks suspendable. Filled as classes pass the agent and as the
 * prefilter resolves supertypes; read by the prefilter to decide, from a class's constant pool alone, that
 * the class needs no rewriting. Safe for concurrent use.
 */
public final class SuspendableTypes {
    private final Map<String, Boolean> bearing = new ConcurrentHashMap<>();

    /** True or false once {@code internalName} has been judged; null while it is unknown. */
    public Boolean bearing(String internalName) {
        return bearing.get(internalName);
    }

    /** True only if {@code internalName} is known to be suspendable-bearing. */
    public boolean isKnownBearing(String internalName) {
        return Boolean.TRUE.equals(bearing.get(internalName));
    }

    /** Records the judgement of {@code internalName}; a later, more exact judgement replaces an earlier one. */
    public void record(String internalName, boolean isBearing) {
        bearing.put(internalName, isBearing);
    }

    /** The number of types judged, for diagnostics. */
    public int size() {
        return bearing.size();
    }
}
