package dev.jcoro.instrument.classify;

import dev.jcoro.instrument.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the classifier needs to know about one class, read from its bytes: its supertypes and, per
 * method, whether it is annotated {@code @Suspendable}, the types of its other annotations (one of which
 * may itself be annotated {@code @Suspendable}) and, for bridge methods, which method it forwards to.
 */
public final class ClassInfo {
    /**
     * One declared method.
     *
     * @param annotated carries {@code @Suspendable} itself
     * @param annotationTypes the internal names of its other annotations
     */
    public record Method(int access, boolean annotated, String bridgeTarget, List<String> annotationTypes) {
    }

    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final int access;
    private final boolean instrumented;
    private final boolean annotatedSuspendable;
    private final Map<String, Method> methods;

    private ClassInfo(String name, String superName, List<String> interfaces, int access, boolean instrumented,
                      boolean annotatedSuspendable, Map<String, Method> methods) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.access = access;
        this.instrumented = instrumented;
        this.annotatedSuspendable = annotatedSuspendable;
        this.methods = methods;
    }

    public String name() {
        return name;
    }

    public String superName() {
        return superName;
    }

    public List<String> interfaces() {
        return interfaces;
    }

    public boolean isInterface() {
        return (access & Opcodes.ACC_INTERFACE) != 0;
    }

    public boolean isPublic() {
        return (access & Opcodes.ACC_PUBLIC) != 0;
    }

    public int access() {
        return access;
    }

    public boolean isInstrumented() {
        return instrumented;
    }

    /** True for an annotation type that is itself annotated {@code @Suspendable}: the methods it marks are suspendable. */
    public boolean isSuspendableAnnotation() {
        return annotatedSuspendable && (access & Opcodes.ACC_ANNOTATION) != 0;
    }

    /** The method {@code name + desc}, or null if this class does not declare it. */
    public Method method(String nameAndDesc) {
        return methods.get(nameAndDesc);
    }

    public Map<String, Method> methods() {
        return methods;
    }

    /** Summarises a class already parsed into a tree. */
    public static ClassInfo of(ClassNode node) {
        Map<String, Method> methods = new HashMap<>();
        for (MethodNode m : node.methods) {
            methods.put(m.name + m.desc, new Method(m.access, hasSuspendable(m), bridgeTarget(node.name, m),
                    otherAnnotationTypes(m.visibleAnnotations, m.invisibleAnnotations)));
        }
        boolean suspendable = hasDesc(node.visibleAnnotations, node.invisibleAnnotations, Names.SUSPENDABLE_DESC);
        return new ClassInfo(node.name, node.superName, List.copyOf(node.interfaces), node.access, isMarked(node),
                suspendable, methods);
    }

    /**
     * A summary known without its class file: the listed methods are {@code @Suspendable}, no others are known,
     * and the class is no suspendable annotation type.
     */
    static ClassInfo summary(String name, String superName, List<String> interfaces, int access, List<String> suspendable) {
        Map<String, Method> methods = new HashMap<>();
        for (String m : suspendable) {
            methods.put(m, new Method(Opcodes.ACC_PUBLIC, true, null, List.of()));
        }
        return new ClassInfo(name, superName, interfaces, access, true, false, methods);
    }

    /** Summarises a class file without building a tree: only bridge bodies are read. */
    public static ClassInfo parse(byte[] bytes) {
        Collector c = new Collector();
        new ClassReader(bytes).accept(c, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassInfo(c.name, c.superName, c.interfaces, c.access, c.instrumented, c.suspendable, c.methods);
    }

    /** True if {@code node} carries jcoro's {@code @Instrumented} mark: the one test for it. */
    public static boolean isMarked(ClassNode node) {
        return node.visibleAnnotations != null && node.visibleAnnotations.stream().anyMatch(a -> isMark(a.desc));
    }

    private static boolean isMark(String annotationDescriptor) {
        return Names.INSTRUMENTED_DESC.equals(annotationDescriptor);
    }

    /**
     * Whether a call made by a bridge method {@code bridgeName} of {@code owner} is the call to the method it
     * bridges to: the one test for it, on trees and on class files alike.
     */
    private static boolean isBridgedCall(String owner, String bridgeName, String callOwner, String callName) {
        return callOwner.equals(owner) && callName.equals(bridgeName);
    }

    static boolean hasSuspendable(MethodNode m) {
        return hasDesc(m.visibleAnnotations, m.invisibleAnnotations, Names.SUSPENDABLE_DESC);
    }

    private static boolean hasDesc(List<AnnotationNode> visible, List<AnnotationNode> invisible, String desc) {
        return visible != null && visible.stream().anyMatch(a -> desc.equals(a.desc))
                || invisible != null && invisible.stream().anyMatch(a -> desc.equals(a.desc));
    }

    /** The internal names of the annotation types other than {@code @Suspendable}. */
    private static List<String> otherAnnotationTypes(List<AnnotationNode> visible, List<AnnotationNode> invisible) {
        List<String> types = new ArrayList<>();
        for (List<AnnotationNode> list : Arrays.asList(visible, invisible)) {
            if (list != null) {
                for (AnnotationNode a : list) {
                    addAnnotationType(types, a.desc);
                }
            }
        }
        return types.isEmpty() ? List.of() : List.copyOf(types);
    }

    private static void addAnnotationType(List<String> types, String desc) {
        if (!Names.SUSPENDABLE_DESC.equals(desc) && desc.startsWith("L") && desc.endsWith(";")) {
            types.add(desc.substring(1, desc.length() - 1));
        }
    }

    private static String bridgeTarget(String owner, MethodNode m) {
        if ((m.access & Opcodes.ACC_BRIDGE) == 0 || m.instructions == null) {
            return null;
        }
        for (var insn : m.instructions) {
            if (insn instanceof MethodInsnNode call && isBridgedCall(owner, m.name, call.owner, call.name)) {
                return call.name + call.desc;
            }
        }
        return null;
    }

    private static final class Collector extends ClassVisitor {
        String name;
        String superName;
        List<String> interfaces;
        int access;
        boolean instrumented;
        boolean suspendable;
        final Map<String, Method> methods = new HashMap<>();

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            this.name = name;
            this.superName = superName;
            this.interfaces = interfaces == null ? List.of() : List.of(interfaces);
            this.access = access;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            if (isMark(descriptor)) {
                instrumented = true;
            }
            suspendable |= Names.SUSPENDABLE_DESC.equals(descriptor);
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String mName, String descriptor, String signature, String[] exceptions) {
            String key = mName + descriptor;
            methods.put(key, new Method(access, false, null, List.of()));
            boolean bridge = (access & Opcodes.ACC_BRIDGE) != 0;
            return new MethodVisitor(Opcodes.ASM9) {
                private boolean annotated;
                private String target;
                private final List<String> annotationTypes = new ArrayList<>();

                @Override
                public AnnotationVisitor visitAnnotation(String desc, boolean visible) {
                    annotated |= Names.SUSPENDABLE_DESC.equals(desc);
                    addAnnotationType(annotationTypes, desc);
                    return null;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String callee, String calleeDesc, boolean itf) {
                    if (bridge && target == null && isBridgedCall(name, mName, owner, callee)) {
                        target = callee + calleeDesc;
                    }
                }

                @Override
                public void visitEnd() {
                    methods.put(key, new Method(access, annotated, target,
                            annotationTypes.isEmpty() ? List.of() : List.copyOf(annotationTypes)));
                }
            };
        }
    }
}
