package dev.jcoro.instrument.emit;

import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Stage 4, part two: marks an instrumented class with {@code @Instrumented} and makes its static
 * initialiser register the method table (names and call-site lines) that stack traces and error
 * messages read.
 */
public final class ClassMarker {
    /** Keeps each constant well under the class file's 65,535-byte limit for one string. */
    private static final int CHUNK = 16_000;

    private ClassMarker() {
    }

    /**
     * @param table one line per rewritten method, {@code id|name|file|line,line,...}
     */
    public static void mark(ClassNode node, String table) {
        if (node.visibleAnnotations == null) {
            node.visibleAnnotations = new ArrayList<>();
        }
        node.visibleAnnotations.add(new AnnotationNode(Names.INSTRUMENTED_DESC));
        if (table.isEmpty()) {
            return;
        }
        InsnList register = new InsnList();
        for (String chunk : chunks(table)) {
            register.add(new LdcInsnNode(node.name.replace('/', '.')));
            register.add(new LdcInsnNode(chunk));
            register.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.METHOD_TABLE, Names.REGISTER, Names.REGISTER_DESC, false));
        }
        MethodNode clinit = node.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElse(null);
        if (clinit == null) {
            clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.instructions.add(new InsnNode(Opcodes.RETURN));
            clinit.maxStack = 2;
            node.methods.add(clinit);
        } else {
            clinit.maxStack = Math.max(clinit.maxStack, 2);
        }
        clinit.instructions.insert(register);
    }

    private static List<String> chunks(String table) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < table.length()) {
            int end = Math.min(table.length(), start + CHUNK);
            if (end < table.length()) {
                int newline = table.lastIndexOf('\n', end);
                end = newline > start ? newline + 1 : end;
            }
            out.add(table.substring(start, end));
            start = end;
        }
        return out;
    }
}
