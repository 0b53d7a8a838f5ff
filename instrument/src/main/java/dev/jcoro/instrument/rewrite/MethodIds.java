package dev.jcoro.instrument.rewrite;

/**
 * The numbers a rewritten method writes into its saved frames: an id that names the method in the
 * runtime's method table, and a 16-bit key of its name and descriptor that lets the caller check that
 * the frame saved under it belongs to the method it called.
 */
public final class MethodIds {
    private MethodIds() {
    }

    public static int methodId(String owner, String name, String desc) {
        return (owner + "." + name + desc).hashCode();
    }

    /** A non-zero 16-bit key of {@code name + desc}; 0 is reserved for "any callee". */
    public static int calleeKey(String name, String desc) {
        int h = (name + desc).hashCode();
        int folded = (h ^ (h >>> 16)) & 0xFFFF;
        return folded == 0 ? 1 : folded;
    }
}
