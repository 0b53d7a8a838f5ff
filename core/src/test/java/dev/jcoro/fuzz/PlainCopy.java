package dev.jcoro.fuzz;

import dev.jcoro.fuzz.gen.Rt;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Makes the uninstrumented twin of compiled programs: the same class files, moved from
 * {@link SourcePrinter#PACKAGE} to {@link #PACKAGE}, which the agent is told to exclude. Renaming the bytes
 * rather than compiling the source twice means both copies run exactly the code javac produced, and it
 * halves the compile time.
 */
final class PlainCopy {
    /** Excluded from instrumentation by core's surefire configuration ({@code exclude=dev.jcoro.fuzz.plain}). */
    static final String PACKAGE = "dev.jcoro.fuzz.plain";

    private static final String FROM = SourcePrinter.PACKAGE.replace('.', '/') + "/";
    private static final String TO = PACKAGE.replace('.', '/') + "/";

    private static final Remapper RENAME = new Remapper() {
        @Override
        public String map(String internalName) {
            return internalName.startsWith(FROM) ? TO + internalName.substring(FROM.length()) : internalName;
        }
    };

    private PlainCopy() {
    }

    /** The binary name of the plain twin of class {@code className}. */
    static String rename(String className) {
        return className.startsWith(SourcePrinter.PACKAGE + ".")
                ? PACKAGE + className.substring(SourcePrinter.PACKAGE.length())
                : className;
    }

    /**
     * The plain twin of the programs' helpers, {@link Rt} and its nested types, read as class files from the
     * test class path.
     *
     * @return binary name to class file, renamed into the plain package
     */
    static Map<String, byte[]> runtime() {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (Class<?> c : Rt.class.getNestMembers()) {
            try (InputStream in = Rt.class.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new IllegalStateException("class file of " + c.getName() + " not found");
                }
                classes.put(c.getName(), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return of(classes);
    }

    /**
     * Renames every class of {@code classes} into the plain package.
     *
     * @param classes binary name to class file, as compiled
     * @return binary name to class file of the renamed copies
     */
    static Map<String, byte[]> of(Map<String, byte[]> classes) {
        Map<String, byte[]> copies = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            ClassWriter writer = new ClassWriter(0);
            new ClassReader(e.getValue()).accept(new ClassRemapper(writer, RENAME), 0);
            copies.put(rename(e.getKey()), writer.toByteArray());
        }
        return copies;
    }
}
