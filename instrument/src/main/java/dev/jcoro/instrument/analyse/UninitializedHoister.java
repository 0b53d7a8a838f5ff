package dev.jcoro.instrument.analyse;

import dev.jcoro.instrument.InstrumentationException;
import dev.jcoro.instrument.SourceLocation;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The normalising first step of analysis ({@link MethodAnalysis} runs it): moves {@code new T; dup} past the constructor's arguments when an argument may suspend, as in
 * {@code new Pair(next(), next())}. An object under construction cannot be saved (the verifier forbids
 * storing it anywhere), so the rewrite evaluates the arguments first, into fresh locals, then allocates
 * and initialises the object. The one visible difference: class {@code T} is initialised after its
 * arguments are evaluated instead of before.
 */
public final class UninitializedHoister {
    private UninitializedHoister() {
    }

    /**
     * Rewrites {@code method} in place.
     *
     * @throws InstrumentationException if an object under construction sits on the stack across a
     *     suspendable call in a shape other than javac's {@code new; dup; args; invokespecial}
     */
    public static void hoist(String owner, MethodNode method, Predicate<MethodInsnNode> suspendable) {
        if (!allocatesObjects(method)) {
            // Most methods create no object at all: no need for a second data-flow pass over them.
            return;
        }
        Frame<SourceValue>[] frames;
        try {
            frames = new Analyzer<>(new SourceInterpreter()).analyze(owner, method);
        } catch (AnalyzerException e) {
            throw new InstrumentationException(owner, method.name + method.desc, -1, "cannot analyse the bytecode: " + e.getMessage());
        }
        InsnList insns = method.instructions;
        Set<TypeInsnNode> toHoist = new LinkedHashSet<>();
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i) instanceof MethodInsnNode call && frames[i] != null && suspendable.test(call)) {
                Frame<SourceValue> f = frames[i];
                for (int s = 0; s < f.getStackSize(); s++) {
                    TypeInsnNode created = createdBy(f.getStack(s));
                    if (created != null) {
                        requireNewDup(owner, method, created);
                        toHoist.add(created);
                    }
                }
            }
        }
        if (toHoist.isEmpty()) {
            return;
        }
        Map<TypeInsnNode, MethodInsnNode> constructorOf = constructors(owner, method, frames, toHoist);
        for (TypeInsnNode created : toHoist) {
            MethodInsnNode init = constructorOf.get(created);
            if (init == null) {
                throw new InstrumentationException(owner, method.name + method.desc, SourceLocation.lineOf(created),
                        "cannot find the constructor call of new " + created.desc.replace('/', '.'));
            }
            move(method, created, init);
        }
    }

    private static boolean allocatesObjects(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() == Opcodes.NEW) {
                return true;
            }
        }
        return false;
    }

    /** The NEW instruction that made an uninitialised value, directly or through the DUP right after it. */
    private static TypeInsnNode createdBy(SourceValue v) {
        if (v.insns.size() != 1) {
            return null;
        }
        AbstractInsnNode src = v.insns.iterator().next();
        if (src.getOpcode() == Opcodes.NEW) {
            return (TypeInsnNode) src;
        }
        if (src.getOpcode() == Opcodes.DUP) {
            AbstractInsnNode prev = previousReal(src);
            return prev != null && prev.getOpcode() == Opcodes.NEW ? (TypeInsnNode) prev : null;
        }
        return null;
    }

    private static void requireNewDup(String owner, MethodNode method, TypeInsnNode created) {
        AbstractInsnNode next = nextReal(created);
        if (next == null || next.getOpcode() != Opcodes.DUP) {
            throw new InstrumentationException(owner, method.name + method.desc, SourceLocation.lineOf(created),
                    "new " + created.desc.replace('/', '.') + " is not followed by dup, so the object under construction "
                            + "cannot be moved past a suspendable call in its constructor arguments");
        }
    }

    private static Map<TypeInsnNode, MethodInsnNode> constructors(String owner, MethodNode method, Frame<SourceValue>[] frames,
                                                                  Set<TypeInsnNode> wanted) {
        Map<TypeInsnNode, MethodInsnNode> result = new HashMap<>();
        InsnList insns = method.instructions;
        for (int i = 0; i < insns.size(); i++) {
            if (insns.get(i) instanceof MethodInsnNode call && call.getOpcode() == Opcodes.INVOKESPECIAL
                    && call.name.equals("<init>") && frames[i] != null) {
                Frame<SourceValue> f = frames[i];
                int receiver = f.getStackSize() - Type.getArgumentTypes(call.desc).length - 1;
                TypeInsnNode created = createdBy(f.getStack(receiver));
                if (created != null && wanted.contains(created)) {
                    if (result.containsKey(created) && result.get(created) != call) {
                        throw new InstrumentationException(owner, method.name + method.desc, SourceLocation.lineOf(call),
                                "new " + created.desc.replace('/', '.') + " reaches more than one constructor call");
                    }
                    result.put(created, call);
                }
            }
        }
        return result;
    }

    /** Deletes {@code new; dup} and rebuilds them right before {@code init}, after its arguments. */
    private static void move(MethodNode method, TypeInsnNode created, MethodInsnNode init) {
        InsnList insns = method.instructions;
        AbstractInsnNode dup = nextReal(created);
        insns.remove(dup);
        insns.remove(created);
        Type[] args = Type.getArgumentTypes(init.desc);
        int[] slots = new int[args.length];
        InsnList before = new InsnList();
        for (int a = args.length - 1; a >= 0; a--) {
            slots[a] = method.maxLocals;
            method.maxLocals += args[a].getSize();
            before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ISTORE), slots[a]));
        }
        before.add(new TypeInsnNode(Opcodes.NEW, created.desc));
        before.add(new InsnNode(Opcodes.DUP));
        for (int a = 0; a < args.length; a++) {
            before.add(new VarInsnNode(args[a].getOpcode(Opcodes.ILOAD), slots[a]));
        }
        insns.insertBefore(init, before);
    }

    private static AbstractInsnNode nextReal(AbstractInsnNode insn) {
        AbstractInsnNode n = insn.getNext();
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }

    private static AbstractInsnNode previousReal(AbstractInsnNode insn) {
        AbstractInsnNode p = insn.getPrevious();
        while (p != null && p.getOpcode() < 0) {
            p = p.getPrevious();
        }
        return p;
    }
}
