package dev.jcoro.instrument;

import java.util.List;

/**
 * The one list of the JDK's packages, which never declare suspendable methods and are never rewritten.
 * The classifier, the prefilter and the agent's exclusions all ask here.
 */
public final class Platform {
    /** Internal-name prefixes of the JDK's own classes. */
    public static final List<String> PACKAGES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

    private Platform() {
    }

    /** True for a class of the JDK, by internal name. */
    public static boolean isPlatform(String internalName) {
        for (String p : PACKAGES) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
