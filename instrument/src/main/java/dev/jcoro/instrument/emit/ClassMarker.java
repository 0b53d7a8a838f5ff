package dev.jcoro.instrument.emit;

import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Stage 4, part two: marks an instrumented class with {@code @Instrumented} and makes its static
 * initialiser reserve its method ids and define its method table (names, roles and call-site lines),
 * which stack traces and error messages read.
 */
public final class ClassMarker {
    private ClassMarker() {
    }

    /** Marks {@code node} and, if the table has rows, adds the id field and its initialisation. */
    public static void mark(ClassNode node, MethodTableBuilder table) {
        if (node.visibleAnnotations == null) {
            node.visibleAnnotations = new ArrayList<>();
        }
        node.visibleAnnotations.add(new AnnotationNode(Names.INSTRUMENTED_DESC));
        if (table.isEmpty()) {
            return;
        }
        // An interface's fields must be public; either way the field is synthetic and final.
        int access = (table.ownerIsInterface() ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE)
                | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC;
        node.fields.add(new FieldNode(access, Names.METHOD_IDS_FIELD, "I", null, null));
        InsnList init = new InsnList();
        init.add(new LdcInsnNode(table.size()));
        init.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.METHOD_TABLE, Names.RESERVE, Names.RESERVE_DESC, false));
        init.add(new FieldInsnNode(Opcodes.PUTSTATIC, node.name, Names.METHOD_IDS_FIELD, "I"));
        for (String chunk : table.encodedChunks(node.sourceFile)) {
            init.add(new FieldInsnNode(Opcodes.GETSTATIC, node.name, Names.METHOD_IDS_FIELD, "I"));
            init.add(new LdcInsnNode(node.name.replace('/', '.')));
            init.add(new LdcInsnNode(chunk));
            init.add(new MethodInsnNode(Opcodes.INVOKESTATIC, Names.METHOD_TABLE, Names.DEFINE, Names.DEFINE_DESC, false));
        }
        MethodNode clinit = node.methods.stream().filter(m -> m.name.equals("<clinit>")).findFirst().orElse(null);
        if (clinit == null) {
            clinit = new MethodNode(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
            clinit.instructions.add(new InsnNode(Opcodes.RETURN));
            clinit.maxStack = 3;
            node.methods.add(clinit);
        } else {
            clinit.maxStack = Math.max(clinit.maxStack, 3);
        }
        clinit.instructions.insert(init);
    }
}
