package dev.jcoro.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rewriter knows about each instrumented method: its class, name, file and the source line of
 * every suspendable call site. Instrumented classes register their table from their static initialiser;
 * it is read only to build stack traces and error messages, never on the fast path.
 */
public final class MethodTable {
    /** One instrumented method. */
    record Entry(String className, String methodName, String fileName, int[] siteLines) {
        StackTraceElement element(int site) {
            int line = site >= 0 && site < siteLines.length ? siteLines[site] : -1;
            return new StackTraceElement(className, methodName, fileName, line);
        }

        String describe(int site) {
            StackTraceElement e = element(site);
            return e.getClassName() + "." + e.getMethodName() + " (" + e.getFileName() + ":" + e.getLineNumber() + ")";
        }
    }

    private static final Map<Integer, Entry> ENTRIES = new ConcurrentHashMap<>();

    private MethodTable() {
    }

    /**
     * Registers the methods of one instrumented class. Called from the class's static initialiser.
     *
     * @param className the binary name of the class, dotted
     * @param table one line per method: {@code id|name|file|line,line,...}
     */
    public static void register(String className, String table) {
        for (String line : table.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String[] lines = parts[3].isEmpty() ? new String[0] : parts[3].split(",");
            int[] siteLines = new int[lines.length];
            for (int i = 0; i < lines.length; i++) {
                siteLines[i] = Integer.parseInt(lines[i]);
            }
            String file = parts[2].isEmpty() ? null : parts[2];
            ENTRIES.put(Integer.parseInt(parts[0]), new Entry(className, parts[1], file, siteLines));
        }
    }

    static StackTraceElement element(int methodId, int site) {
        Entry e = ENTRIES.get(methodId);
        return e == null ? new StackTraceElement("<unknown>", "<method#" + methodId + ">", null, -1) : e.element(site);
    }

    static String describe(int methodId, int site) {
        Entry e = ENTRIES.get(methodId);
        return e == null ? "<method#" + methodId + "> at call site " + site : e.describe(site);
    }
}
