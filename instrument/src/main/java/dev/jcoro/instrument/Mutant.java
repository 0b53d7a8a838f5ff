package dev.jcoro.instrument;

import java.util.Locale;

/**
 * Deliberate, plausible bugs the rewriter can be told to make, one at a time, to check that the tests
 * (the differential fuzzer above all) see each of them: {@code -Djcoro.mutant=NAME} in the JVM that runs
 * the agent. Without the property every mutant is off and the rewriter is the real one; nothing else
 * reads this class. {@code instrument/mutants.sh} runs the fuzzer once per mutant and prints the table.
 */
public enum Mutant {
    /** Restore leaves locals known to hold null unset, instead of storing null into them. */
    NULL_LOCALS_NOT_RESTORED,
    /** A {@code synchronized} method is not treated as holding a monitor at its call sites. */
    SYNCHRONIZED_METHOD_UNCHECKED,
    /** A float value is saved and restored through the int path (its fraction is lost). */
    FLOAT_SAVED_AS_INT,
    /** A long or double argument spilled before an instance call gets one local slot instead of two. */
    WIDE_ARGUMENT_ONE_SLOT,
    /** A call made under a monitor is not pinned, so the refusal comes only after the frames below captured. */
    MONITOR_NOT_PINNED,
    /** A plain method's call to a suspendable one is not pinned: the refusal comes after the callee captured. */
    PLAIN_CALLER_NOT_PINNED,
    /** The operand stack under a call is restored in reverse order. */
    STACK_RESTORED_REVERSED,
    /** Liveness forgets the highest-numbered live local at each call site. */
    LAST_LIVE_LOCAL_DROPPED,
    /** {@code monitorexit} is not seen, so code after a synchronized block counts as holding the monitor. */
    MONITOR_EXIT_IGNORED;

    private static final Mutant ACTIVE = parse(System.getProperty("jcoro.mutant"));

    /** True if this mutant is switched on in this JVM. */
    public boolean active() {
        return this == ACTIVE;
    }

    private static Mutant parse(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
