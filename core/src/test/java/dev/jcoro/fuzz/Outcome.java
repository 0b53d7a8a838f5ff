package dev.jcoro.fuzz;

/**
 * What one run of a program produced: its result, or the exception that escaped it.
 *
 * @param text {@code returned <value>} or {@code threw <class>: <message>}; the class name is given as in the
 *     instrumented package, so that the plain twin's compares equal
 * @param failure the escaped exception, kept for its stack trace; null when the program returned
 */
record Outcome(String text, Throwable failure) {
    static Outcome returned(String value) {
        return new Outcome("returned " + value, null);
    }

    static Outcome threw(Throwable t) {
        String type = t.getClass().getName().replace(PlainCopy.PACKAGE + ".", SourcePrinter.PACKAGE + ".");
        return new Outcome("threw " + type + ": " + t.getMessage(), t);
    }

    /** Whether both runs returned the same value or threw the same exception class with the same message. */
    boolean sameAs(Outcome other) {
        return text.equals(other.text);
    }
}
