package dev.jcoro.instrument.analyse;

import dev.jcoro.instrument.classify.ClassHierarchy;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's {@link SimpleVerifier}, which tracks the exact type of every reference, answering its
 * hierarchy questions from class bytes instead of loading classes. It is lenient: the method was
 * already accepted by javac and the JVM, so a check that cannot be decided passes.
 */
final class HierarchyVerifier extends SimpleVerifier {
    private final ClassHierarchy hierarchy;

    HierarchyVerifier(ClassHierarchy hierarchy, Type currentClass, Type currentSuperClass,
                      List<Type> currentClassInterfaces, boolean isInterface) {
        super(Opcodes.ASM9, currentClass, currentSuperClass, currentClassInterfaces, isInterface);
        this.hierarchy = hierarchy;
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.NEW) {
            return new UnderConstruction(Type.getObjectType(((TypeInsnNode) insn).desc), insn);
        }
        return super.newOperation(insn);
    }

    @Override
    protected boolean isInterface(Type type) {
        return type.getSort() == Type.OBJECT && hierarchy.isInterface(type.getInternalName());
    }

    @Override
    protected Type getSuperClass(Type type) {
        if (type.getSort() != Type.OBJECT) {
            return null;
        }
        String s = hierarchy.superName(type.getInternalName());
        return s == null ? null : Type.getObjectType(s);
    }

    @Override
    protected boolean isAssignableFrom(Type type1, Type type2) {
        if (type1.equals(type2)) {
            return true;
        }
        if (type1.getSort() == Type.ARRAY && type2.getSort() == Type.ARRAY) {
            Type e1 = Type.getType(type1.getDescriptor().substring(1));
            Type e2 = Type.getType(type2.getDescriptor().substring(1));
            return isReference(e1) && isReference(e2) && isAssignableFrom(e1, e2);
        }
        if (type1.getSort() == Type.OBJECT) {
            String name = type1.getInternalName();
            if (type2.getSort() == Type.ARRAY) {
                return name.equals("java/lang/Object") || name.equals("java/lang/Cloneable") || name.equals("java/io/Serializable");
            }
            if (type2.getSort() == Type.OBJECT) {
                return hierarchy.isAssignable(name, type2.getInternalName());
            }
        }
        return false;
    }

    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
        // The code verified once already; the analysis only wants the types, never a refusal.
        return true;
    }

    @Override
    protected Class<?> getClass(Type type) {
        throw new IllegalStateException("the rewriter must not load " + type.getClassName() + " during a transform");
    }

    private static boolean isReference(Type t) {
        return t.getSort() == Type.OBJECT || t.getSort() == Type.ARRAY;
    }
}
