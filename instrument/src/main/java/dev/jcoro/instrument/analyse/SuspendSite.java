package dev.jcoro.instrument.analyse;

import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * One call that may suspend, with everything the rewriter must save to resume there.
 *
 * @param index the site's number within its method (the resume index)
 * @param call the call instruction
 * @param locals the live local variables to save, in ascending slot order
 * @param stack the operand stack values under the call's receiver and arguments, bottom first;
 *     {@code null} entries are values known to be null, restored without being saved
 * @param receiver the type of the receiver, or null for a static call
 * @param holdsMonitor true if the site runs inside {@code synchronized}: a suspension here is refused
 * @param line the source line of the call, or -1
 */
public record SuspendSite(int index, MethodInsnNode call, List<Local> locals, List<Type> stack, Type receiver,
                          boolean holdsMonitor, int line) {
    /**
     * A live local variable at a site.
     *
     * @param slot its slot
     * @param type its type; {@code null} for a local known to hold null
     */
    public record Local(int slot, Type type) {
    }
}
