package dev.jcoro.instrument.offline;

import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.ModuleRequireNode;

/**
 * Warns when rewritten classes belong to a named module that does not require {@code dev.jcoro}: the rewritten
 * code calls into {@code dev.jcoro.internal}, and without a read edge the first such call fails with
 * {@code IllegalAccessError}. The agent adds the edge at run time; code rewritten ahead of time cannot.
 */
final class ModuleDescriptorCheck {
    static final String JCORO_MODULE = "dev.jcoro";

    private ModuleDescriptorCheck() {
    }

    /**
     * The warning for the module descriptors among {@code entries} (a directory's or jar's files by path), or
     * empty when there is none, it is jcoro's own, or it requires {@code dev.jcoro}.
     */
    static Optional<String> warning(Map<String, byte[]> entries) {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().equals("module-info.class") || e.getKey().matches("META-INF/versions/\\d+/module-info\\.class")) {
                Optional<String> w = warning(e.getValue());
                if (w.isPresent()) {
                    return w;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> warning(byte[] moduleInfo) {
        ClassNode node = new ClassNode(Opcodes.ASM9);
        new ClassReader(moduleInfo).accept(node, ClassReader.SKIP_CODE);
        if (node.module == null || node.module.name.equals(JCORO_MODULE)) {
            return Optional.empty();
        }
        if (node.module.requires != null) {
            for (ModuleRequireNode r : node.module.requires) {
                if (r.module.equals(JCORO_MODULE)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("module " + node.module.name + " has rewritten classes but does not declare `requires " + JCORO_MODULE
                + ";`: unless a module it requires has `requires transitive " + JCORO_MODULE + ";`, they fail with IllegalAccessError"
                + " on the module path. Add `requires " + JCORO_MODULE + ";` to its module-info.java");
    }
}
