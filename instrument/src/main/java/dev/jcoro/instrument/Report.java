package dev.jcoro.instrument;

import java.io.PrintStream;
import java.util.Collection;

/**
 * The one way the agent and the offline tool tell the user what the rewriter did: an {@code ERROR} line
 * per refused method, a {@code WARNING} line per piece of advice, and, when asked, an {@code instrumented}
 * line per class rewritten.
 */
public final class Report {
    private final PrintStream log;
    private final boolean verbose;

    public Report(PrintStream log, boolean verbose) {
        this.log = log;
        this.verbose = verbose;
    }

    /** Reports one class's result. */
    public void print(InstrumentationResult result) {
        problems(result.problems());
        warnings(result.warnings());
        if (result.changed()) {
            instrumented(result.className().replace('/', '.') + ": " + String.join(", ", result.instrumented()));
        }
    }

    public void problems(Collection<String> problems) {
        problems.forEach(p -> log.println("[jcoro] ERROR: " + p));
    }

    public void warnings(Collection<String> warnings) {
        warnings.forEach(w -> log.println("[jcoro] WARNING: " + w));
    }

    /** A class rewritten, as {@code binary.Name: method(desc), ...}; printed only when verbose. */
    public void instrumented(String what) {
        if (verbose) {
            log.println("[jcoro] instrumented " + what);
        }
    }

    /** A class that could not be instrumented at all, and is used as it was. */
    public void failed(String what, Throwable cause, String consequence) {
        log.println("[jcoro] ERROR: cannot instrument " + what + ": " + cause + "; " + consequence);
    }
}
