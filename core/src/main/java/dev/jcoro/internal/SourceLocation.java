package dev.jcoro.internal;

/** The one way jcoro's messages name a place in the user's code: {@code Class.method (File.java:line)}. */
final class SourceLocation {
    private SourceLocation() {
    }

    /**
     * @param line the source line, or a negative number when unknown (then only the file is named)
     */
    static String format(String className, String methodName, String fileName, int line) {
        String where = fileName == null ? (line > 0 ? "line " + line : "Unknown Source")
                : line > 0 ? fileName + ":" + line : fileName;
        return className + "." + methodName + " (" + where + ")";
    }

    static String format(StackTraceElement e) {
        return format(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
    }
}
