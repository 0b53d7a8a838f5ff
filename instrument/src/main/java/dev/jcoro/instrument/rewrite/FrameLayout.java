package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.analyse.SuspendSite;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;

/**
 * Where each value saved at one call site lives in the saved frame. A frame is a run of {@link #prims()}
 * slots of the frame stack's {@code long[]} (one per primitive value, whatever its width, and the frame word
 * in the last) and a run of {@link #refs()} slots of its {@code Object[]}. Each value is addressed by its
 * distance from the top of its array once the whole frame is reserved, so a capture makes one capacity check
 * per frame and then stores straight into the arrays.
 *
 * <p>From the base of the frame up, the values are the operand stack under the call (top first), the live
 * locals (ascending slots) and the call's receiver; values known to be null take no slot. A restore pops
 * them in exactly the opposite order (receiver, locals descending, operand stack bottom first), which is
 * the order it needs them in, so it reads each array from its top down without offsets.
 *
 * @param stack the place of each operand stack value, bottom first; null for a value known to be null
 * @param locals the place of each live local, in the site's order; null for a local known to be null
 * @param receiver the place of the receiver, or null for a static call
 * @param prims the frame's slots in the {@code long[]}, frame word included
 * @param refs the frame's slots in the {@code Object[]}
 */
record FrameLayout(List<Slot> stack, List<Slot> locals, Slot receiver, int prims, int refs) {
    /** The slot of the frame word (method id, callee key, call site), on top of the frame's primitives. */
    static final int WORD_SLOTS = 1;

    /**
     * One saved value.
     *
     * @param type the value's type
     * @param fromTop its distance from the top of its array once the frame is reserved (1 is the top slot)
     */
    record Slot(Type type, int fromTop) {
    }

    /** The layout of the frame saved at {@code site}. */
    static FrameLayout of(SuspendSite site) {
        Counter c = new Counter();
        // Places are first counted from the frame's base, then turned into distances from its top.
        int[] stackAt = new int[site.stack().size()];
        for (int i = stackAt.length - 1; i >= 0; i--) {
            stackAt[i] = c.place(site.stack().get(i));
        }
        int[] localAt = new int[site.locals().size()];
        for (int i = 0; i < localAt.length; i++) {
            localAt[i] = c.place(site.locals().get(i).type());
        }
        int receiverAt = site.receiver() == null ? -1 : c.place(site.receiver());
        int prims = c.prims + WORD_SLOTS;
        List<Slot> stack = new ArrayList<>();
        for (int i = 0; i < stackAt.length; i++) {
            stack.add(c.slot(site.stack().get(i), stackAt[i], prims));
        }
        List<Slot> locals = new ArrayList<>();
        for (int i = 0; i < localAt.length; i++) {
            locals.add(c.slot(site.locals().get(i).type(), localAt[i], prims));
        }
        Slot receiver = site.receiver() == null ? null : c.slot(site.receiver(), receiverAt, prims);
        return new FrameLayout(stack, locals, receiver, prims, c.refs);
    }

    /** Hands out slots from the frame's base; a value known to be null gets none. */
    private static final class Counter {
        int prims;
        int refs;

        int place(Type type) {
            if (type == null) {
                return -1;
            }
            return ValueCodec.isReference(type) ? refs++ : prims++;
        }

        Slot slot(Type type, int at, int primSlots) {
            if (type == null) {
                return null;
            }
            return new Slot(type, ValueCodec.isReference(type) ? refs - at : primSlots - at);
        }
    }
}
