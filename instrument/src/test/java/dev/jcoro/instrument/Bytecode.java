package dev.jcoro.instrument;

import dev.jcoro.instrument.classify.ClassBytesSource;
import dev.jcoro.instrument.classify.ClassHierarchy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;

/** Test helper: reading, finding, printing, verifying and loading the classes a test works on. */
public final class Bytecode {
    private static final ClassBytesSource JDK = ClassBytesSource.of(ClassLoader.getPlatformClassLoader());

    private Bytecode() {
    }

    public static ClassNode node(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        return node;
    }

    public static byte[] write(ClassNode node) {
        ClassWriter writer = new ClassWriter(0);
        node.accept(writer);
        return writer.toByteArray();
    }

    /** The only method of {@code node} called {@code name}. */
    public static MethodNode method(ClassNode node, String name) {
        List<MethodNode> found = node.methods.stream().filter(m -> m.name.equals(name)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " methods named " + name + " in " + node.name);
        }
        return found.get(0);
    }

    /** The only method of {@code node} whose name starts with {@code prefix} (javac's lambda bodies). */
    public static MethodNode methodStartingWith(ClassNode node, String prefix) {
        List<MethodNode> found = node.methods.stream().filter(m -> m.name.startsWith(prefix)).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " methods named " + prefix + "* in " + node.name);
        }
        return found.get(0);
    }

    /** The calls in {@code m} to a method called {@code name}, in instruction order. */
    public static List<MethodInsnNode> calls(MethodNode m, String name) {
        List<MethodInsnNode> out = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call && call.name.equals(name)) {
                out.add(call);
            }
        }
        return out;
    }

    /** A hierarchy that knows {@code classes} and the JDK, and nothing else. */
    public static ClassHierarchy hierarchy(Map<String, byte[]> classes) {
        return new ClassHierarchy(name -> classes.containsKey(name) ? classes.get(name) : JDK.bytes(name));
    }

    /** The method as ASM's Textifier prints it, for comparisons and failure messages. */
    public static String text(MethodNode m) {
        Textifier textifier = new Textifier();
        m.accept(new TraceMethodVisitor(textifier));
        StringWriter out = new StringWriter();
        textifier.print(new PrintWriter(out));
        return out.toString();
    }

    /** The whole class as ASM's Textifier prints it: equal for equal classes, whatever their constant pool order. */
    public static String text(byte[] classFile) {
        StringWriter out = new StringWriter();
        new ClassReader(classFile).accept(new TraceClassVisitor(new PrintWriter(out)), 0);
        return out.toString();
    }

    /**
     * Runs ASM's data-flow verifier over every method of {@code classFile}; returns its report, empty when
     * the class is valid. {@code classes} are loadable by the verifier, as the classes it refers to.
     */
    public static String asmVerify(byte[] classFile, Map<String, byte[]> classes) {
        StringWriter report = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(classFile), new MemoryLoader(classes), false, new PrintWriter(report));
        return report.toString();
    }

    /**
     * Defines {@code internalName} from {@code classes} and links it, which runs the JVM's own verifier over
     * its stack map frames; throws {@link VerifyError} if they are wrong.
     */
    public static Class<?> jvmVerify(Map<String, byte[]> classes, String internalName) throws ClassNotFoundException {
        Class<?> c = Class.forName(internalName.replace('/', '.'), false, new MemoryLoader(classes));
        // HotSpot links (and so verifies) a class before it lists its methods.
        c.getDeclaredMethods();
        return c;
    }

    /** The 1-based line of {@code source} that contains {@code marker}. */
    public static int lineOf(String source, String marker) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + marker);
    }

    /**
     * Defines the given classes itself, child first, and an empty public class for any other
     * {@code dev/jcoro/} name: rewritten code refers to the runtime in core (FrameStack, MethodTable),
     * which verification needs to name but never to run.
     */
    public static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        public MemoryLoader(Map<String, byte[]> classes) {
            super(Bytecode.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c != null) {
                    return c;
                }
                String internal = name.replace('.', '/');
                if (classes.containsKey(internal) || internal.startsWith("dev/jcoro/") && !internal.startsWith("dev/jcoro/instrument/")) {
                    return findClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String internal = name.replace('.', '/');
            byte[] bytes = classes.get(internal);
            if (bytes == null) {
                if (!internal.startsWith("dev/jcoro/")) {
                    throw new ClassNotFoundException(name);
                }
                bytes = emptyClass(internal);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        /** Serves the given classes as resources too, the way the rewriter reads supertypes. */
        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            byte[] bytes = name.endsWith(".class") ? classes.get(name.substring(0, name.length() - 6)) : null;
            return bytes != null ? new java.io.ByteArrayInputStream(bytes) : super.getResourceAsStream(name);
        }

        private static byte[] emptyClass(String internalName) {
            ClassWriter w = new ClassWriter(0);
            w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
            w.visitEnd();
            return w.toByteArray();
        }
    }
}
