package dev.jcoro.instrument.emit;

import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;

/**
 * The one owner of method ids and of the method table of one class. Each instrumented method gets a row
 * (its name, role and call-site lines) and an index; the class reserves as many ids as it has rows from
 * core's {@code MethodTable} when it initialises and keeps the first in a synthetic static field, so an
 * id is that field plus the index: unique at run time whatever else is loaded. The rows travel to core
 * in an encoding read with a cursor (ints as two chars, strings length-prefixed), not parsed by splitting;
 * each call site carries its source line and the primitive slots of the frame it saves.
 */
public final class MethodTableBuilder {
    /** Keeps each string constant under the class file's 65,535-byte limit (a char takes at most 3 bytes). */
    private static final int CHUNK_CHARS = 20_000;

    /** What a method is, for stack traces and for the advice a refusal gives. */
    public enum Kind {
        SUSPENDABLE('S'), PLAIN_CALLER('P'), PLAIN_LAMBDA('L'), PLAIN_REFERENCE('R');

        final char code;

        Kind(char code) {
            this.code = code;
        }
    }

    private static final class Row {
        final String name;
        final Kind kind;
        final String detail;
        final int[] lines;
        /** Per call site, the primitive slots of the frame it saves, word included (0 where it never saves one). */
        int[] frameSlots;

        Row(String name, Kind kind, String detail, int[] lines) {
            this.name = name;
            this.kind = kind;
            this.detail = detail;
            this.lines = lines;
            this.frameSlots = new int[lines.length];
        }
    }

    private final String owner;
    private final boolean ownerIsInterface;
    private final List<Row> rows = new ArrayList<>();

    public MethodTableBuilder(String owner, boolean ownerIsInterface) {
        this.owner = owner;
        this.ownerIsInterface = ownerIsInterface;
    }

    /**
     * Adds a method and returns the code that loads its id.
     *
     * @param detail for {@link Kind#PLAIN_LAMBDA} the functional interface, for {@link Kind#PLAIN_REFERENCE}
     *     the reference as the user wrote it; null otherwise
     * @param lines the source line of each call site, by site index
     */
    public MethodId add(String name, Kind kind, String detail, int[] lines) {
        rows.add(new Row(name, kind, detail, lines.clone()));
        return new MethodId(rows.size() - 1);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    /** The id of one row: the class's first id plus the row's index. */
    public final class MethodId {
        private final int index;

        private MethodId(int index) {
            this.index = index;
        }

        /** Code that pushes the id. */
        public InsnList load() {
            InsnList l = new InsnList();
            l.add(new FieldInsnNode(Opcodes.GETSTATIC, owner, Names.METHOD_IDS_FIELD, "I"));
            if (index != 0) {
                l.add(index <= Short.MAX_VALUE ? new IntInsnNode(Opcodes.SIPUSH, index) : new LdcInsnNode(index));
                l.add(new InsnNode(Opcodes.IADD));
            }
            return l;
        }

        public int index() {
            return index;
        }

        /**
         * Records, per call site, how many primitive slots the frame saved there takes, so that the runtime can walk
         * the saved frames (for stack traces) without storing each frame's size in the frame itself.
         *
         * @throws IllegalArgumentException if the count differs from the method's number of call sites
         */
        public void recordFrameSlots(int[] slots) {
            Row row = rows.get(index);
            if (slots.length != row.lines.length) {
                throw new IllegalArgumentException("frame slots for " + slots.length + " sites, but " + row.name + " has "
                        + row.lines.length);
            }
            row.frameSlots = slots.clone();
        }
    }

    boolean ownerIsInterface() {
        return ownerIsInterface;
    }

    /** The rows, encoded, in chunks that each fit one string constant. */
    List<String> encodedChunks(String sourceFile) {
        List<String> chunks = new ArrayList<>();
        int first = 0;
        while (first < rows.size()) {
            StringBuilder body = new StringBuilder();
            int count = 0;
            while (first + count < rows.size() && (count == 0 || body.length() < CHUNK_CHARS)) {
                Row r = rows.get(first + count);
                StringBuilder row = new StringBuilder();
                putString(row, r.name);
                row.append(r.kind.code);
                putString(row, r.detail);
                putInt(row, r.lines.length);
                for (int s = 0; s < r.lines.length; s++) {
                    putInt(row, r.lines[s]);
                    putInt(row, r.frameSlots[s]);
                }
                if (count > 0 && body.length() + row.length() > CHUNK_CHARS) {
                    break;
                }
                body.append(row);
                count++;
            }
            StringBuilder chunk = new StringBuilder();
            putInt(chunk, first);
            putString(chunk, sourceFile);
            putInt(chunk, count);
            chunk.append(body);
            chunks.add(chunk.toString());
            first += count;
        }
        return chunks;
    }

    static void putInt(StringBuilder out, int v) {
        out.append((char) (v >>> 16)).append((char) v);
    }

    static void putString(StringBuilder out, String s) {
        if (s == null) {
            putInt(out, -1);
        } else {
            putInt(out, s.length());
            out.append(s);
        }
    }
}
