package dev.jcoro.instrument.offline;

import java.util.List;

/**
 * What one run of the offline instrumenter did.
 *
 * @param instrumented the classes rewritten, as {@code binary.Name: method(desc), ...}
 * @param problems methods left uninstrumented and classes that could not be read, one message each
 * @param warnings advice that did not stop the rewrite
 * @param unresolved the types classification needed but found neither in the input nor on the class
 *     path; calls to their methods were taken as not suspendable, so the result may be incomplete
 */
public record OfflineResult(List<String> instrumented, List<String> problems, List<String> warnings, List<String> unresolved) {
    public OfflineResult {
        instrumented = List.copyOf(instrumented);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        unresolved = List.copyOf(unresolved);
    }

    /** True if every method that should be rewritten was: no problems and no unresolved types. */
    public boolean complete() {
        return problems.isEmpty() && unresolved.isEmpty();
    }

    /** The one-line summary the command line prints. */
    public String summary() {
        return instrumented.size() + " classes instrumented, " + problems.size() + " problems, "
                + unresolved.size() + " unresolved types";
    }
}
