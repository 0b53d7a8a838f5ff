package dev.jcoro.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads, in tests, the method table encoding that {@code emit.MethodTableBuilder} writes and core's
 * {@code MethodTable} reads: ints as two chars, strings length-prefixed; per call site its line and the int
 * slots of its saved frame. Each row comes out as {@code name kind detail [lines]}, e.g.
 * {@code all P null [9, 11]}, followed by {@code slots [4, 6]} when some site saves a frame.
 */
public final class TableText {
    private TableText() {
    }

    /** The rows of one encoded chunk, after its first index and file: {@code "first=0 file=F.java"} first. */
    public static List<String> rows(String encoded) {
        int[] at = {0};
        List<String> out = new ArrayList<>();
        int first = readInt(encoded, at);
        String file = readString(encoded, at);
        out.add("first=" + first + " file=" + file);
        int count = readInt(encoded, at);
        for (int i = 0; i < count; i++) {
            String name = readString(encoded, at);
            char kind = encoded.charAt(at[0]++);
            String detail = readString(encoded, at);
            List<Integer> lines = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (int n = readInt(encoded, at); n > 0; n--) {
                lines.add(readInt(encoded, at));
                slots.add(readInt(encoded, at));
            }
            boolean saves = slots.stream().anyMatch(v -> v != 0);
            out.add(name + " " + kind + " " + detail + " " + lines + (saves ? " slots " + slots : ""));
        }
        if (at[0] != encoded.length()) {
            throw new AssertionError("trailing characters in the table");
        }
        return out;
    }

    private static int readInt(String s, int[] at) {
        int v = s.charAt(at[0]) << 16 | s.charAt(at[0] + 1);
        at[0] += 2;
        return v;
    }

    private static String readString(String s, int[] at) {
        int length = readInt(s, at);
        if (length < 0) {
            return null;
        }
        String r = s.substring(at[0], at[0] + length);
        at[0] += length;
        return r;
    }
}
