package dev.jcoro.instrument.agent;

/**
 * Records the agent's refusals as {@code dev.jcoro.InstrumentationRefusal} JFR events, beside the line it
 * prints on standard error. Names no {@code jdk.jfr} type itself, so that the agent still works on a runtime
 * without the {@code jdk.jfr} module, where it records nothing.
 */
final class RefusalEvents {
    private static final boolean JFR = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private RefusalEvents() {
    }

    /**
     * Records one refusal of {@code internalName}. The event class, and with it JFR's own machinery, loads on the
     * first refusal, not when the agent starts: registering an event costs a program that is never refused a
     * hundred JFR classes and their memory. Loaded from inside a transform, the event class does not pass through
     * the rewriter, which excludes the agent's own package.
     */
    static void refused(String internalName, String message) {
        if (JFR) {
            RefusalCommit.commit(internalName.replace('/', '.'), message);
        }
    }

    /** The half that names {@code jdk.jfr} types; loaded only when the module is there. */
    private static final class RefusalCommit {
        private RefusalCommit() {
        }

        static void commit(String className, String message) {
            RefusalEvent e = new RefusalEvent();
            if (e.isEnabled()) {
                e.className = className;
                e.message = message;
                e.commit();
            }
        }
    }
}
