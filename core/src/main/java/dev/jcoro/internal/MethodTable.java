package dev.jcoro.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the rewriter knows about each method it instrumented: its class, name, file, role, and for every
 * call site it may suspend or be refused at, the source line and the size of the frame it saves. An instrumented class reserves a block of ids
 * from its static initialiser, keeps the first in a synthetic static field, and defines its entries; ids
 * are handed out here, in sequence, so two methods never share one. Read only to build stack traces and
 * error messages, never on the fast path.
 */
public final class MethodTable {
    /** A method the rewriter made suspendable. */
    static final char SUSPENDABLE = 'S';
    /** A method that is not suspendable but calls suspendable methods. */
    static final char PLAIN_CALLER = 'P';
    /** A lambda whose functional interface method is not suspendable; detail: the interface's name. */
    static final char PLAIN_LAMBDA = 'L';
    /** The synthetic body of a method reference used as a plain functional interface; detail: the reference. */
    static final char PLAIN_REFERENCE = 'R';

    /** One instrumented method. */
    record Entry(String className, String methodName, String fileName, char kind, String detail, int[] siteLines,
                 int[] frameSlots) {
        StackTraceElement element(int site) {
            int line = site >= 0 && site < siteLines.length ? siteLines[site] : -1;
            return new StackTraceElement(className, methodName, fileName, line);
        }

        String describe(int site) {
            return SourceLocation.format(element(site));
        }
    }

    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);
    private static final Map<Integer, Entry> ENTRIES = new ConcurrentHashMap<>();

    private MethodTable() {
    }

    /**
     * Reserves {@code count} consecutive method ids for one class. Called from the class's static initialiser.
     *
     * @return the first id
     */
    public static int reserve(int count) {
        return NEXT_ID.getAndAdd(count);
    }

    /**
     * Defines entries of one instrumented class. Called from the class's static initialiser, after
     * {@link #reserve}.
     *
     * @param base the class's first id
     * @param className the binary name of the class, dotted
     * @param encoded entries as the rewriter encodes them (see {@link TableReader})
     * @throws IllegalArgumentException if {@code encoded} is malformed or an id is defined twice
     */
    public static void define(int base, String className, String encoded) {
        TableReader in = new TableReader(encoded);
        int first = in.readInt();
        String file = in.readString();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readString();
            char kind = in.readChar();
            String detail = in.readString();
            int[] lines = new int[in.readInt()];
            int[] slots = new int[lines.length];
            for (int s = 0; s < lines.length; s++) {
                lines[s] = in.readInt();
                slots[s] = in.readInt();
            }
            Entry previous = ENTRIES.putIfAbsent(base + first + i, new Entry(className, name, file, kind, detail, lines, slots));
            if (previous != null) {
                throw new IllegalArgumentException("jcoro: method id " + (base + first + i) + " of " + className + "." + name
                        + " is already taken by " + previous.className() + "." + previous.methodName());
            }
        }
        in.expectEnd();
    }

    static StackTraceElement element(int methodId, int site) {
        Entry e = ENTRIES.get(methodId);
        return e == null ? new StackTraceElement("<unknown>", "<method#" + methodId + ">", null, -1) : e.element(site);
    }

    /**
     * The primitive slots of the frame that {@code methodId} saves at {@code site}, frame word included, or -1 if the
     * method or site is unknown; lets the frame stack walk its frames, which do not record their own size.
     */
    static int frameSlots(int methodId, int site) {
        Entry e = ENTRIES.get(methodId);
        return e == null || site < 0 || site >= e.frameSlots().length ? -1 : e.frameSlots()[site];
    }

    static String describe(int methodId, int site) {
        Entry e = ENTRIES.get(methodId);
        return e == null ? "<method#" + methodId + "> at call site " + site : e.describe(site);
    }

    /**
     * The refusal of a suspension passing {@code methodId}, a method that is instrumented but not
     * suspendable, at its call {@code site}, with advice that fits what the method is.
     */
    static IllegalStateException refusePlainCaller(int methodId, int site, String detail) {
        Entry e = ENTRIES.get(methodId);
        String where = describe(methodId, site);
        if (e != null && e.kind() == PLAIN_LAMBDA) {
            return Pinned.PLAIN_CALLER.exception("the lambda " + where + " (a " + e.detail() + ")", detail,
                    "the method of " + e.detail() + " is not @Suspendable and the code that calls it (List.forEach, a stream, "
                            + "a callback of a library) is not instrumented: use a plain for loop (or call the suspending code "
                            + "outside the lambda), or declare your own functional interface whose method is @Suspendable");
        }
        if (e != null && e.kind() == PLAIN_REFERENCE) {
            return Pinned.PLAIN_CALLER.exception(e.detail(), detail,
                    "the functional interface's method is not @Suspendable and the code that calls it (List.forEach, a stream, "
                            + "a callback of a library) is not instrumented: use a plain for loop instead");
        }
        return Pinned.PLAIN_CALLER.exception(where, detail);
    }

    /**
     * Reads the encoding the rewriter writes: ints as two chars (high and low 16 bits), strings as their
     * length (an int, -1 for null) followed by their chars, a kind as one char.
     */
    static final class TableReader {
        private final String text;
        private int at;

        TableReader(String text) {
            this.text = text;
        }

        int readInt() {
            need(2);
            int v = text.charAt(at) << 16 | text.charAt(at + 1);
            at += 2;
            return v;
        }

        char readChar() {
            need(1);
            return text.charAt(at++);
        }

        String readString() {
            int length = readInt();
            if (length < 0) {
                return null;
            }
            need(length);
            String s = text.substring(at, at + length);
            at += length;
            return s;
        }

        void expectEnd() {
            if (at != text.length()) {
                throw new IllegalArgumentException("jcoro: malformed method table: " + (text.length() - at) + " chars left over");
            }
        }

        private void need(int n) {
            if (at + n > text.length()) {
                throw new IllegalArgumentException("jcoro: malformed method table: truncated at " + at);
            }
        }
    }
}
