package dev.jcoro.instrument.emit;

import dev.jcoro.instrument.classify.ClassHierarchy;
import org.objectweb.asm.ClassWriter;

/**
 * A {@link ClassWriter} that computes stack map frames from the hierarchy read as bytes, so computing
 * frames never loads a class (and never fails on one that is missing: it merges to Object).
 */
final class HierarchyClassWriter extends ClassWriter {
    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(ClassHierarchy hierarchy, int flags) {
        super(flags);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }

    @Override
    protected ClassLoader getClassLoader() {
        throw new IllegalStateException("the rewriter must not load classes while computing frames");
    }
}
