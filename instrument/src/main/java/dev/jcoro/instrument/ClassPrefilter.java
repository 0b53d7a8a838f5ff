package dev.jcoro.instrument;

import dev.jcoro.instrument.classify.ClassHierarchy;
import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;

/**
 * A cheap look at a class file's constant pool that rules out classes without parsing them: a class
 * can need rewriting only if it mentions jcoro, creates lambdas, calls a method of a class outside the
 * JDK (which may be suspendable), or has a supertype outside the JDK (which may declare suspendable
 * methods it overrides). What is left is mostly code that talks to the JDK only.
 */
public final class ClassPrefilter {
    private static final int CONSTANT_METHODREF = 10;
    private static final int CONSTANT_INTERFACE_METHODREF = 11;
    private static final int CONSTANT_INVOKE_DYNAMIC = 18;
    private static final byte[] JCORO = "dev/jcoro/".getBytes(StandardCharsets.US_ASCII);

    private ClassPrefilter() {
    }

    public static boolean mayNeedRewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        String superName = reader.getSuperName();
        if (superName != null && !ClassHierarchy.isPlatform(superName)) {
            return true;
        }
        for (String i : reader.getInterfaces()) {
            if (!ClassHierarchy.isPlatform(i)) {
                return true;
            }
        }
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue;
            }
            int tag = classFile[offset - 1];
            if (tag == CONSTANT_INVOKE_DYNAMIC) {
                return true;
            }
            // A call into a non-JDK class may reach a suspendable method: the caller then needs a boundary check.
            if ((tag == CONSTANT_METHODREF || tag == CONSTANT_INTERFACE_METHODREF)
                    && !ClassHierarchy.isPlatform(reader.readClass(offset, buffer))) {
                return true;
            }
        }
        return contains(classFile, JCORO);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
