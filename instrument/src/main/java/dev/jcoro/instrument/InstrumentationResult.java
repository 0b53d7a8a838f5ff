package dev.jcoro.instrument;

import java.util.List;

/**
 * What the rewriter did to one class.
 *
 * @param className the internal name of the class
 * @param bytes the rewritten class file, or null if the class is left as it was
 * @param instrumented the methods rewritten, as {@code name+descriptor}
 * @param problems methods refused, each message naming the class, method and line
 * @param warnings advice that did not stop the rewrite
 */
public record InstrumentationResult(String className, byte[] bytes, List<String> instrumented, List<String> problems,
                                    List<String> warnings) {
    public boolean changed() {
        return bytes != null;
    }
}
