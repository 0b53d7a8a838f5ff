package dev.jcoro.instrument;

/**
 * A method the rewriter refuses, with the class, method and source line it concerns. The class is then
 * loaded as it was, uninstrumented, and the message is reported to the user.
 */
public final class InstrumentationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String className;
    private final String method;
    private final int line;

    /**
     * @param className the internal name of the class
     * @param method the method's name and descriptor
     * @param line the source line, or -1 if unknown
     * @param problem what is wrong
     */
    public InstrumentationException(String className, String method, int line, String problem) {
        super((line > 0 ? SourceLocation.format(className, method, null, line) : className.replace('/', '.') + "." + method)
                + ": " + problem);
        this.className = className;
        this.method = method;
        this.line = line;
    }

    public String className() {
        return className;
    }

    public String method() {
        return method;
    }

    public int line() {
        return line;
    }
}
