package dev.jcoro.instrument.analyse;

import dev.jcoro.instrument.InstrumentationException;
import dev.jcoro.instrument.Mutant;
import dev.jcoro.instrument.SourceLocation;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Stage 2 of the pipeline: for each suspendable call site of a method, the types of the live locals and
 * of the operand stack under the call, found by data-flow analysis over the method's bytecode.
 *
 * <p>It first normalises the method ({@link UninitializedHoister} moves objects under construction out of
 * the way of suspendable calls); that no object under construction is left across a call is then
 * checked as the analysis's postcondition ({@link UnderConstruction}).
 */
public final class MethodAnalysis {
    private static final Type NULL_TYPE = Type.getObjectType("null");

    private MethodAnalysis() {
    }

    /**
     * Normalises {@code method} of {@code owner} in place, then analyses it.
     *
     * @param suspendable the calls that may suspend: classification's answer for this method
     * @return the suspendable call sites, in instruction order; empty if there are none
     * @throws InstrumentationException if the bytecode cannot be analysed or keeps an uninitialised
     *     object on the stack across a suspendable call in a shape the rewriter cannot move
     */
    public static List<SuspendSite> analyse(ClassNode owner, MethodNode method, ClassHierarchy hierarchy,
                                            Predicate<MethodInsnNode> suspendable) {
        UninitializedHoister.hoist(owner.name, method, suspendable);
        Type superType = owner.superName == null ? null : Type.getObjectType(owner.superName);
        List<Type> interfaces = owner.interfaces.stream().map(Type::getObjectType).toList();
        HierarchyVerifier verifier = new HierarchyVerifier(hierarchy, Type.getObjectType(owner.name), superType, interfaces,
                (owner.access & Opcodes.ACC_INTERFACE) != 0);
        ControlFlow<BasicValue> flow = new ControlFlow<>(verifier);
        Frame<BasicValue>[] frames;
        try {
            frames = flow.analyze(owner.name, method);
        } catch (AnalyzerException e) {
            int line = e.node == null ? -1 : SourceLocation.lineOf(e.node);
            throw new InstrumentationException(owner.name, method.name + method.desc, line,
                    "cannot analyse the bytecode: " + e.getMessage());
        }
        boolean synchronizedMethod = (method.access & Opcodes.ACC_SYNCHRONIZED) != 0;
        BitSet[] liveOut = Liveness.liveOut(method.instructions, flow.successors());
        int[] monitors = MonitorDepth.compute(method.instructions, flow.successors());
        List<SuspendSite> sites = new ArrayList<>();
        for (int i = 0; i < method.instructions.size(); i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            if (!(insn instanceof MethodInsnNode call) || frames[i] == null || !suspendable.test(call)) {
                continue;
            }
            Frame<BasicValue> f = frames[i];
            boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
            int consumed = Type.getArgumentTypes(call.desc).length + (isStatic ? 0 : 1);
            int below = f.getStackSize() - consumed;
            List<Type> stack = new ArrayList<>();
            for (int s = 0; s < below; s++) {
                stack.add(typeOf(f.getStack(s), owner, method, insn));
            }
            Type receiver = isStatic ? null : receiverType(f.getStack(below), call);
            List<SuspendSite.Local> locals = new ArrayList<>();
            BitSet live = liveOut[i];
            for (int slot = live.nextSetBit(0); slot >= 0; slot = live.nextSetBit(slot + 1)) {
                if (slot >= f.getLocals()) {
                    break;
                }
                BasicValue v = f.getLocal(slot);
                if (v == null || v.getType() == null || v == BasicValue.UNINITIALIZED_VALUE) {
                    continue;
                }
                locals.add(new SuspendSite.Local(slot, typeOf(v, owner, method, insn)));
            }
            if (Mutant.LAST_LIVE_LOCAL_DROPPED.active() && locals.size() > 1) {
                locals.remove(locals.size() - 1);
            }
            boolean methodMonitor = synchronizedMethod && !Mutant.SYNCHRONIZED_METHOD_UNCHECKED.active();
            sites.add(new SuspendSite(sites.size(), call, locals, stack, receiver,
                    methodMonitor || monitors[i] > 0, SourceLocation.lineOf(insn)));
        }
        return sites;
    }

    private static Type typeOf(BasicValue v, ClassNode owner, MethodNode method, AbstractInsnNode at) {
        Type t = v.getType();
        if (t == null) {
            throw new InstrumentationException(owner.name, method.name + method.desc, SourceLocation.lineOf(at),
                    "an unusable value is live across a suspendable call");
        }
        if (NULL_TYPE.equals(t)) {
            return null;
        }
        if (v instanceof UnderConstruction) {
            throw new InstrumentationException(owner.name, method.name + method.desc, SourceLocation.lineOf(at),
                    "an object under construction is on the stack across a suspendable call");
        }
        return t;
    }

    private static Type receiverType(BasicValue v, MethodInsnNode call) {
        Type t = v.getType();
        return t == null || NULL_TYPE.equals(t) || t.getSort() != Type.OBJECT && t.getSort() != Type.ARRAY
                ? Type.getObjectType(call.owner) : t;
    }

}
