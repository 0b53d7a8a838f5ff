package dev.jcoro.instrument;

import java.io.PrintStream;
import java.util.Collection;
import java.util.function.BiConsumer;

/**
 * The one way the agent and the offline tool tell the user what the rewriter did: an {@code ERROR} line
 * per refused method, a {@code WARNING} line per piece of advice, and, when asked, an {@code instrumented}
 * line per class rewritten. A refusal of a known class is also handed to a refusal listener (the agent records
 * it as a JFR event).
 */
public final class Report {
    private final PrintStream log;
    private final boolean verbose;
    private final BiConsumer<String, String> refusals;

    public Report(PrintStream log, boolean verbose) {
        this(log, verbose, (className, message) -> { });
    }

    /**
     * @param refusals told {@code (binary class name, message)} for each refused method and each class that
     *                 could not be instrumented, after its line is printed
     */
    public Report(PrintStream log, boolean verbose, BiConsumer<String, String> refusals) {
        this.log = log;
        this.verbose = verbose;
        this.refusals = refusals;
    }

    /** Reports one class's result. */
    public void print(InstrumentationResult result) {
        problems(result.problems());
        String className = result.className().replace('/', '.');
        result.problems().forEach(p -> refusals.accept(className, p));
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
        String problem = "cannot instrument " + what + ": " + cause + "; " + consequence;
        log.println("[jcoro] ERROR: " + problem);
        refusals.accept(what, problem);
    }
}
