package dev.jcoro.instrument.classify;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the rewriter reads the bytes of a class it needs to know about (a supertype, the owner of a
 * call). Reading bytes instead of loading classes keeps a transform from triggering class loading.
 */
@FunctionalInterface
public interface ClassBytesSource {
    /**
     * The class file of {@code internalName}, or null if it cannot be found.
     *
     * @param internalName a class name with slashes, such as {@code java/util/List}
     */
    byte[] bytes(String internalName);

    /** Reads class files as resources of {@code loader}, then of the system class loader. */
    static ClassBytesSource of(ClassLoader loader) {
        return internalName -> read(loader, internalName);
    }

    /**
     * The class file of {@code internalName} as a resource of {@code loader} (null: the boot loader), then of the
     * system class loader; null if neither has it.
     */
    static byte[] read(ClassLoader loader, String internalName) {
        String resource = internalName.concat(".class");
        byte[] found = readResource(loader, resource);
        return found != null ? found : readResource(ClassLoader.getSystemClassLoader(), resource);
    }

    private static byte[] readResource(ClassLoader loader, String resource) {
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
