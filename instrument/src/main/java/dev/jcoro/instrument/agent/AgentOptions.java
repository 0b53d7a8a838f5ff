package dev.jcoro.instrument.agent;

import dev.jcoro.instrument.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's options, given after {@code =} in {@code -javaagent:jcoro-agent.jar=...}, separated by commas:
 * {@code verbose} (log every class rewritten), {@code dump=DIR} (write rewritten classes there),
 * {@code include=a.b} and {@code exclude=c.d} (package prefixes, repeatable; with no include, every
 * package outside the JDK is considered).
 */
public record AgentOptions(boolean verbose, Path dumpDir, List<String> includes, List<String> excludes) {
    /** The JDK, and the agent itself with its shaded ASM. */
    private static final List<String> ALWAYS_EXCLUDED = alwaysExcluded();

    /*
     * This class and the others the agent loads before the program starts avoid streams, lambdas, string
     * concatenation and a record's generated toString: each would bootstrap an invokedynamic call site, and
     * the first of them in a JVM spins dozens of classes, a tenth of a second of start-up for every program.
     */
    private static List<String> alwaysExcluded() {
        List<String> all = new ArrayList<>(Platform.PACKAGES);
        all.add("dev/jcoro/instrument/");
        all.add("dev/jcoro/shaded/");
        return List.copyOf(all);
    }

    /**
     * Parses the agent argument string.
     *
     * @throws IllegalArgumentException on an unknown option, naming it
     */
    public static AgentOptions parse(String args) {
        boolean verbose = false;
        Path dump = null;
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        if (args != null && !args.isBlank()) {
            for (String raw : args.split(",")) {
                String opt = raw.trim();
                if (opt.isEmpty()) {
                    continue;
                }
                if (opt.equals("verbose")) {
                    verbose = true;
                } else if (opt.startsWith("dump=")) {
                    dump = Path.of(opt.substring(5));
                } else if (opt.startsWith("include=")) {
                    includes.add(prefix(opt.substring(8)));
                } else if (opt.startsWith("exclude=")) {
                    excludes.add(prefix(opt.substring(8)));
                } else {
                    throw new IllegalArgumentException("jcoro agent: unknown option '" + opt
                            + "'; known options: verbose, dump=DIR, include=PACKAGE, exclude=PACKAGE");
                }
            }
        }
        return new AgentOptions(verbose, dump, List.copyOf(includes), List.copyOf(excludes));
    }

    /** Whether the class {@code internalName} should be looked at. */
    public boolean accepts(String internalName) {
        for (String p : ALWAYS_EXCLUDED) {
            if (internalName.startsWith(p)) {
                return false;
            }
        }
        for (String p : excludes) {
            if (internalName.startsWith(p)) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (String p : includes) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("AgentOptions[verbose=").append(verbose).append(", dumpDir=").append(dumpDir)
                .append(", includes=").append(includes).append(", excludes=").append(excludes).append(']');
        return s.toString();
    }

    private static String prefix(String dotted) {
        return dotted.trim().replace('.', '/');
    }
}
