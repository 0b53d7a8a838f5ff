package dev.jcoro.instrument;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The one way the instrumenter names a place in the user's code: {@code Class.method (File.java:line)},
 * the form of a stack trace line, so IDEs make it a link.
 */
public final class SourceLocation {
    private SourceLocation() {
    }

    /**
     * @param owner the class, internal or binary name
     * @param line the source line, or a negative number when unknown (then only the file is named; with
     *     neither, the method alone)
     */
    public static String format(String owner, String method, String sourceFile, int line) {
        String name = owner.replace('/', '.') + "." + method;
        if (sourceFile == null && line <= 0) {
            return name;
        }
        String where = sourceFile == null ? "line " + line : line > 0 ? sourceFile + ":" + line : sourceFile;
        return name + " (" + where + ")";
    }

    /** A whole method, by name and descriptor, at its first line: where a refusal of the method points. */
    public static String ofMethod(ClassNode owner, MethodNode method) {
        return format(owner.name, method.name + method.desc, owner.sourceFile, firstLine(method));
    }

    /** The place of {@code insn} in {@code method}. */
    public static String of(ClassNode owner, MethodNode method, AbstractInsnNode insn) {
        return format(owner.name, method.name, owner.sourceFile, lineOf(insn));
    }

    /** The first line of {@code method}, where a refusal of the whole method points. */
    public static String of(ClassNode owner, MethodNode method) {
        return format(owner.name, method.name, owner.sourceFile, firstLine(method));
    }

    /** The source line of the nearest line-number entry at or before {@code insn}, or -1. */
    public static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode p = insn; p != null; p = p.getPrevious()) {
            if (p instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    /** The first source line of a method, or -1. */
    public static int firstLine(MethodNode m) {
        if (m.instructions == null) {
            return -1;
        }
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof LineNumberNode line) {
                return line.line;
            }
        }
        return -1;
    }
}
