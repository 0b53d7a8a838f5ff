package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Names;

/**
 * The callee key a rewritten method writes into its saved frames: a 16-bit hash of its name and
 * descriptor that lets the caller check that the frame saved under it belongs to the method it called.
 * Method ids themselves are handed out at run time (see {@code emit.MethodTableBuilder}).
 */
public final class MethodIds {
    private MethodIds() {
    }

    /** A 16-bit key of {@code name + desc} in {@code 1..0xFFFE}: 0 means "any callee", 0xFFFF a lambda body. */
    public static int calleeKey(String name, String desc) {
        int h = (name + desc).hashCode();
        int folded = (h ^ (h >>> 16)) & 0xFFFF;
        return folded == 0 || folded == Names.LAMBDA_KEY ? 1 : folded;
    }
}
