package dev.jcoro.instrument.rewrite;

import dev.jcoro.instrument.Mutant;
import dev.jcoro.instrument.Names;
import dev.jcoro.instrument.analyse.SuspendSite;
import dev.jcoro.instrument.emit.MethodTableBuilder.MethodId;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Stage 3 of the pipeline: turns a suspendable method into a resumable state machine.
 *
 * <pre>
 * entry:      s = FrameStack.current(); if (s.mode != RUNNING) goto slowEntry
 *             ...original code...
 * site k:     [keep the receiver in a local]  call  if (s.mode != RUNNING) goto capture_k
 *             ...original code...
 * slowEntry:  popFrame (refuses unless restoring) and tableswitch to its site's restore_k; no sites: refuse
 * restore_k:  pop receiver, live locals and operand stack; push placeholders for the arguments; goto call k
 * capture_k:  drop the placeholder result; reserve the frame (one capacity check; checks the frame below and
 *             writes the frame word); store operand stack, live locals, receiver into their slots; return a placeholder
 * </pre>
 *
 * Each site's slots are fixed at rewrite time ({@link FrameLayout}), so a capture stores its values with
 * plain array stores at constant distances from the top; a restore pops them in the opposite order.
 *
 * The fast path adds one field test on entry and one after each suspendable call. The restore and
 * capture blocks sit after the original code, outside every try block, so no user handler ever sees them.
 * A call made while the method holds a monitor is pinned instead ({@link PinnedCall}): a suspension
 * under it is refused before anything is captured. A method without suspendable call sites gets the
 * entry test alone: it can never be resumed into, and a resume or capture that reaches it is refused
 * instead of running its code a second time.
 */
public final class MethodRewriter {
    private final String owner;
    private final MethodNode method;
    private final List<SuspendSite> sites;
    private final MethodId methodId;
    private final int ownKey;
    private int stackSlot;
    private int receiverSlot;
    private int spillBase;

    /**
     * @param methodId the method's id, from the class's method table
     * @param lambdaBody true if the method is reached through a suspendable functional interface under
     *     another name (a lambda body), so its frames carry the key interface call sites accept for lambdas
     */
    public MethodRewriter(String owner, MethodNode method, List<SuspendSite> sites, MethodId methodId, boolean lambdaBody) {
        this.owner = owner;
        this.method = method;
        this.sites = sites;
        this.methodId = methodId;
        this.ownKey = lambdaBody ? Names.LAMBDA_KEY : MethodIds.calleeKey(method.name, method.desc);
    }

    /** Rewrites the method in place. */
    public void rewrite() {
        allocateLocals();
        checkHandlers();
        LabelNode slowEntry = new LabelNode();
        LabelNode[] invoke = new LabelNode[sites.size()];
        LabelNode[] capture = new LabelNode[sites.size()];
        LabelNode[] restore = new LabelNode[sites.size()];
        for (SuspendSite site : sites) {
            int k = site.index();
            invoke[k] = new LabelNode();
            capture[k] = new LabelNode();
            restore[k] = new LabelNode();
            instrumentCall(site, invoke[k], capture[k]);
        }
        method.instructions.insert(prologue(slowEntry));
        int[] frameSlots = new int[sites.size()];
        for (SuspendSite site : sites) {
            frameSlots[site.index()] = site.holdsMonitor() ? 0 : FrameLayout.of(site).prims();
        }
        methodId.recordFrameSlots(frameSlots);
        InsnList tail = new InsnList();
        tail.add(dispatch(slowEntry, restore));
        for (SuspendSite site : sites) {
            int k = site.index();
            tail.add(restoreBlock(site, restore[k], invoke[k]));
            tail.add(captureBlock(site, capture[k]));
        }
        method.instructions.add(tail);
    }

    /**
     * Makes each of the method's own exception handlers first refuse a suspension under way: the exception
     * was thrown by a frame that ran on after its callee saved itself. Exception paths only.
     */
    private void checkHandlers() {
        java.util.Set<LabelNode> handlers = new java.util.LinkedHashSet<>();
        for (org.objectweb.asm.tree.TryCatchBlockNode block : method.tryCatchBlocks) {
            handlers.add(block.handler);
        }
        for (LabelNode handler : handlers) {
            InsnList check = new InsnList();
            check.add(new InsnNode(Opcodes.DUP));
            check.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
            check.add(new InsnNode(Opcodes.SWAP));
            check.add(methodId.load());
            check.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.RETHROW_IF_CAPTURING,
                    Names.RETHROW_IF_CAPTURING_DESC, false));
            method.instructions.insert(handler, check);
        }
    }

    private void allocateLocals() {
        stackSlot = method.maxLocals++;
        receiverSlot = method.maxLocals++;
        spillBase = method.maxLocals;
        int spill = 0;
        for (SuspendSite site : sites) {
            if (site.receiver() != null) {
                int size = 0;
                for (Type t : Type.getArgumentTypes(site.call().desc)) {
                    size += t.getSize();
                }
                spill = Math.max(spill, size);
            }
        }
        method.maxLocals += spill;
    }

    private InsnList prologue(LabelNode slowEntry) {
        InsnList p = new InsnList();
        p.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.FRAME_STACK, Names.CURRENT, Names.CURRENT_DESC, false));
        p.add(new InsnNode(Opcodes.DUP));
        p.add(new VarInsnNode(Opcodes.ASTORE, stackSlot));
        p.add(new FieldInsnNode(Opcodes.GETFIELD, Names.FRAME_STACK, Names.MODE, "I"));
        p.add(new JumpInsnNode(Opcodes.IFNE, slowEntry));
        return p;
    }

    /** Keeps the receiver in a local before the call and tests the mode after it. */
    private void instrumentCall(SuspendSite site, LabelNode invoke, LabelNode capture) {
        MethodInsnNode call = site.call();
        InsnList before = new InsnList();
        if (site.receiver() != null) {
            Type[] args = Type.getArgumentTypes(call.desc);
            int[] slots = spillSlots(args);
            for (int a = args.length - 1; a >= 0; a--) {
                before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ISTORE), slots[a]));
            }
            before.add(new InsnNode(Opcodes.DUP));
            before.add(new VarInsnNode(Opcodes.ASTORE, receiverSlot));
            for (int a = 0; a < args.length; a++) {
                before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ILOAD), slots[a]));
            }
        }
        before.add(invoke);
        method.instructions.insertBefore(call, before);
        InsnList after = new InsnList();
        after.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        after.add(new FieldInsnNode(Opcodes.GETFIELD, Names.FRAME_STACK, Names.MODE, "I"));
        if (site.holdsMonitor() && Mutant.MONITOR_NOT_PINNED.active()) {
            refuseIfCapturing(after, site);
            method.instructions.insert(call, after);
        } else if (site.holdsMonitor()) {
            // The pin refuses a suspension under the monitor before anything is captured. A capture seen here
            // got past it through a frame jcoro does not see; it is refused in place, inside the synchronized
            // block's own handler range, so the monitor is released as for any other exception.
            refuseIfCapturing(after, site);
            InsnList pin = new InsnList();
            pin.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
            pin.add(methodId.load());
            ValueCodec.pushInt(pin, site.index());
            pin.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.PIN_MONITOR, Names.PIN_DESC, false));
            PinnedCall.wrap(method, call, pin, stackSlot, after);
        } else {
            after.add(new JumpInsnNode(Opcodes.IFNE, capture));
            method.instructions.insert(call, after);
        }
    }

    /** Appends, after the mode read: throw the monitor refusal if the callee returned capturing. */
    private void refuseIfCapturing(InsnList after, SuspendSite site) {
        LabelNode running = new LabelNode();
        after.add(new JumpInsnNode(Opcodes.IFEQ, running));
        after.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        after.add(methodId.load());
        ValueCodec.pushInt(after, site.index());
        after.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.PINNED_BY_MONITOR,
                Names.PINNED_BY_MONITOR_DESC, false));
        after.add(new InsnNode(Opcodes.ATHROW));
        after.add(running);
    }

    private int[] spillSlots(Type[] args) {
        int[] slots = new int[args.length];
        int next = spillBase;
        for (int a = 0; a < args.length; a++) {
            slots[a] = next;
            next += Mutant.WIDE_ARGUMENT_ONE_SLOT.active() ? 1 : args[a].getSize();
        }
        return slots;
    }

    /**
     * The slow entry, one call either way: {@code popFrame} refuses anything but a resume and returns the site
     * to jump to; a method without sites cannot be entered in any mode but running ({@code refuseEntry}). Kept
     * this short because the JIT inlines a method at a call site that is not hot only under 35 bytes: a small
     * suspendable method (a getter, a leaf) must stay under that.
     */
    private InsnList dispatch(LabelNode slowEntry, LabelNode[] restore) {
        InsnList d = new InsnList();
        LabelNode corrupt = new LabelNode();
        d.add(slowEntry);
        d.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        d.add(methodId.load());
        if (restore.length == 0) {
            d.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.REFUSE_ENTRY, Names.REFUSE_ENTRY_DESC, false));
            d.add(new InsnNode(Opcodes.ATHROW));
            return d;
        }
        d.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.POP_FRAME, Names.POP_FRAME_DESC, false));
        d.add(new TableSwitchInsnNode(0, restore.length - 1, corrupt, restore));
        d.add(corrupt);
        d.add(new TypeInsnNode(Opcodes.NEW, "java/lang/IllegalStateException"));
        d.add(new InsnNode(Opcodes.DUP));
        d.add(new LdcInsnNode("jcoro: corrupt resume index in " + owner.replace('/', '.') + "." + method.name));
        d.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "(Ljava/lang/String;)V", false));
        d.add(new InsnNode(Opcodes.ATHROW));
        return d;
    }

    private InsnList restoreBlock(SuspendSite site, LabelNode start, LabelNode invoke) {
        InsnList r = new InsnList();
        r.add(start);
        if (site.line() > 0) {
            r.add(new LineNumberNode(site.line(), start));
        }
        if (site.receiver() != null) {
            ValueCodec.restore(r, site.receiver(), stackSlot);
            r.add(new VarInsnNode(Opcodes.ASTORE, receiverSlot));
        }
        List<SuspendSite.Local> locals = site.locals();
        for (int i = locals.size() - 1; i >= 0; i--) {
            SuspendSite.Local local = locals.get(i);
            if (local.type() == null) {
                if (!Mutant.NULL_LOCALS_NOT_RESTORED.active()) {
                    r.add(new InsnNode(Opcodes.ACONST_NULL));
                    r.add(new VarInsnNode(Opcodes.ASTORE, local.slot()));
                }
            } else {
                ValueCodec.restore(r, local.type(), stackSlot);
                r.add(new VarInsnNode(local.type().getOpcode(Opcodes.ISTORE), local.slot()));
            }
        }
        List<Type> stack = site.stack();
        if (Mutant.STACK_RESTORED_REVERSED.active()) {
            stack = new java.util.ArrayList<>(stack);
            java.util.Collections.reverse(stack);
        }
        for (Type t : stack) {
            if (t == null) {
                r.add(new InsnNode(Opcodes.ACONST_NULL));
            } else {
                ValueCodec.restore(r, t, stackSlot);
            }
        }
        if (site.receiver() != null) {
            r.add(new VarInsnNode(Opcodes.ALOAD, receiverSlot));
        }
        for (Type arg : Type.getArgumentTypes(site.call().desc)) {
            ValueCodec.pushDefault(r, arg);
        }
        r.add(new JumpInsnNode(Opcodes.GOTO, invoke));
        return r;
    }

    /**
     * Reserves the whole frame with one call (which also checks the frame below and writes the frame word),
     * then stores each value straight into its slot.
     */
    private InsnList captureBlock(SuspendSite site, LabelNode start) {
        InsnList c = new InsnList();
        if (site.holdsMonitor()) {
            return c;
        }
        FrameLayout layout = FrameLayout.of(site);
        c.add(start);
        int resultSize = Type.getReturnType(site.call().desc).getSize();
        if (resultSize > 0) {
            c.add(new InsnNode(resultSize == 2 ? Opcodes.POP2 : Opcodes.POP));
        }
        c.add(new VarInsnNode(Opcodes.ALOAD, stackSlot));
        ValueCodec.pushInt(c, layout.prims());
        ValueCodec.pushInt(c, layout.refs());
        c.add(methodId.load());
        ValueCodec.pushInt(c, ownKey << 16 | site.index());
        ValueCodec.pushInt(c, expectedCalleeKey(site.call()));
        if (site.receiver() != null) {
            c.add(new VarInsnNode(Opcodes.ALOAD, receiverSlot));
        } else {
            c.add(new InsnNode(Opcodes.ACONST_NULL));
        }
        c.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, Names.FRAME_STACK, Names.CAPTURE_FRAME, Names.CAPTURE_FRAME_DESC, false));
        List<FrameLayout.Slot> stack = layout.stack();
        for (int i = stack.size() - 1; i >= 0; i--) {
            FrameLayout.Slot value = stack.get(i);
            if (value == null) {
                c.add(new InsnNode(Opcodes.POP));
            } else {
                ValueCodec.save(c, value.type(), value.fromTop(), stackSlot);
            }
        }
        List<SuspendSite.Local> locals = site.locals();
        for (int i = 0; i < locals.size(); i++) {
            SuspendSite.Local local = locals.get(i);
            if (local.type() != null) {
                c.add(new VarInsnNode(local.type().getOpcode(Opcodes.ILOAD), local.slot()));
                ValueCodec.save(c, local.type(), layout.locals().get(i).fromTop(), stackSlot);
            }
        }
        if (site.receiver() != null) {
            c.add(new VarInsnNode(Opcodes.ALOAD, receiverSlot));
            ValueCodec.save(c, site.receiver(), layout.receiver().fromTop(), stackSlot);
        }
        Type returnType = Type.getReturnType(method.desc);
        ValueCodec.pushDefault(c, returnType);
        c.add(new InsnNode(returnType.getOpcode(Opcodes.IRETURN)));
        return c;
    }

    /**
     * What the call site demands of the frame saved just before its own: the callee's key, or also a lambda
     * body behind an interface call; nothing behind {@code Continuation.suspend}, which saves no frame.
     */
    private static int expectedCalleeKey(MethodInsnNode call) {
        if (Names.isSuspendPrimitive(call.owner, call.name, call.desc)) {
            return 0;
        }
        int key = MethodIds.calleeKey(call.name, call.desc);
        return call.getOpcode() == Opcodes.INVOKEINTERFACE ? key | Names.INTERFACE_CALL : key;
    }
}
